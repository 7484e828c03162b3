"""The organiser's side: the partnering settings of an event, its slots and its locations."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biocluster.audit.services import record_create, record_delete, record_update, snapshot

from ..models import Location, PartneringSettings, Slot

SETTING_FIELDS = (
    "slot_minutes",
    "first_day",
    "last_day",
    "day_starts",
    "day_ends",
    "request_cap",
    "request_expiry_days",
)
MAX_SLOTS = 2000


def _defaults(event) -> dict:
    tz = ZoneInfo(event.time_zone)
    return {
        "first_day": event.starts_at.astimezone(tz).date(),
        "last_day": event.ends_at.astimezone(tz).date(),
    }


def settings_of(event) -> PartneringSettings:
    """The event's settings; until they are first written, the defaults (the event's own days),
    unsaved, so that reading a page writes nothing."""
    found = PartneringSettings.objects.filter(event=event).first()
    return found if found is not None else PartneringSettings(event=event, **_defaults(event))


def stored_settings(event) -> PartneringSettings:
    """The event's settings row for a write, made with the defaults if needed and locked until
    the transaction ends (one scheduler run or settings change at a time per event)."""
    found, _created = PartneringSettings.objects.select_for_update(of=("self",)).get_or_create(
        event=event, defaults=_defaults(event)
    )
    return found


def slot_times(config: PartneringSettings) -> list[tuple[datetime, datetime]]:
    """The slots the settings describe, in the event's time zone (so summer time is right)."""
    if not config.first_day or not config.last_day:
        return []
    tz = ZoneInfo(config.event.time_zone)
    step = timedelta(minutes=config.slot_minutes)
    out = []
    day = config.first_day
    while day <= config.last_day:
        start = datetime.combine(day, config.day_starts, tzinfo=tz)
        end_of_day = datetime.combine(day, config.day_ends, tzinfo=tz)
        while start + step <= end_of_day:
            out.append((start, start + step))
            start += step
        day += timedelta(days=1)
    return out


def _check(config: PartneringSettings) -> None:
    errors = {}
    if config.first_day and config.last_day and config.last_day < config.first_day:
        errors["last_day"] = _("The last day is before the first.")
    if config.day_ends <= config.day_starts:
        errors["day_ends"] = _("Meetings must end after they start.")
    if config.first_day and config.last_day and (config.last_day - config.first_day).days > 30:
        errors["last_day"] = _("A partnering programme lasts at most 31 days.")
    if errors:
        raise ValidationError(errors)
    if len(slot_times(config)) > MAX_SLOTS:
        raise ValidationError(
            {"slot_minutes": _("That makes too many slots: use longer slots or fewer days.")}
        )


@transaction.atomic
def configure(*, event, actor, **fields) -> PartneringSettings:
    config = stored_settings(event)
    before = snapshot(config)
    for name, value in fields.items():
        if name not in SETTING_FIELDS:
            raise TypeError(name)
        setattr(config, name, value)
    config.full_clean(exclude=["event"])
    _check(config)
    config.save()
    sync_slots(config, actor=actor)
    hours = {"day_starts": config.day_starts.isoformat(), "day_ends": config.day_ends.isoformat()}
    record_update(actor=actor, obj=config, action="partnering.settings.changed", before=before, data=hours)
    return config


def sync_slots(config: PartneringSettings, *, actor=None) -> int:
    """Make the event's slots those of the settings; a slot holding a meeting cannot go."""
    wanted = dict(slot_times(config))
    existing = {slot.starts_at: slot for slot in Slot.objects.filter(event=config.event)}
    for start, slot in existing.items():
        if wanted.get(start) == slot.ends_at:
            continue
        if slot.meetings.filter(status="confirmed").exists():
            raise ValidationError(
                {"first_day": _("A meeting is placed at %(slot)s: move or cancel it first.") % {"slot": slot}}
            )
        from .meetings import detach_cancelled  # meetings imports this module

        detach_cancelled(slot.meetings.all(), actor=actor, fields=("slot", "location"))
        slot.delete()
    new = [
        Slot(event=config.event, starts_at=start, ends_at=end)
        for start, end in wanted.items()
        if start not in existing or existing[start].ends_at != end
    ]
    Slot.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def add_location(
    *, event, actor, name: str, capacity: int = 1, is_virtual: bool = False, online_url: str = ""
):
    if Location.objects.filter(event=event, name=name).exists():
        raise ValidationError({"name": _("There is already a location of that name.")})
    location = Location(
        event=event, name=name, capacity=capacity, is_virtual=is_virtual, online_url=online_url
    )
    location.full_clean()
    location.save()
    record_create(actor=actor, obj=location, action="partnering.location.created")
    return location


@transaction.atomic
def remove_location(*, location, actor) -> None:
    if location.meetings.filter(status="confirmed").exists():
        raise ValidationError(
            {"location": _("Meetings are placed there: run the scheduler without it first.")}
        )
    record_delete(actor=actor, obj=location, action="partnering.location.deleted")
    from .meetings import detach_cancelled  # meetings imports this module

    detach_cancelled(location.meetings.all(), actor=actor, fields=("location",))
    location.delete()
