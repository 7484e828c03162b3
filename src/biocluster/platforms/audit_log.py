"""How the platforms' audit trail reads, and who reads it (their managers and platform staff)."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biocluster.audit.display import actor_name, history_rule, register
from biocluster.core.formatting import money

from .models import Booking, Instrument, Platform, Tariff


def _amount(value) -> str:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return money(amount)


def _tariff_updated(event) -> str | None:
    price = event.changes.get("price")
    if not price:
        return None  # only the unit changed: the generic sentence lists it
    return _("%(actor)s changed the tariff %(tariff)s from %(before)s to %(after)s") % {
        "actor": actor_name(event),
        "tariff": event.object_repr.split(":", 1)[0],
        "before": _amount(price[0]),
        "after": _amount(price[1]),
    }


register("platforms.tariff.updated", _tariff_updated)
register("platforms.tariff.created", gettext_lazy("%(actor)s set the tariff %(object)s"))
register("platforms.booking.created", gettext_lazy("%(actor)s booked %(object)s"))
register("platforms.booking.held", gettext_lazy("%(actor)s held %(object)s for an event session"))
register("platforms.booking.cancelled", gettext_lazy("%(actor)s cancelled the booking %(object)s"))
register("platforms.instrument.down", gettext_lazy("%(actor)s reported %(object)s out of service"))
register("platforms.instrument.back", gettext_lazy("%(actor)s put %(object)s back in service"))

for model in (Platform, Instrument, Booking, Tariff):
    history_rule(model, "platforms.manage_platform")

# The actions named from a value (f"platforms.usage.{kind}", ...).
register("platforms.usage.use", gettext_lazy("%(actor)s recorded the use %(object)s"))
register(
    "platforms.usage.late_cancellation", gettext_lazy("%(actor)s charged a late cancellation: %(object)s")
)
register("platforms.usage.no_show", gettext_lazy("%(actor)s charged a no-show: %(object)s"))
register("platforms.usage.service", gettext_lazy("%(actor)s recorded the service %(object)s"))
register("platforms.service_request.quote", gettext_lazy("%(actor)s sent a quote for %(object)s"))
register("platforms.service_request.accept", gettext_lazy("%(actor)s accepted the quote for %(object)s"))
register("platforms.service_request.start", gettext_lazy("%(actor)s started the work on %(object)s"))
register("platforms.service_request.deliver", gettext_lazy("%(actor)s delivered %(object)s"))
register("platforms.outage.breakdown_reported", gettext_lazy("%(actor)s reported a breakdown: %(object)s"))
register("platforms.outage.safety_reported", gettext_lazy("%(actor)s reported a safety issue: %(object)s"))
register(
    "platforms.usage.no_show_withdrawn", gettext_lazy("%(actor)s withdrew the no-show charge %(object)s")
)
