"""How the events' audit trail reads, and who reads it (those who manage the event)."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Event

register("events.event.published", gettext_lazy("%(actor)s published the event %(object)s"))
register("events.registration.confirmed", gettext_lazy("%(actor)s confirmed the registration %(object)s"))
register(
    "events.registration.waiting",
    gettext_lazy("%(actor)s put the registration %(object)s on the waiting list"),
)

history_rule(Event, "events.manage_event")
