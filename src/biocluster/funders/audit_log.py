"""How funder contracts read in the audit trail, and who reads it: cluster staff."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import FundedProject, FunderContract, Instalment, Objective, ReportingDeadline, Target

for model in (FunderContract, Objective, Target, FundedProject, Instalment, ReportingDeadline):
    history_rule(model, "funders.change_contract")

register("funders.target.saved", gettext_lazy("%(actor)s set the target “%(object)s”"))
register("funders.target.removed", gettext_lazy("%(actor)s removed the target “%(object)s”"))
register("funders.project.added", gettext_lazy("%(actor)s added the funded project “%(object)s”"))
register("funders.deadline.changed", gettext_lazy("%(actor)s changed the reporting deadline “%(object)s”"))
