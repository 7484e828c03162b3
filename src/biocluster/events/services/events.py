"""Creating, editing, publishing and cancelling events; their sessions and delegation visits."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from .. import emails
from ..models import DelegationVisit, Event, EventKind, EventStatus, Session
from ..signals import event_changed
from . import rooms
from .registrations import fill_from_waiting_list

# The fields staff edit, in the order the form shows them (visiting organisations, a
# many-to-many, are set apart).
EVENT_FIELDS = (
    "title_en",
    "title_fr",
    "description_en",
    "description_fr",
    "kind",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "city",
    "country",
    "online_url",
    "organiser",
    "capacity",
    "online_capacity",
    "registration_opens_at",
    "registration_closes_at",
    "has_partnering",
    "delegation_origin",
    "delegation_origin_fr",
    "visitors_note",
    "source",
)


def _require_staff(actor, event=None) -> None:
    if actor is None or not actor.has_perm("events.manage_event", event):
        raise PermissionDenied


def _check(event: Event) -> None:
    from zoneinfo import available_timezones

    errors = {}
    if not (event.title_en or event.title_fr):
        errors["title_en"] = [_("Give a title in English or in French.")]
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors["ends_at"] = [_("The event must end after it starts.")]
    if event.time_zone not in available_timezones():
        errors["time_zone"] = [_("Unknown time zone.")]
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = [_("Registration must close after it opens.")]
    if event.online_url:
        try:
            URLValidator(schemes=["http", "https"])(event.online_url)
        except ValidationError:
            errors["online_url"] = [_("Enter a valid web address.")]
    if event.kind == EventKind.DELEGATION and (event.capacity or event.online_capacity):
        errors["kind"] = [_("A delegation received takes no registrations: leave the capacities empty.")]
    if errors:
        raise ValidationError(errors)


def _apply(event: Event, fields: dict, visiting) -> None:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(event, name, value)
    _check(event)
    event.save()
    if visiting is not None:
        event.visiting_organisations.set(visiting)


@transaction.atomic
def create_event(*, actor, visiting_organisations=None, **fields) -> Event:
    _require_staff(actor)
    event = Event()
    _apply(event, fields, visiting_organisations)
    audit.record_create(
        actor=actor, obj=event, action="events.event.created", m2m=("visiting_organisations",)
    )
    return event


@transaction.atomic
def update_event(*, event, actor, visiting_organisations=None, **fields) -> Event:
    _require_staff(actor, event)
    before = audit.snapshot(event, m2m=("visiting_organisations",))
    _apply(event, fields, visiting_organisations)
    audit.record_update(
        actor=actor, obj=event, action="events.event.updated", before=before, m2m=("visiting_organisations",)
    )
    fill_from_waiting_list(event, actor)  # more places: the waiting list moves up
    event_changed.send(sender=Event, event=event, actor=actor)
    return event


@transaction.atomic
def publish_event(*, event, actor) -> Event:
    _require_staff(actor, event)
    if event.status != EventStatus.DRAFT:
        raise ValidationError({"status": [_("Only a draft can be published.")]})
    before = audit.snapshot(event)
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    audit.record_update(actor=actor, obj=event, action="events.event.published", before=before)
    return event


@transaction.atomic
def cancel_event(*, event, actor, reason="") -> int:
    """Cancel the event and tell everyone registered (confirmed or waiting). Returns how many were told."""
    _require_staff(actor, event)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError({"status": [_("This event is already cancelled.")]})
    before = audit.snapshot(event)
    event.status = EventStatus.CANCELLED
    event.cancel_reason = reason
    event.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit.record_update(actor=actor, obj=event, action="events.event.cancelled", before=before)
    for session in event.sessions.select_related("booking"):
        rooms.release(actor=actor, session=session, reason=_("The event is cancelled."))
    told = list(event.registrations.active().values_list("pk", flat=True))
    emails.event_cancelled(event, told)
    return len(told)


# --------------------------------------------------------------------------- programme


SESSION_FIELDS = (
    "title_en",
    "title_fr",
    "description_en",
    "description_fr",
    "starts_at",
    "ends_at",
    "room",
    "speakers",
)


def _apply_session(session: Session, fields: dict) -> None:
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(session, name, value)
    if session.ends_at < session.starts_at:
        raise ValidationError({"ends_at": [_("The session must end after it starts.")]})
    session.save()


@transaction.atomic
def add_session(*, event, actor, **fields) -> Session:
    """Add a session; in a bookable room it holds the room (refused if the room is taken)."""
    _require_staff(actor, event)
    session = Session(event=event)
    _apply_session(session, fields)
    rooms.sync(actor=actor, session=session)
    audit.record_create(actor=actor, obj=session, action="events.session.created")
    return session


@transaction.atomic
def update_session(*, session, actor, **fields) -> Session:
    """Change a session; its room's booking moves with it (or goes to its new room), all or nothing."""
    _require_staff(actor, session.event)
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("event", "booking").get(pk=session.pk)
    )
    before = audit.snapshot(session)
    _apply_session(session, fields)
    rooms.sync(actor=actor, session=session)
    audit.record_update(actor=actor, obj=session, action="events.session.updated", before=before)
    return session


@transaction.atomic
def delete_session(*, session, actor) -> None:
    _require_staff(actor, session.event)
    rooms.release(actor=actor, session=session, reason=_("The session is deleted."))
    audit.record_delete(actor=actor, obj=session, action="events.session.deleted")
    session.delete()


@transaction.atomic
def add_visit(*, event, actor, organisation, **fields) -> DelegationVisit:
    _require_staff(actor, event)
    if event.kind != EventKind.DELEGATION:
        raise ValidationError({"organisation": [_("Only a delegation received has visits.")]})
    visit = DelegationVisit(event=event, organisation=organisation, **fields)
    if visit.starts_at and visit.ends_at and visit.ends_at < visit.starts_at:
        raise ValidationError({"ends_at": [_("The visit must end after it starts.")]})
    visit.save()
    audit.record_create(actor=actor, obj=visit, action="events.visit.created")
    return visit


@transaction.atomic
def delete_visit(*, visit, actor) -> None:
    _require_staff(actor, visit.event)
    audit.record_delete(actor=actor, obj=visit, action="events.visit.deleted")
    visit.delete()
