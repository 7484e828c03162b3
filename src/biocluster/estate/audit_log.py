"""How the estate reads in the audit trail, and who reads it: cluster staff."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Agreement, Building, Move, Notice, Payment, SpaceRequest, TenantRequest, Unit, UnitLineage

history_rule(Agreement, "estate.change_agreement")
history_rule(Building, "estate.manage_estate")
history_rule(Unit, "estate.manage_estate")
history_rule(UnitLineage, "estate.manage_estate")
history_rule(TenantRequest, "estate.manage_tenant_requests")
history_rule(Notice, "estate.manage_rent_roll")
history_rule(Payment, "estate.manage_rent_roll")
history_rule(SpaceRequest, "estate.manage_space_requests")
history_rule(Move, "estate.record_move")

register("estate.agreement.signed", gettext_lazy("%(actor)s signed the agreement “%(object)s”"))
register("estate.agreement.renewed", gettext_lazy("%(actor)s renewed the agreement “%(object)s”"))
register("estate.agreement.terminated", gettext_lazy("%(actor)s terminated the agreement “%(object)s”"))
register("estate.agreement.cancelled", gettext_lazy("%(actor)s cancelled the agreement “%(object)s”"))
register("estate.unit.status_set", gettext_lazy("%(actor)s set the status of the unit “%(object)s”"))
register(
    "estate.space_request.offered", gettext_lazy("%(actor)s offered units for the space request “%(object)s”")
)
register("estate.space_request.signed", gettext_lazy("%(actor)s signed the space request “%(object)s”"))
register(
    "estate.space_request.lost", gettext_lazy("%(actor)s recorded the space request “%(object)s” as lost")
)
register("estate.space_request.requested", gettext_lazy("%(actor)s asked for space: “%(object)s”"))
register(
    "estate.space_request.visited",
    gettext_lazy("%(actor)s recorded a visit for the space request “%(object)s”"),
)
register(
    "estate.space_request.linked",
    gettext_lazy("%(actor)s linked the space request “%(object)s” to the directory's entry"),
)
register(
    "estate.space_request.soft_landing_linked",
    gettext_lazy("%(actor)s linked the space request “%(object)s” to its soft-landing case"),
)
register("estate.move.moved_in", gettext_lazy("%(actor)s recorded the move-in “%(object)s”"))
register("estate.move.moved_out", gettext_lazy("%(actor)s recorded the move-out “%(object)s”"))
register(
    "estate.agreement.moved_out",
    gettext_lazy("%(actor)s recorded the move-out reason of the agreement “%(object)s”"),
)
register("estate.notice.issued", gettext_lazy("%(actor)s issued the payment notice “%(object)s”"))
register("estate.credit_note.issued", gettext_lazy("%(actor)s issued the credit note “%(object)s”"))
register("estate.payment.recorded", gettext_lazy("%(actor)s recorded the payment “%(object)s”"))
register("estate.unit.divided", gettext_lazy("%(actor)s divided a unit (“%(object)s”)"))
register("estate.unit.combined", gettext_lazy("%(actor)s combined units (“%(object)s”)"))
register("estate.tenant_request.reported", gettext_lazy("%(actor)s reported a problem: “%(object)s”"))
register("estate.tenant_request.assigned", gettext_lazy("%(actor)s assigned the tenant request “%(object)s”"))
register("estate.tenant_request.closed", gettext_lazy("%(actor)s closed the tenant request “%(object)s”"))
