"""Inserting one meeting into the stored schedule by reading and writing only the change.

A scheduler run (services.scheduling) reads every meeting of the event, solves and compares
them all on the way back: at BIO scale that is tens of seconds for one new meeting. Here
only the new meeting's neighbourhood is read, with a few aggregated queries: the slots, the
agendas and unavailable slots of its participants (and, for a local repair, of the
participants of those of their meetings that may still move), and how many meetings each
slot already holds at tables. `biocluster.scheduling.delta` decides; the decision is checked
against what was read; only the rows that change are written, in one transaction, audited.

The event's settings row is locked first (as every scheduler run and settings change does),
so two insertions, or an insertion and a run, never decide on the same picture of the
schedule: the second waits, then reads what the first wrote.
"""

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit.services import record_update, snapshot
from biocluster.scheduling import delta

from ..models import Location, Meeting, MeetingStatus, Slot, Unavailability
from .meetings import bump_if_changed, calendar_state
from .settings import stored_settings

Through = Meeting.participants.through


def _reasons() -> dict[str, str]:
    return {
        delta.UNAVAILABLE: _("Its participants are never available at the same time."),
        delta.BUSY: _(
            "Whenever all its participants are available, one of them already has a meeting that cannot move."
        ),
        delta.NO_TABLE: _("No table is left at any time when all its participants are free."),
    }


def _agendas(people, exclude: int, index: dict[int, int]) -> tuple[dict, set[int]]:
    """Placed, confirmed meetings of `people`: per person slot -> meeting, and those that may move."""
    busy: dict[int, dict[int, int]] = {p: {} for p in people}
    movable: set[int] = set()
    rows = (
        Through.objects.filter(
            profile_id__in=people,
            meeting__status=MeetingStatus.CONFIRMED,
            meeting__slot__isnull=False,
            meeting__location__isnull=False,
        )
        .exclude(meeting_id=exclude)
        .values_list(
            "profile_id", "meeting_id", "meeting__slot_id", "meeting__locked", "meeting__published_at"
        )
    )
    for profile_id, meeting_id, slot_id, locked, published_at in rows:
        busy[profile_id][index[slot_id]] = meeting_id
        if not locked and published_at is None:
            movable.add(meeting_id)
    return busy, movable


def read_neighbourhood(
    event, meeting, people: list[int], slots: list[Slot], locations
) -> delta.Neighbourhood:
    """What the insertion of `meeting` needs, and nothing else."""
    tz = ZoneInfo(event.time_zone)
    index = {slot.pk: i for i, slot in enumerate(slots)}
    days: dict = {}
    for i, slot in enumerate(slots):
        day = slot.starts_at.astimezone(tz).date()
        days[day] = days.get(day, 0) | 1 << i
    busy, movable_ids = _agendas(people, meeting.pk, index)
    movable: dict[int, tuple[int, ...]] = {}
    if movable_ids:
        for meeting_id, profile_id in Through.objects.filter(meeting_id__in=movable_ids).values_list(
            "meeting_id", "profile_id"
        ):
            movable[meeting_id] = (*movable.get(meeting_id, ()), profile_id)
        others = {q for members in movable.values() for q in members} - set(people)
        if others:
            more, _more_movable = _agendas(others, meeting.pk, index)
            busy.update(more)
    full = (1 << len(slots)) - 1
    avail = dict.fromkeys(busy, full)
    for profile_id, slot_id in Unavailability.objects.filter(profile_id__in=avail).values_list(
        "profile_id", "slot_id"
    ):
        if slot_id in index:
            avail[profile_id] &= ~(1 << index[slot_id])
    if any(virtual for _pk, _capacity, virtual in locations):
        room: list[int | None] = [None] * len(slots)
    else:
        capacity = sum(c for _pk, c, _virtual in locations)
        used = dict(
            Meeting.objects.filter(
                event=event, status=MeetingStatus.CONFIRMED, slot__isnull=False, location__is_virtual=False
            )
            .exclude(pk=meeting.pk)
            .values("slot_id")
            .annotate(n=Count("pk"))
            .values_list("slot_id", "n")
        )
        room = [capacity - used.get(slot.pk, 0) for slot in slots]
    return delta.Neighbourhood(
        day_masks=list(days.values()),
        people=tuple(people),
        avail=avail,
        busy=busy,
        room=room,
        movable=movable,
    )


