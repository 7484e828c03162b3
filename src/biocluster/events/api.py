"""/api/events and /api/registrations: the same rules as the pages.

Times without an offset are read in the event's time zone. A person registers
themselves (POST /api/registrations); event staff see every registration and
may filter them by event.
"""

from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, OptionalId, Text
from biocluster.directory.models import Organisation
from biocluster.directory.querysets import organisation_ids_of

from . import display, services, stats
from .filters import EventFilter
from .models import AttendanceMode, Event, EventKind, EventStatus, Registration, RegistrationStatus
from .querysets import manages_events

router = Router(tags=["events"])


def _bounded(value: datetime) -> datetime:
    # Far years overflow once a time zone is applied: refuse them as input errors.
    if not 2000 <= value.year < 2100:
        raise ValueError("must be between 2000 and 2100")
    return value


Moment = Annotated[datetime, AfterValidator(_bounded)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


# --------------------------------------------------------------------------- events


class EventSessionOut(Schema):
    id: int
    title_en: str
    title_fr: str
    starts_at: datetime
    ends_at: datetime
    room: str
    speakers: str


class DelegationVisitOut(Schema):
    id: int
    organisation: int
    organisation_name: str
    starts_at: datetime | None
    ends_at: datetime | None
    notes_en: str
    notes_fr: str


class EventOut(Schema):
    id: int
    title_en: str
    title_fr: str
    description_en: str
    description_fr: str
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    when: str
    venue: str
    city: str
    country: str
    online_url: str
    organiser: int | None
    capacity: int | None
    online_capacity: int | None
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    registration_open: bool
    has_partnering: bool
    delegation_origin: str
    delegation_origin_fr: str
    visiting_organisations: list[int]
    sessions: list[EventSessionOut]
    visits: list[DelegationVisitOut]
    source: str
    url: str


def event_out(event: Event) -> dict:
    problem = services.registration_problem(event, (event.modes() or [AttendanceMode.ON_SITE])[0])
    return {
        **{
            name: getattr(event, name)
            for name in [
                "id",
                "title_en",
                "title_fr",
                "description_en",
                "description_fr",
                "kind",
                "status",
                "starts_at",
                "ends_at",
                "time_zone",
                "venue",
                "city",
                "country",
                "online_url",
                "capacity",
                "online_capacity",
                "registration_opens_at",
                "registration_closes_at",
                "has_partnering",
                "delegation_origin",
                "delegation_origin_fr",
                "source",
            ]
        },
        "organiser": event.organiser_id,
        "when": display.event_when(event),
        "registration_open": problem is None,
        "visiting_organisations": [o.pk for o in event.visiting_organisations.all()],
        "sessions": [
            {
                "id": s.pk,
                "title_en": s.title_en,
                "title_fr": s.title_fr,
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "room": str(s.room or ""),
                "speakers": s.speakers,
            }
            for s in event.sessions.all()
        ],
        "visits": [
            {
                "id": v.pk,
                "organisation": v.organisation_id,
                "organisation_name": v.organisation.name,
                "starts_at": v.starts_at,
                "ends_at": v.ends_at,
                "notes_en": v.notes_en,
                "notes_fr": v.notes_fr,
            }
            for v in event.visits.all()
        ],
        "url": reverse("events:event_detail", args=[event.pk]),
    }


def _events(request):
    return (
        Event.objects.visible_to(request.user)
        .select_related("organiser")
        .prefetch_related("visiting_organisations", "sessions__room", "visits__organisation")
    )


class EventQuery(Schema):
    kind: EventKind | None = None
    status: EventStatus | None = None
    country: Text(2) | None = None
    has_partnering: bool | None = None
    starts_after: Moment | None = None
    starts_before: Moment | None = None
    q: Text(100) | None = None


def _aware(value: datetime | None, tz) -> datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, tz)


@router.get("/events", response=list[EventOut], summary="List the events you may see")
@paginate
def list_events(request, query: Query[EventQuery]):
    events = filtered(EventFilter, query, _events(request))
    events = events.order_by("starts_at", "id")
    return Shaped(events, event_out)


@router.get("/events/{pk}", response=EventOut)
def get_event(request, pk: ObjectId):
    return event_out(get_visible_or_404(_events(request), request.user, pk=pk))


