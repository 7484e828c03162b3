"""A session's room, held through the platforms' booking engine (the events → platforms edge).

A room bookable on the cluster's rooms platform (`Room.resource`) is held for every session in
it, in the session's own transaction: added, moved, moved to another room, deleted or cancelled
with the event, the session's booking follows. The database refuses a session and a private
booking (or two sessions) in the same room at the same time; the refusal names what is in the way.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from biocluster.platforms.models import BookingStatus
from biocluster.platforms.services import rooms as engine

from ..models import EventStatus, Session

# The engine's fields, as the session calls them.
FIELDS = {"start": "starts_at", "end": "ends_at"}
KEPT = (BookingStatus.CONFIRMED,)


def _purpose(session: Session) -> str:
    event = session.event
    return f"{session.title_en or session.title_fr} — {event.title_en or event.title_fr}"


def _on_session(error: ValidationError) -> ValidationError:
    """The engine's refusal on the session's fields: a room taken or unavailable is about the room."""
    fields: dict[str, list] = {}
    for name, items in error.error_dict.items():
        for item in items:
            field = FIELDS.get(name, "room") if item.code in ("ends_before_start", "too_long") else "room"
            fields.setdefault(field, []).append(
                ValidationError(item.message, code=item.code, params=item.params)
            )
    return ValidationError(fields)


def _wanted(session: Session):
    """The resource the session should hold, or None (no room, a room not bookable, no duration,
    the event cancelled)."""
    if session.room_id is None or session.ends_at <= session.starts_at:
        return None
    if session.event.status == EventStatus.CANCELLED:
        return None
    return session.room.resource


def sync(*, actor, session: Session) -> None:
    """Hold, move or release the session's room to match the session as it now stands (then saved)."""
    wanted = _wanted(session)
    held = session.booking if session.booking_id and session.booking.status in KEPT else None
    try:
        if held is not None and (wanted is None or held.instrument_id != wanted.pk):
            engine.release(actor=actor, booking=held, reason=_("The session moved to another room."))
            held = None
        if wanted is not None and held is not None:
            engine.move_hold(
                actor=actor,
                booking=held,
                start=session.starts_at,
                end=session.ends_at,
                purpose=_purpose(session),
            )
        elif wanted is not None:
            held = engine.hold(
                actor=actor,
                instrument=wanted,
                start=session.starts_at,
                end=session.ends_at,
                purpose=_purpose(session),
            )
    except ValidationError as error:
        raise _on_session(error) from error
    if session.booking_id != (held.pk if held else None):
        session.booking = held
        session.save(update_fields=["booking", "updated_at"])


def release(*, actor, session: Session, reason: str) -> None:
    if session.booking_id and session.booking.status in KEPT:
        engine.release(actor=actor, booking=session.booking, reason=reason)
