"""How the estate reads in the audit trail, and who reads it: cluster staff."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Agreement, Building, Unit

history_rule(Agreement, "estate.change_agreement")
history_rule(Building, "estate.manage_estate")
history_rule(Unit, "estate.manage_estate")

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
