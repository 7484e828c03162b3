"""Running the scheduler (`biocluster.scheduling`, a pure module) on an event's partnering.

The instance is built from the database: confirmed meetings, the participants'
unavailable slots, the tables. Once anything has been placed, every later run is
a re-scheduling: the placed meetings are the `previous` schedule and published or
locked ones are `locked`, so they never move; the others move only if that places
strictly more priority. The result is written back in one transaction, SEQUENCE
rises on every meeting that changed, and the run records objective, bound and moves.
"""

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster import scheduling
from biocluster.audit.services import record_create, record_update, snapshot

from ..models import (
    Location,
    Meeting,
    MeetingStatus,
    RunStatus,
    ScheduleRun,
    Slot,
    Unavailability,
)
from .meetings import bump_if_changed, calendar_state, publish_placed
from .requests import expire_due
from .settings import settings_of, stored_settings

DEFAULT_TIME_LIMIT = 10


def _meetings(event) -> list[Meeting]:
    """Confirmed meetings whose participants are all still registered."""
    meetings = (
        Meeting.objects.confirmed()
        .filter(event=event)
        .prefetch_related("participants__registration")
        .order_by("pk")
    )
    return [m for m in meetings if all(p.registration.status == "confirmed" for p in m.participants.all())]


def _last_finished(event) -> ScheduleRun | None:
    return ScheduleRun.objects.filter(event=event, status=RunStatus.DONE).order_by("-finished_at").first()


def build_instance(event) -> dict:
    """The scheduler's instance (docs/partnering-scheduler.md) for the event, ids = primary keys."""
    tz = ZoneInfo(event.time_zone)
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    locations = list(Location.objects.filter(event=event).order_by("is_virtual", "name"))
    meetings = _meetings(event)
    people = sorted({p.pk for m in meetings for p in m.participants.all()})
    unavailable: dict[int, list[int]] = {pk: [] for pk in people}
    for profile_id, slot_id in Unavailability.objects.filter(profile_id__in=people).values_list(
        "profile_id", "slot_id"
    ):
        unavailable[profile_id].append(slot_id)
    data = {
        "slots": [
            {
                "id": s.pk,
                "start": s.starts_at.astimezone(tz).isoformat(),
                "end": s.ends_at.astimezone(tz).isoformat(),
            }
            for s in slots
        ],
        "locations": [
            {"id": loc.pk, "capacity": loc.capacity, "virtual": loc.is_virtual} for loc in locations
        ],
        "participants": [{"id": pk, "unavailable": unavailable[pk]} for pk in people],
        "meetings": [
            {"id": m.pk, "participants": [p.pk for p in m.participants.all()], "priority": m.priority}
            for m in meetings
        ],
    }
    placed = [m for m in meetings if m.is_placed]
    if placed or _last_finished(event) is not None:
        data["previous"] = [{"meeting": m.pk, "slot": m.slot_id, "location": m.location_id} for m in placed]
        data["previous"] += _recently_cancelled(event)
        data["locked"] = [m.pk for m in placed if m.is_pinned]
    return data


def _recently_cancelled(event) -> list[dict]:
    """Placed meetings cancelled since the last run: the scheduler counts them as cancellations."""
    last = _last_finished(event)
    cancelled = Meeting.objects.filter(event=event, status=MeetingStatus.CANCELLED, slot__isnull=False)
    if last is not None:
        cancelled = cancelled.filter(cancelled_at__gt=last.finished_at)
    return [{"meeting": m.pk, "slot": m.slot_id, "location": m.location_id} for m in cancelled]


@transaction.atomic
def start_run(*, event, actor, time_limit: int = DEFAULT_TIME_LIMIT) -> ScheduleRun:
    """Queue a run; the task `tasks.run_schedule` does it once this transaction commits."""
    if not Location.objects.filter(event=event).exists():
        raise ValidationError({"locations": _("Add at least one table or online location first.")})
    if not Slot.objects.filter(event=event).exists():
        raise ValidationError({"slots": _("Set the partnering days and hours first.")})
    busy = ScheduleRun.objects.filter(event=event, status__in=(RunStatus.QUEUED, RunStatus.RUNNING))
    if busy.exists():
        raise ValidationError({"status": _("The scheduler is already running for this event.")})
    run = ScheduleRun.objects.create(event=event, requested_by=actor, time_limit=time_limit)
    record_create(actor=actor, obj=run, action="partnering.schedule.requested")
    from ..tasks import run_schedule

    transaction.on_commit(lambda: run_schedule.enqueue(run.pk))
    return run


