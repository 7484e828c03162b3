"""Meetings once agreed: placed by hand, cancelled, locked, published; attendance and feedback."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit.services import record_create, record_update, snapshot

from ..models import Attendance, Feedback, Location, Meeting, MeetingStatus, RequestStatus
from .settings import settings_of, stored_settings

# A change of any of these is a change calendars must see: SEQUENCE goes up.
CALENDAR_FIELDS = ("slot_id", "location_id", "status", "published_at")


def calendar_state(meeting) -> tuple:
    return tuple(getattr(meeting, name) for name in CALENDAR_FIELDS)


def bump_if_changed(meeting, before: tuple) -> bool:
    if calendar_state(meeting) != before:
        meeting.sequence += 1
        return True
    return False


def detach_cancelled(meetings, *, actor, fields: tuple[str, ...]) -> None:
    """Cancelled meetings let go of a slot or table that is being removed; SEQUENCE rises
    (their place changed) and the feed keeps them at their last time (`calendar_starts_at`)."""
    for meeting in meetings.select_for_update(of=("self",)):
        before, state = snapshot(meeting), calendar_state(meeting)
        for name in fields:
            setattr(meeting, name, None)
        bump_if_changed(meeting, state)
        meeting.save()
        record_update(actor=actor, obj=meeting, action="partnering.meeting.detached", before=before)


def free_location(event, slot, exclude=None) -> Location | None:
    """A table with room left in `slot`, else an online location."""
    taken = Q(meetings__slot=slot, meetings__status=MeetingStatus.CONFIRMED)
    if exclude is not None:
        taken &= ~Q(meetings__pk=exclude.pk)
    locations = Location.objects.filter(event=event).annotate(used=Count("meetings", filter=taken))
    for location in locations.order_by("is_virtual", "name"):
        if location.is_virtual or location.used < location.capacity:
            return location
    return None


@transaction.atomic
def place_by_hand(*, meeting, slot, actor, location=None) -> Meeting:
    """Put a meeting at an agreed time and lock it there, so that the scheduler keeps it."""
    from .requests import check_free

    location = location or free_location(meeting.event, slot, exclude=meeting)
    if location is None:
        raise ValidationError({"slot": _("No table is free at that time.")})
    if meeting.slot_id != slot.pk:
        check_free(list(meeting.participants.all()), slot)
    before, state = snapshot(meeting), calendar_state(meeting)
    meeting.slot, meeting.location, meeting.locked = slot, location, True
    if settings_of(meeting.event).is_published and meeting.published_at is None:
        meeting.published_at = timezone.now()
    bump_if_changed(meeting, state)
    meeting.save()
    record_update(actor=actor, obj=meeting, action="partnering.meeting.placed_by_hand", before=before)
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting, actor) -> Meeting:
    """Cancelled meetings keep their time, so that calendars receive the cancellation."""
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"status": _("This meeting is already cancelled.")})
    before, state = snapshot(meeting), calendar_state(meeting)
    meeting.status, meeting.cancelled_at = MeetingStatus.CANCELLED, timezone.now()
    bump_if_changed(meeting, state)
    meeting.save()
    if meeting.request_id:
        request = meeting.request
        request_before = snapshot(request)
        request.status = RequestStatus.CANCELLED
        request.save()
        record_update(actor=actor, obj=request, action="partnering.request.cancelled", before=request_before)
    record_update(actor=actor, obj=meeting, action="partnering.meeting.cancelled", before=before)
    if meeting.is_placed and (meeting.published_at or settings_of(meeting.event).is_published):
        from .. import notifications

        notifications.cancellation(meeting)
    return meeting


@transaction.atomic
def set_locked(*, meeting, actor, locked: bool) -> Meeting:
    if locked and not meeting.is_placed:
        raise ValidationError({"locked": _("Only a placed meeting can be locked.")})
    before = snapshot(meeting)
    meeting.locked = locked
    meeting.save()
    record_update(actor=actor, obj=meeting, action="partnering.meeting.lock_changed", before=before)
    return meeting


@transaction.atomic
def record_attendance(*, meeting, actor, attendance: str) -> Meeting:
    if attendance not in Attendance.values or attendance == Attendance.UNKNOWN:
        raise ValidationError({"attendance": _("Say whether the meeting was held or a no-show.")})
    if meeting.status != MeetingStatus.CONFIRMED or not meeting.is_placed:
        raise ValidationError({"attendance": _("Only a confirmed, placed meeting can be held.")})
    if meeting.slot.starts_at > timezone.now():
        raise ValidationError({"attendance": _("This meeting has not started yet.")})
    before = snapshot(meeting)
    meeting.attendance = attendance
    meeting.save()
    record_update(actor=actor, obj=meeting, action="partnering.meeting.attendance", before=before)
    return meeting


@transaction.atomic
def give_feedback(
    *, meeting, profile, actor, rating: int, follow_up: bool = False, comment: str = ""
) -> Feedback:
    if not meeting.participants.filter(pk=profile.pk).exists():
        raise ValidationError({"profile": _("Only the meeting's participants give feedback.")})
    if meeting.status != MeetingStatus.CONFIRMED or not meeting.is_placed:
        raise ValidationError({"rating": _("Only a confirmed, placed meeting gets feedback.")})
    feedback = Feedback.objects.filter(meeting=meeting, profile=profile).first()
    if feedback is None:
        feedback = Feedback(
            meeting=meeting, profile=profile, rating=rating, follow_up=follow_up, comment=comment
        )
        feedback.full_clean()
        feedback.save()
        record_create(actor=actor, obj=feedback, action="partnering.feedback.given")
        return feedback
    before = snapshot(feedback)
    feedback.rating, feedback.follow_up, feedback.comment = rating, follow_up, comment
    feedback.full_clean()
    feedback.save()
    record_update(actor=actor, obj=feedback, action="partnering.feedback.changed", before=before)
    return feedback


@transaction.atomic
def publish(*, event, actor, notify: bool = True, past_confirmed: bool = False) -> int:
    """Publish the agendas: every placed meeting is published (it will never move) and
    every participant is emailed their agenda (unless `notify` is false: the demo).
    E-mailing the participants of an event that is over needs `past_confirmed`.
    Returns how many meetings the published agendas hold (those published before included:
    after a run on a published event, its meetings are already published)."""
    if notify and not past_confirmed and event.is_over:
        raise ValidationError(
            {"past_confirmed": [_("This event is over: confirm that its participants should be e-mailed.")]}
        )
    config = stored_settings(event)
    before = snapshot(config)
    now = timezone.now()
    config.is_published, config.published_at = True, now
    config.save()
    record_update(actor=actor, obj=config, action="partnering.published", before=before)
    publish_placed(event=event, actor=actor, now=now)
    if notify:
        from .. import notifications

        notifications.agendas(event)
    return Meeting.objects.confirmed().placed().filter(event=event, published_at__isnull=False).count()


def publish_placed(*, event, actor, now=None) -> int:
    """Mark placed, confirmed, not yet published meetings as published (SEQUENCE up: TENTATIVE → CONFIRMED)."""
    now = now or timezone.now()
    count = 0
    for meeting in Meeting.objects.confirmed().placed().filter(event=event, published_at__isnull=True):
        before, state = snapshot(meeting), calendar_state(meeting)
        meeting.published_at = now
        bump_if_changed(meeting, state)
        meeting.save()
        record_update(actor=actor, obj=meeting, action="partnering.meeting.published", before=before)
        count += 1
    return count
