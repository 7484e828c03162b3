"""Meeting requests: sent with a message and a priority, then accepted, declined, countered,
withdrawn or expired. Pending requests hold no slot; an accepted one becomes a meeting
that waits for the scheduler, unless both agreed a time through a counter-proposal."""

import functools
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit.services import record_create, record_update, snapshot

from ..models import (
    OPEN_REQUEST_STATUSES,
    Meeting,
    MeetingRequest,
    RequestStatus,
    Slot,
)
from . import meetings as meeting_services
from .settings import settings_of

# Requests that count against the organiser's cap: withdrawn and expired ones give the place back.
CAPPED_STATUSES = (
    RequestStatus.PENDING,
    RequestStatus.COUNTERED,
    RequestStatus.ACCEPTED,
    RequestStatus.DECLINED,
)


def _check_can_send(sender, recipient) -> None:
    if sender.pk == recipient.pk:
        raise ValidationError({"recipient": _("You cannot ask yourself for a meeting.")})
    if sender.event_id != recipient.event_id:
        raise ValidationError({"recipient": _("That participant is not at this event.")})
    if recipient.registration.status != "confirmed":
        raise ValidationError({"recipient": _("That participant is no longer registered.")})
    between = Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender)
    live = MeetingRequest.objects.filter(between, status__in=(*OPEN_REQUEST_STATUSES, RequestStatus.ACCEPTED))
    if live.exists():
        raise ValidationError(
            {"recipient": _("There is already a request between you and this participant.")}
        )
    cap = settings_of(sender.event).request_cap
    if cap is not None and sender.requests_sent.filter(status__in=CAPPED_STATUSES).count() >= cap:
        raise ValidationError(
            {"recipient": _("You have sent the %(cap)d requests the organisers allow.") % {"cap": cap}}
        )


@transaction.atomic
def send_request(*, sender, recipient, actor, message: str = "", priority: int = 2) -> MeetingRequest:
    # Serialise the sender's requests so that two at once cannot both slip under the cap.
    type(sender).objects.select_for_update(of=("self",)).filter(pk=sender.pk).first()
    _check_can_send(sender, recipient)
    days = settings_of(sender.event).request_expiry_days
    request = MeetingRequest(
        event_id=sender.event_id,
        sender=sender,
        recipient=recipient,
        message=message,
        priority=priority,
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    request.full_clean()
    request.save()
    record_create(actor=actor, obj=request, action="partnering.request.sent")
    return request


def _expired(request) -> bool:
    return request.expires_at is not None and request.expires_at <= timezone.now()


def expire_due(*, event=None, now=None) -> int:
    """Mark open requests past their expiry as expired (called before reads and by the scheduler)."""
    now = now or timezone.now()
    due = MeetingRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES, expires_at__lte=now)
    if event is not None:
        due = due.filter(event=event)
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # Locked and checked again: a page visit, a run or another tick may have got there first.
            request = MeetingRequest.objects.select_for_update(of=("self",)).get(pk=pk)
            if request.is_open and request.expires_at is not None and request.expires_at <= now:
                _set_status(request, RequestStatus.EXPIRED, actor=None, action="partnering.request.expired")
                count += 1
    return count


def _set_status(request, status, *, actor, action, **fields) -> MeetingRequest:
    before = snapshot(request)
    request.status = status
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()
    record_update(actor=actor, obj=request, action=action, before=before)
    return request


def answering(service):
    """Expire the request first if it is due, in its own transaction, so that the expiry
    stays recorded when the answer is then refused."""

    @functools.wraps(service)
    def wrapper(*, request, **kwargs):
        current = MeetingRequest.objects.filter(pk=request.pk).first() or request
        if current.is_open and _expired(current):
            with transaction.atomic():
                fresh = MeetingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
                if fresh.is_open:
                    _set_status(fresh, RequestStatus.EXPIRED, actor=None, action="partnering.request.expired")
            raise ValidationError({"status": _("This request has expired.")})
        return transaction.atomic(service)(request=request, **kwargs)

    return wrapper


def _open(request, *, expected=OPEN_REQUEST_STATUSES) -> MeetingRequest:
    """The request, locked for this change, still in one of the `expected` states."""
    request = MeetingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if request.status not in expected:
        raise ValidationError(
            {"status": _("This request is %(status)s.") % {"status": request.get_status_display().lower()}}
        )
    return request


def _meeting_for(request, *, actor) -> Meeting:
    meeting = Meeting.objects.create(event_id=request.event_id, request=request, priority=request.priority)
    meeting.participants.set([request.sender_id, request.recipient_id])
    record_create(actor=actor, obj=meeting, action="partnering.meeting.created", m2m=("participants",))
    return meeting


@answering
def accept(*, request, actor, response: str = "") -> Meeting:
    """The recipient agrees: a meeting without a slot, for the scheduler to place."""
    request = _open(request, expected=(RequestStatus.PENDING,))
    _set_status(
        request,
        RequestStatus.ACCEPTED,
        actor=actor,
        action="partnering.request.accepted",
        response=response,
        answered_at=timezone.now(),
    )
    return _meeting_for(request, actor=actor)


@answering
def decline(*, request, actor, response: str = "") -> MeetingRequest:
    request = _open(request, expected=(RequestStatus.PENDING,))
    return _set_status(
        request,
        RequestStatus.DECLINED,
        actor=actor,
        action="partnering.request.declined",
        response=response,
        answered_at=timezone.now(),
    )


def check_free(profiles, slot: Slot) -> None:
    """Every one of `profiles` is available and has no meeting placed at `slot`."""
    for profile in profiles:
        if profile.unavailabilities.filter(slot=slot).exists():
            raise ValidationError(
                {"slot": _("%(name)s is not available then.") % {"name": profile.display_name}}
            )
        if Meeting.objects.confirmed().filter(participants=profile, slot=slot).exists():
            raise ValidationError(
                {"slot": _("%(name)s has a meeting then.") % {"name": profile.display_name}}
            )


@answering
def counter(*, request, actor, slot: Slot, response: str = "") -> MeetingRequest:
    """Instead of declining, the recipient proposes a time; the sender may take it."""
    request = _open(request, expected=(RequestStatus.PENDING,))
    if slot.event_id != request.event_id:
        raise ValidationError({"slot": _("That time is not of this event.")})
    check_free([request.sender, request.recipient], slot)
    return _set_status(
        request,
        RequestStatus.COUNTERED,
        actor=actor,
        action="partnering.request.countered",
        proposed_slot=slot,
        response=response,
        answered_at=timezone.now(),
    )


@answering
def accept_counter(*, request, actor) -> Meeting:
    """The sender takes the proposed time: the meeting is placed there and locked (both agreed it)."""
    request = _open(request, expected=(RequestStatus.COUNTERED,))
    slot = request.proposed_slot
    if slot is None:
        raise ValidationError({"slot": _("The proposed time no longer exists.")})
    check_free([request.sender, request.recipient], slot)
    _set_status(request, RequestStatus.ACCEPTED, actor=actor, action="partnering.request.counter_accepted")
    meeting = _meeting_for(request, actor=actor)
    return meeting_services.place_by_hand(meeting=meeting, slot=slot, actor=actor)


@answering
def decline_counter(*, request, actor) -> MeetingRequest:
    request = _open(request, expected=(RequestStatus.COUNTERED,))
    return _set_status(
        request, RequestStatus.DECLINED, actor=actor, action="partnering.request.counter_declined"
    )


@answering
def withdraw(*, request, actor) -> MeetingRequest:
    request = _open(request)
    return _set_status(request, RequestStatus.CANCELLED, actor=actor, action="partnering.request.withdrawn")