class EventPatch(Schema):
    title_en: Text(200) | None = None
    title_fr: Text(200) | None = None
    description_en: Text(5000) | None = None
    description_fr: Text(5000) | None = None
    kind: EventKind | None = None
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    time_zone: Text(64, 1) | None = None
    venue: Text(200) | None = None
    city: Text(120) | None = None
    country: Text(2, 2) | None = None
    online_url: Text(200) | None = None
    organiser: OptionalId = None
    capacity: Count | None = None
    online_capacity: Count | None = None
    registration_opens_at: Moment | None = None
    registration_closes_at: Moment | None = None
    has_partnering: bool | None = None
    delegation_origin: Text(120) | None = None
    delegation_origin_fr: Text(120) | None = None
    visitors_note: Text(2000) | None = None
    visiting_organisations: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(None, max_length=100)
    source: Text(200) | None = None


class EventIn(EventPatch):
    title_en: Text(200, 1)
    starts_at: Moment
    ends_at: Moment


NULLABLE = {"organiser", "capacity", "online_capacity", "registration_opens_at", "registration_closes_at"}
MOMENTS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")  # the service refuses the unknown zone, naming the field


def _fields(payload: EventPatch, event: Event | None) -> tuple[dict, list | None]:
    data = payload.dict(exclude_unset=True)
    for name, value in list(data.items()):
        if value is None and name not in NULLABLE and name != "visiting_organisations":
            raise ValidationError({name: ["This field may not be null."]})
    visiting_ids = data.pop("visiting_organisations", None)
    visiting = None
    if visiting_ids is not None:
        visiting = list(Organisation.objects.filter(pk__in=visiting_ids))
        if len(visiting) != len(set(visiting_ids)):
            raise ValidationError({"visiting_organisations": ["Unknown organisation."]})
    if "organiser" in data and data["organiser"] is not None:
        data["organiser"] = Organisation.objects.filter(pk=data["organiser"]).first()
        if data["organiser"] is None:
            raise ValidationError({"organiser": ["Unknown organisation."]})
    tz = _zone(data.get("time_zone") or (event.time_zone if event else "Europe/Paris"))
    for name in MOMENTS:
        if name in data:
            data[name] = _aware(data[name], tz)
    return data, visiting


@router.post("/events", response={201: EventOut}, summary="Create an event (event staff)")
def create_event(request, payload: EventIn):
    require(request.user, "events.manage_event")
    data, visiting = _fields(payload, None)
    event = services.create_event(actor=request.user, visiting_organisations=visiting, **data)
    return Status(201, event_out(_events(request).get(pk=event.pk)))


@router.patch("/events/{pk}", response=EventOut, summary="Change an event (event staff)")
def update_event(request, pk: ObjectId, payload: EventPatch):
    event = get_visible_or_404(_events(request), request.user, pk=pk)
    require(request.user, "events.manage_event", event)
    data, visiting = _fields(payload, event)
    services.update_event(event=event, actor=request.user, visiting_organisations=visiting, **data)
    return event_out(_events(request).get(pk=pk))


@router.post("/events/{pk}/publish", response=EventOut, summary="Publish a draft (event staff)")
def publish_event(request, pk: ObjectId):
    event = get_visible_or_404(_events(request), request.user, pk=pk)
    require(request.user, "events.manage_event", event)
    services.publish_event(event=event, actor=request.user)
    return event_out(_events(request).get(pk=pk))


class CancelEventIn(Schema):
    reason: Text(2000) = ""


@router.post("/events/{pk}/cancel", response=EventOut, summary="Cancel an event; registrants are told")
def cancel_event(request, pk: ObjectId, payload: CancelEventIn):
    event = get_visible_or_404(_events(request), request.user, pk=pk)
    require(request.user, "events.manage_event", event)
    services.cancel_event(event=event, actor=request.user, reason=payload.reason)
    return event_out(_events(request).get(pk=pk))


class EventAttendanceOut(Schema):
    registered: int
    confirmed: int
    waiting: int
    cancelled: int
    checked_in: int
    on_site: int
    online: int
    by_organisation_kind: dict[str, int]


@router.get(
    "/events/{pk}/attendance", response=EventAttendanceOut, summary="Attendance figures (event staff)"
)
def event_attendance(request, pk: ObjectId):
    event = get_visible_or_404(Event.objects, request.user, pk=pk)
    require(request.user, "events.manage_event", event)
    figures = stats.attendance(event)
    kinds = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    by_kind: dict[str, int] = {}
    for kind in kinds.values_list("organisation__kind", flat=True):
        by_kind[kind or "none"] = by_kind.get(kind or "none", 0) + 1
    return {
        **{k: getattr(figures, k) for k in ("registered", "confirmed", "waiting", "cancelled", "checked_in")},
        "on_site": figures.on_site,
        "online": figures.online,
        "by_organisation_kind": by_kind,
    }


