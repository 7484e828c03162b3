"""How international cooperation reads in the audit trail, and who reads it: cluster staff."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import (
    AgreementActivity,
    Label,
    Membership,
    Mission,
    MissionFollowUp,
    Pack,
    PackSubscription,
    PartnershipAgreement,
    SoftLanding,
    TalentVisa,
)

for model in (
    PartnershipAgreement,
    AgreementActivity,
    SoftLanding,
    TalentVisa,
    Mission,
    Pack,
    PackSubscription,
    MissionFollowUp,
    Membership,
    Label,
):
    history_rule(model, "cooperation.view_cooperation")

register("cooperation.activity.logged", gettext_lazy("%(actor)s logged the activity “%(object)s”"))
register(
    "cooperation.soft_landing.moved",
    gettext_lazy("%(actor)s moved “%(object)s” from %(before_stage)s to %(after_stage)s"),
)
register(
    "cooperation.soft_landing.installed",
    gettext_lazy("%(actor)s installed “%(object)s”, an organisation of the directory"),
)
register(
    "directory.organisation.created_from_soft_landing",
    gettext_lazy("%(actor)s added %(object)s to the directory on its installation"),
)