def execute_run(run: ScheduleRun) -> ScheduleRun:
    """Solve and write back; a failure is recorded on the run rather than raised."""
    try:
        return _execute(run)
    except (scheduling.InstanceError, ValidationError) as error:
        run.status, run.error, run.finished_at = RunStatus.FAILED, str(error)[:2000], timezone.now()
        run.save()
        return run


@transaction.atomic
def _execute(run: ScheduleRun) -> ScheduleRun:
    event = run.event
    # One run at a time per event, and no other change to the settings while it runs.
    stored_settings(event)
    expire_due(event=event)
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save()
    data = build_instance(event)
    run.rescheduling = "previous" in data
    run.meetings = len(data["meetings"])
    if data["meetings"]:
        instance = scheduling.parse_instance(data)
        result = scheduling.schedule_to_json(instance, scheduling.solve(instance, time_limit=run.time_limit))
    else:
        result = {
            "assignments": [],
            "unscheduled": [],
            "objective": 0,
            "upper_bound": 0,
            "gap_percent": 0.0,
            "optimal": True,
            "method": "",
            "bound_method": "",
            "seconds": 0.0,
            "moved": 0,
        }
    changed = write_back(event, result, actor=run.requested_by)
    before = snapshot(run)
    run.placed, run.unscheduled = len(result["assignments"]), len(result["unscheduled"])
    run.objective, run.upper_bound = result["objective"], result["upper_bound"]
    run.gap_percent, run.optimal = result["gap_percent"], result["optimal"]
    run.method, run.seconds = result["method"], result["seconds"]
    run.bound_method = result["bound_method"]
    run.moved = result.get("moved", 0) or 0
    run.status, run.finished_at = RunStatus.DONE, timezone.now()
    run.save()
    record_update(
        actor=run.requested_by,
        obj=run,
        action="partnering.schedule.ran",
        before=before,
        data={"changed_meetings": changed},
    )
    return run


def write_back(event, result: dict, *, actor) -> int:
    """Put each meeting where the schedule says (or nowhere); returns the meetings changed.

    Once agendas are published, each participant whose agenda changed is emailed once
    (on commit) with what changed: meetings newly placed, moved or left without a slot."""
    where = {a["meeting"]: (a["slot"], a["location"]) for a in result["assignments"]}
    unplaced = set(result["unscheduled"])
    published = settings_of(event).is_published
    changes: list[dict] = []
    for meeting in Meeting.objects.select_for_update(of=("self",)).filter(pk__in=set(where) | unplaced):
        if meeting.is_pinned:
            continue  # never moves; the scheduler kept it where it is
        before, state = snapshot(meeting), calendar_state(meeting)
        was = meeting.slot_id, meeting.calendar_starts_at
        meeting.slot_id, meeting.location_id = where.get(meeting.pk, (None, None))
        if bump_if_changed(meeting, state):
            meeting.save()
            record_update(actor=actor, obj=meeting, action="partnering.meeting.scheduled", before=before)
            changes.append(_change(meeting, *was))
    if published:
        # Agendas are out: what is placed now is published too, and will not move again.
        publish_placed(event=event, actor=actor)
        from .. import notifications

        notifications.schedule_changes([c for c in changes if c is not None])
    return len(changes)


def _change(meeting, previous_slot_id, previous_starts) -> dict | None:
    """What a participant is told about one meeting the run changed (None: nothing to tell)."""
    if meeting.slot_id is None:
        kind = "removed" if previous_slot_id is not None else None
    else:
        kind = "placed" if previous_slot_id is None else "moved"
    if kind is None:
        return None
    previous = previous_starts.isoformat() if kind == "moved" and previous_starts else None
    return {"meeting": meeting.pk, "change": kind, "previous": previous}


def schedule_now(*, event, actor, time_limit: int = DEFAULT_TIME_LIMIT) -> ScheduleRun:
    """Run the scheduler in this process (the demo loader and commands)."""
    run = ScheduleRun.objects.create(event=event, requested_by=actor, time_limit=time_limit)
    record_create(actor=actor, obj=run, action="partnering.schedule.requested")
    return execute_run(run)