class BadgeCheckInIn(Schema):
    token: Text(300, 1)


# --------------------------------------------------------------------------- registrations


class EventRegistrationOut(Schema):
    id: int
    event: int
    event_title: str
    name: str
    email: str
    organisation: int | None
    status: str
    mode: str
    language: str
    checked_in_at: datetime | None
    created_at: datetime
    badge_url: str | None


class BadgeCheckInOut(Schema):
    registration: EventRegistrationOut
    first_time: bool


def registration_out(registration: Registration) -> dict:
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    return {
        "id": registration.pk,
        "event": registration.event_id,
        "event_title": registration.event.title,
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation_id,
        "status": registration.status,
        "mode": registration.mode,
        "language": registration.language,
        "checked_in_at": registration.checked_in_at,
        "created_at": registration.created_at,
        "badge_url": reverse("events:badge", args=[registration.pk]) if confirmed else None,
    }


@router.post("/events/{pk}/check-in", response=BadgeCheckInOut, summary="Check in a badge (event staff)")
def check_in(request, pk: ObjectId, payload: BadgeCheckInIn):
    event = get_visible_or_404(Event.objects, request.user, pk=pk)
    require(request.user, "events.check_in", event)
    registration, first = services.check_in(event=event, token=payload.token, actor=request.user)
    return {"registration": registration_out(registration), "first_time": first}


def _registrations(request):
    return Registration.objects.visible_to(request.user).select_related("event")


class EventRegistrationQuery(Schema):
    event: int | None = Field(None, ge=1, le=MAX_ID)
    status: RegistrationStatus | None = None
    mine: bool = Field(False, description="Only my own registrations, even as event staff.")


@router.get(
    "/registrations",
    response=list[EventRegistrationOut],
    summary="Your registrations; all of them for event staff",
)
@paginate
def list_registrations(request, query: Query[EventRegistrationQuery]):
    registrations = _registrations(request)
    if query.mine:
        registrations = (
            registrations.filter(user=request.user) if request.user.is_authenticated else registrations.none()
        )
    if query.event:
        registrations = registrations.filter(event_id=query.event)
    if query.status:
        registrations = registrations.filter(status=query.status)
    registrations = registrations.order_by("-created_at", "-id")
    return Shaped(registrations, registration_out)


@router.get("/registrations/{pk}", response=EventRegistrationOut)
def get_registration(request, pk: ObjectId):
    return registration_out(get_visible_or_404(_registrations(request), request.user, pk=pk))


class EventRegisterIn(Schema):
    event: int = Field(..., ge=1, le=MAX_ID)
    mode: AttendanceMode = AttendanceMode.ON_SITE
    organisation: OptionalId = None
    language: Literal["en", "fr"] | None = None


@router.post("/registrations", response={201: EventRegistrationOut}, summary="Register yourself to an event")
def create_registration(request, payload: EventRegisterIn):
    require(request.user, "events.register")
    event = Event.objects.visible_to(request.user).filter(pk=payload.event).first()
    if event is None:
        raise ValidationError({"event": ["No such event."]})
    organisation = None
    if payload.organisation is not None:
        allowed = (
            Organisation.objects.all()
            if manages_events(request.user)
            else Organisation.objects.filter(pk__in=organisation_ids_of(request.user))
        )
        organisation = allowed.filter(pk=payload.organisation).first()
        if organisation is None:
            raise ValidationError(
                {"organisation": ["You may only register on behalf of your organisations."]}
            )
    registration = services.register(
        event=event,
        user=request.user,
        actor=request.user,
        mode=payload.mode,
        organisation=organisation,
        language=payload.language,
    )
    return Status(201, registration_out(registration))


def _cancel(request, pk: int) -> dict:
    registration = get_visible_or_404(_registrations(request), request.user, pk=pk)
    require(request.user, "events.cancel_registration", registration)
    services.cancel_registration(registration=registration, actor=request.user)
    return registration_out(_registrations(request).get(pk=pk))


@router.delete("/registrations/{pk}", response=EventRegistrationOut, summary="Cancel a registration")
def delete_registration(request, pk: ObjectId):
    return _cancel(request, pk)


@router.post("/registrations/{pk}/cancel", response=EventRegistrationOut, summary="Cancel a registration")
def cancel_registration(request, pk: ObjectId):
    return _cancel(request, pk)
