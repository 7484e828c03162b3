"""The rules of partnering, through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.audit.models import AuditEvent
from biocluster.directory.models import TechnologyField
from biocluster.partnering import services
from biocluster.partnering.models import (
    Meeting,
    MeetingRequest,
    ParticipantKind,
    RequestStatus,
    ScheduleRun,
    Slot,
)
from biocluster.partnering.tests.factories import EventFactory, participant, setup_event

pytestmark = pytest.mark.django_db


def test_a_confirmed_registration_gets_a_profile_prefilled_from_the_directory(event):
    field = TechnologyField.objects.get_root_nodes().first()
    profile = participant(event, organisation__name="Phagos", organisation__kind="sme")
    profile.registration.organisation.technology_fields.add(field)
    profile.delete()
    profile = services.ensure_profile(registration=profile.registration)
    assert profile.kind == ParticipantKind.CLUSTER_COMPANY
    assert profile.offers == "A company of the cluster."
    assert list(profile.technology_fields.all()) == [field]


def test_no_profile_without_partnering_or_on_the_waiting_list(db):
    from biocluster.partnering.tests.factories import RegistrationFactory

    plain = RegistrationFactory(event=EventFactory(has_partnering=False))
    waiting = RegistrationFactory(status="waiting")
    assert not hasattr(plain, "partnering_profile") or plain.partnering_profile is None
    assert not type(waiting).objects.filter(pk=waiting.pk, partnering_profile__isnull=False).exists()


def test_slots_follow_days_and_hours_in_the_event_zone(event):
    slots = list(Slot.objects.filter(event=event))
    assert len(slots) == 4  # 09:00-11:00 in 30-minute slots
    assert slots[0].starts_at.astimezone(services.settings_of(event).tz).strftime("%H:%M") == "09:00"


def test_accept_creates_a_meeting_without_a_slot_and_pending_holds_none(alice, bob, alice_user, bob_user):
    request = services.send_request(sender=alice, recipient=bob, actor=alice_user, message="Hi", priority=3)
    assert request.status == RequestStatus.PENDING
    assert not Meeting.objects.exists()  # a pending request holds nothing
    meeting = services.accept(request=request, actor=bob_user)
    assert meeting.slot is None and meeting.location is None and meeting.priority == 3
    assert set(meeting.participants.all()) == {alice, bob}
    assert AuditEvent.objects.filter(action="partnering.request.accepted").count() == 1


def test_one_live_request_per_pair_and_not_to_oneself(alice, bob, alice_user, bob_user):
    services.send_request(sender=alice, recipient=bob, actor=alice_user)
    with pytest.raises(ValidationError, match="already a request"):
        services.send_request(sender=bob, recipient=alice, actor=bob_user)
    with pytest.raises(ValidationError):
        services.send_request(sender=alice, recipient=alice, actor=alice_user)


def test_the_organisers_cap_on_requests_sent(event, alice, bob, carol, alice_user):
    services.configure(event=event, actor=None, request_cap=1)
    first = services.send_request(sender=alice, recipient=bob, actor=alice_user)
    with pytest.raises(ValidationError, match="1 requests"):
        services.send_request(sender=alice, recipient=carol, actor=alice_user)
    services.withdraw(request=first, actor=alice_user)  # a withdrawn request gives its place back
    services.send_request(sender=alice, recipient=carol, actor=alice_user)


def test_requests_expire(event, alice, bob, alice_user, bob_user):
    services.configure(event=event, actor=None, request_expiry_days=2)
    request = services.send_request(sender=alice, recipient=bob, actor=alice_user)
    assert request.expires_at is not None
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="expired"):
        services.accept(request=request, actor=bob_user)
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED
    # The batch sweep expires the others.
    other = services.send_request(sender=alice, recipient=bob, actor=alice_user)
    MeetingRequest.objects.filter(pk=other.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert services.expire_due(event=event) == 1


def test_a_counter_proposal_places_and_locks_the_agreed_time(event, alice, bob, alice_user, bob_user):
    slot = Slot.objects.filter(event=event).order_by("starts_at")[2]
    request = services.send_request(sender=alice, recipient=bob, actor=alice_user)
    services.counter(request=request, actor=bob_user, slot=slot, response="Later?")
    request.refresh_from_db()
    assert request.status == RequestStatus.COUNTERED and request.proposed_slot == slot
    with pytest.raises(ValidationError):
        services.accept(request=request, actor=bob_user)  # no longer pending
    meeting = services.accept_counter(request=request, actor=alice_user)
    assert meeting.slot == slot and meeting.locked and meeting.location is not None
    # The agreed time then survives the scheduler.
    run = services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    assert run.status == "done" and meeting.slot == slot


def test_a_counter_proposal_needs_both_free(event, alice, bob, alice_user, bob_user):
    slot = Slot.objects.filter(event=event).first()
    services.set_unavailability(profile=alice, actor=alice_user, slots=[slot])
    request = services.send_request(sender=alice, recipient=bob, actor=alice_user)
    with pytest.raises(ValidationError, match="not available"):
        services.counter(request=request, actor=bob_user, slot=slot)


def _meet(a, b, priority=2):
    request = services.send_request(sender=a, recipient=b, actor=a.registration.user, priority=priority)
    return services.accept(request=request, actor=b.registration.user)


def test_the_scheduler_places_accepted_meetings_and_respects_availability(event, alice, bob, carol):
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    services.set_unavailability(profile=alice, actor=None, slots=slots[:3])
    first, second = _meet(alice, bob), _meet(carol, bob)
    run = services.schedule_now(event=event, actor=None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert run.status == "done" and not run.rescheduling
    assert (run.meetings, run.placed, run.unscheduled) == (2, 2, 0)
    assert run.objective == run.upper_bound == 4 and run.optimal
    assert run.bound_method in {"lp", "mip"}
    assert first.slot == slots[3]
    assert second.slot != first.slot
    assert first.sequence == 1


def test_rescheduling_keeps_published_meetings_and_reports_moves(event, alice, bob, carol):
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    kept = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    services.publish(event=event, actor=None)
    kept.refresh_from_db()
    assert kept.published_at is not None and kept.sequence == 2  # placed, then published
    where = kept.slot
    # Carol is only free when the published meeting is: it still does not move.
    services.set_unavailability(profile=carol, actor=None, slots=[s for s in slots if s != where])
    new = _meet(carol, bob)
    run = services.schedule_now(event=event, actor=None)
    kept.refresh_from_db()
    new.refresh_from_db()
    assert run.rescheduling and run.moved == 0
    assert kept.slot == where and kept.sequence == 2
    assert new.slot is None and run.unscheduled == 1


def test_unpublished_meetings_move_only_to_place_strictly_more(event, alice, bob, carol):
    """One table, one slot free for Carol: Alice-Bob moves so Carol-Bob fits; the move is counted."""
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    services.set_unavailability(profile=alice, actor=None, slots=slots[2:])
    services.set_unavailability(profile=bob, actor=None, slots=slots[2:])
    first = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    first.refresh_from_db()
    services.set_unavailability(profile=carol, actor=None, slots=[s for s in slots if s != first.slot])
    second = _meet(carol, bob)
    run = services.schedule_now(event=event, actor=None)
    first_before = first.slot
    first.refresh_from_db()
    second.refresh_from_db()
    assert run.rescheduling and run.placed == 2 and run.moved == 1
    assert second.slot == first_before and first.slot != first_before
    assert first.sequence == 2


def test_a_changed_availability_moves_an_unpublished_meeting_and_counts_it(event, alice, bob):
    meeting = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    was = meeting.slot
    services.set_unavailability(profile=bob, actor=None, slots=[was])
    run = services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    assert run.rescheduling and run.moved == 1 and run.placed == 1
    assert meeting.slot not in (None, was) and meeting.sequence == 2


def test_a_cancelled_meeting_frees_its_slot_and_keeps_its_time(event, alice, bob):
    meeting = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    slot, sequence = meeting.slot, meeting.sequence
    services.cancel_meeting(meeting=meeting, actor=alice.registration.user)
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.slot == slot and meeting.sequence == sequence + 1
    assert meeting.request.status == RequestStatus.CANCELLED
    run = services.schedule_now(event=event, actor=None)
    assert run.meetings == 0


def test_a_published_meeting_blocks_marking_that_slot_unavailable(event, alice, bob):
    meeting = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    services.publish(event=event, actor=None)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="cancel it first"):
        services.set_unavailability(profile=alice, actor=None, slots=[meeting.slot])


def test_scheduling_without_tables_is_refused(db):
    event = setup_event(EventFactory(), tables=0)
    with pytest.raises(ValidationError):
        services.start_run(event=event, actor=None)


def test_start_run_runs_in_the_background_task(event, alice, bob, django_capture_on_commit_callbacks):
    _meet(alice, bob)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_run(event=event, actor=None)
    run.refresh_from_db()
    assert run.status == "done" and run.placed == 1
    assert ScheduleRun.objects.count() == 1


def test_cancelling_a_registration_withdraws_the_participant(event, alice, bob, carol):
    from biocluster.audit.models import AuditEvent
    from biocluster.events.services import cancel_registration

    meeting = _meet(alice, bob)
    pending = services.send_request(sender=carol, recipient=alice, actor=carol.registration.user)
    cancel_registration(registration=alice.registration, actor=alice.registration.user)
    meeting.refresh_from_db()
    pending.refresh_from_db()
    assert meeting.status == "cancelled" and pending.status == RequestStatus.CANCELLED
    # In the name of who cancelled (the signal said nobody).
    withdrawn = AuditEvent.objects.get(action="partnering.request.withdrawn", object_id=str(pending.pk))
    assert withdrawn.actor == alice.registration.user


def test_attendance_and_feedback(event, alice, bob):
    meeting = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="not started"):
        services.record_attendance(meeting=meeting, actor=None, attendance="held")
    Slot.objects.filter(pk=meeting.slot_id).update(starts_at=timezone.now() - timedelta(hours=1))
    meeting.refresh_from_db()
    services.record_attendance(meeting=meeting, actor=None, attendance="held")
    feedback = services.give_feedback(meeting=meeting, profile=alice, actor=None, rating=4, follow_up=True)
    again = services.give_feedback(meeting=meeting, profile=alice, actor=None, rating=5)
    assert feedback.pk == again.pk and again.rating == 5


def test_publishing_counts_the_agendas_meetings_and_asks_before_mailing_a_past_event(
    event, alice, bob, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core import mail
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    assert services.publish(event=event, actor=None) == 1
    # Publishing again (after a run on the published event) still tells how many meetings the agendas hold.
    assert services.publish(event=event, actor=None) == 1
    type(event).objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=2)
    )
    event.refresh_from_db()
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="This event is over"),
    ):
        services.publish(event=event, actor=None)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.publish(event=event, actor=None, past_confirmed=True) == 1
    assert mail.outbox
