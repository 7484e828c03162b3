"""How the calls' audit trail reads, and who reads it (those who run the call)."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Call, Proposal

register("calls.proposal.submitted", gettext_lazy("%(actor)s submitted the proposal %(object)s"))
register("calls.call.published", gettext_lazy("%(actor)s published the call %(object)s"))

history_rule(Call, "calls.manage_call")
history_rule(Proposal, "calls.manage_proposal")
register("calls.award.instalment_paid", gettext_lazy("%(actor)s recorded an instalment paid on %(object)s"))
register(
    "calls.review.conflict_detected",
    gettext_lazy("%(actor)s: a conflict of interest was found for %(object)s"),
)
