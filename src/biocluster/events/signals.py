"""What other apps may follow of the events, with the acting user (a model signal has none)."""

from django.dispatch import Signal

# Sent by the registration services once a registration is saved with a new status
# (confirmed, waiting, promoted, cancelled), inside their transaction:
# `registration_changed.send(sender=Registration, registration=..., actor=...)`.
registration_changed = Signal()

# Sent by `update_event` once the event is saved, inside its transaction (e.g. partnering
# switched on for registrations already confirmed): `event_changed.send(sender=Event, event=..., actor=...)`.
event_changed = Signal()
