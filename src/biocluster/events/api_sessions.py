"""/api/rooms and an event's sessions: event staff schedule the programme.

A session in a bookable room holds it through the platforms' booking engine: when the room is
taken at that time (a private booking, another session) the answer is 409 naming what is in
the way (`in_the_way`: the booking's id), and nothing is saved. Times without an offset are
read in the event's time zone.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status

from biocluster.core.access import get_child_or_404, get_visible_or_404, require
from biocluster.core.api_types import ObjectId, OptionalId, Text
from biocluster.platforms.services import policy

from . import services
from .api import Moment, _aware
from .models import Event, Room, Session

router = Router(tags=["events"])


class EventRoomOut(Schema):
    id: int
    name: str
    building: str
    seats: int | None
    bookable: bool = Field(description="Held through the booking engine when a session takes place in it.")
    instrument: int | None = Field(description="The room on the rooms platform (book it at /api/bookings).")


class ProgrammeSessionOut(Schema):
    id: int
    event: int
    title_en: str
    title_fr: str
    starts_at: datetime
    ends_at: datetime
    room: int | None
    room_name: str
    speakers: str
    booking: int | None = Field(description="The room's booking the session holds.")


class ProgrammeSessionPatch(Schema):
    title_en: Text(200) | None = None
    title_fr: Text(200) | None = None
    description_en: Text(5000) | None = None
    description_fr: Text(5000) | None = None
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    room: OptionalId = None
    speakers: Text(300) | None = None


class ProgrammeSessionIn(ProgrammeSessionPatch):
    title_en: Text(200, 1)
    starts_at: Moment
    ends_at: Moment


class RoomTaken(Schema):
    detail: str
    field: str
    code: str
    in_the_way: int | None = Field(
        None, description="The booking in the way (a private booking or a session's)."
    )


def room_out(room: Room) -> dict:
    return {
        "id": room.pk,
        "name": room.name,
        "building": room.building,
        "seats": room.seats,
        "bookable": room.resource_id is not None,
        "instrument": room.resource_id,
    }


def session_out(session: Session) -> dict:
    return {
        "id": session.pk,
        "event": session.event_id,
        "title_en": session.title_en,
        "title_fr": session.title_fr,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room_id,
        "room_name": str(session.room or ""),
        "speakers": session.speakers,
        "booking": session.booking_id,
    }


def _fields(payload: ProgrammeSessionPatch, event: Event) -> dict:
    data = payload.dict(exclude_unset=True)
    for name, value in list(data.items()):
        if value is None and name != "room":
            raise ValidationError({name: ["This field may not be null."]})
    if data.get("room") is not None:
        data["room"] = Room.objects.filter(pk=data["room"]).first()
        if data["room"] is None:
            raise ValidationError({"room": ["Unknown room."]})
    for name in ("starts_at", "ends_at"):
        if name in data:
            data[name] = _aware(data[name], event.tz)
    return data


def _taken(error: ValidationError):
    """409 when the room is taken at that time; any other refusal is the usual 422."""
    if policy.error_code(error) not in policy.TAKEN:
        raise error
    return Status(
        409,
        {
            "detail": " ".join(error.messages),
            "field": "room",
            "code": policy.CONFLICT,
            "in_the_way": policy.in_the_way(error),
        },
    )


@router.get("/rooms", response=list[EventRoomOut], summary="The rooms sessions take place in (event staff)")
def list_rooms(request):
    require(request.user, "events.manage_event")
    return [room_out(room) for room in Room.objects.order_by("name", "id")]


@router.post(
    "/events/{pk}/sessions",
    response={201: ProgrammeSessionOut, 409: RoomTaken},
    summary="Add a session; a bookable room is held for it (event staff)",
)
def create_session(request, pk: ObjectId, payload: ProgrammeSessionIn):
    event = get_visible_or_404(Event.objects.all(), request.user, pk=pk)
    require(request.user, "events.manage_event", event)
    try:
        session = services.add_session(event=event, actor=request.user, **_fields(payload, event))
    except ValidationError as error:
        return _taken(error)
    return Status(201, session_out(session))


def _session(request, pk: int) -> Session:
    session = get_child_or_404(
        Session.objects.select_related("event", "room"), request.user, through="event", pk=pk
    )
    require(request.user, "events.manage_event", session.event)
    return session


@router.patch(
    "/sessions/{pk}",
    response={200: ProgrammeSessionOut, 409: RoomTaken},
    summary="Change a session; its room's booking moves with it (event staff)",
)
def update_session(request, pk: ObjectId, payload: ProgrammeSessionPatch):
    session = _session(request, pk)
    try:
        session = services.update_session(
            session=session, actor=request.user, **_fields(payload, session.event)
        )
    except ValidationError as error:
        return _taken(error)
    return session_out(session)


@router.delete(
    "/sessions/{pk}", response={204: None}, summary="Delete a session; its room is freed (event staff)"
)
def delete_session(request, pk: ObjectId):
    services.delete_session(session=_session(request, pk), actor=request.user)
    return Status(204, None)
