"""How the programmes' audit trail reads, and who reads it (entreprises staff)."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Cohort, Enrolment, Programme

register("programmes.session.logged", gettext_lazy("%(actor)s logged the session %(object)s"))
register("programmes.quota.overridden", gettext_lazy("%(actor)s allowed going over the quota: %(object)s"))

history_rule(Enrolment, "programmes.change_enrolment")
for model in (Programme, Cohort):
    history_rule(model, "programmes.manage_programmes")
register("programmes.plan.action_added", gettext_lazy("%(actor)s added an action to the plan: %(object)s"))
register(
    "programmes.plan.action_status", gettext_lazy("%(actor)s changed the status of the action %(object)s")
)
register(
    "programmes.plan.objective_added", gettext_lazy("%(actor)s added an objective to the plan: %(object)s")
)
register("programmes.plan.review_scheduled", gettext_lazy("%(actor)s scheduled a plan review: %(object)s"))