def _table(slot: Slot, locations) -> int:
    """The first location (tables by name, then online) with room in `slot`, as the scheduler fills them."""
    used = dict(
        Meeting.objects.filter(slot=slot, status=MeetingStatus.CONFIRMED, location__isnull=False)
        .values("location_id")
        .annotate(n=Count("pk"))
        .values_list("location_id", "n")
    )
    for pk, capacity, virtual in locations:
        if virtual or used.get(pk, 0) < capacity:
            return pk
    raise ValidationError({"slot": _("No table is free at that time.")})  # the check rules this out


def _put(meeting: Meeting, slot: Slot, location_id: int, *, actor, action: str, publish_at) -> dict:
    before, state = snapshot(meeting), calendar_state(meeting)
    previous_slot, previous_starts = meeting.slot_id, meeting.calendar_starts_at
    meeting.slot, meeting.location_id = slot, location_id
    if publish_at is not None and meeting.published_at is None:
        meeting.published_at = publish_at
    bump_if_changed(meeting, state)
    meeting.save()
    record_update(actor=actor, obj=meeting, action=action, before=before)
    if previous_slot is None:
        return {"meeting": meeting.pk, "change": "placed", "previous": None}
    previous = previous_starts.isoformat() if previous_starts else None
    return {"meeting": meeting.pk, "change": "moved", "previous": previous}


@transaction.atomic
def insert_meeting(*, meeting, actor, max_moves: int = 2) -> Meeting:
    """Place one unplaced, confirmed meeting into the stored schedule, moving at most
    `max_moves` of its participants' meetings that are neither published nor locked.

    Once agendas are published the meeting is published too (it will not move again) and
    its participants, and those of any meeting moved, are emailed what changed. Raises a
    ValidationError naming why when it cannot be placed; then nothing is written."""
    config = stored_settings(meeting.event)  # one change of the schedule at a time per event
    event = config.event
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if meeting.status != MeetingStatus.CONFIRMED:
        raise ValidationError({"status": _("Only a confirmed meeting can be placed.")})
    if meeting.slot_id is not None:
        raise ValidationError({"slot": _("This meeting already has a time.")})
    members = list(meeting.participants.select_related("registration"))
    if len(members) < 2 or any(p.registration.status != "confirmed" for p in members):
        raise ValidationError({"participants": _("Every participant must still be registered.")})
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    locations = list(
        Location.objects.filter(event=event)
        .order_by("is_virtual", "name")
        .values_list("pk", "capacity", "is_virtual")
    )
    if not slots or not locations:
        raise ValidationError({"slot": _("Set the partnering hours and add a table first.")})
    neighbourhood = read_neighbourhood(event, meeting, [p.pk for p in members], slots, locations)
    try:
        decision = delta.insert_one(neighbourhood, max_moves=max_moves)
    except delta.NoRoom as verdict:
        raise ValidationError({"slot": _reasons()[verdict.reason]}) from None
    problems = delta.check(neighbourhood, decision)
    if problems:  # the search and the check disagree: a bug, and nothing is written
        raise AssertionError(problems)
    publish_at = timezone.now() if config.is_published else None
    changes = []
    moving = Meeting.objects.select_for_update(of=("self",)).filter(pk__in=decision.moves).order_by("pk")
    for other in moving:
        target = slots[decision.moves[other.pk]]
        changes.append(
            _put(
                other,
                target,
                _table(target, locations),
                actor=actor,
                action="partnering.meeting.moved",
                publish_at=publish_at,
            )
        )
    slot = slots[decision.slot]
    changes.append(
        _put(
            meeting,
            slot,
            _table(slot, locations),
            actor=actor,
            action="partnering.meeting.inserted",
            publish_at=publish_at,
        )
    )
    if config.is_published:
        from .. import notifications

        notifications.schedule_changes(changes)
    return meeting
