"""Issue #6: calendars never keep a stale copy, participants hear of what a later scheduler run
changed in their published agenda, and requests expire without anybody opening a page."""

from datetime import time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from biocluster.audit.models import AuditEvent
from biocluster.partnering import services
from biocluster.partnering.models import Meeting, MeetingRequest, RequestStatus, Slot
from biocluster.partnering.tests.factories import participant
from biocluster.partnering.tests.test_ics import _events
from biocluster.partnering.tests.test_services import _meet

pytestmark = pytest.mark.django_db


def _slots(event):
    return list(Slot.objects.filter(event=event).order_by("starts_at"))


def _unplace_by_rerun(event, meeting, who):
    """`who` becomes unavailable at every slot: the next run leaves the meeting without a slot."""
    services.set_unavailability(profile=who, actor=None, slots=_slots(event))
    run = services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    assert meeting.slot is None and run.unscheduled == 1
    return run


def test_a_meeting_a_rerun_leaves_without_a_slot_is_cancelled_in_the_feed(client, event, alice, bob):
    meeting = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    placed_at, token = meeting.slot.starts_at, {"token": alice.feed_token}
    events, _calendar, _ = _events(client, alice, **token)
    tentative = events[meeting.uid]
    assert tentative["STATUS"] == "TENTATIVE"

    _unplace_by_rerun(event, meeting, bob)
    events, _calendar, _ = _events(client, alice, **token)
    gone = events[meeting.uid]  # the same UID is still there, not dropped
    assert gone["STATUS"] == "CANCELLED"
    assert int(gone["SEQUENCE"]) == meeting.sequence > int(tentative["SEQUENCE"])
    assert gone["DTSTART"].dt == placed_at  # at the time calendars know it by

    # Placed again later: the same UID comes back, with a higher SEQUENCE.
    services.set_unavailability(profile=bob, actor=None, slots=[])
    services.schedule_now(event=event, actor=None)
    events, _calendar, _ = _events(client, alice, **token)
    back = events[meeting.uid]
    assert back["STATUS"] == "TENTATIVE" and int(back["SEQUENCE"]) > int(gone["SEQUENCE"])
    assert set(events) == {meeting.uid}


def test_a_cancelled_meeting_stays_in_the_feed_when_its_slot_is_removed(client, event, alice, bob):
    meeting = _meet(alice, bob)
    services.set_unavailability(profile=alice, actor=None, slots=_slots(event)[:3])
    services.schedule_now(event=event, actor=None)  # placed in the last slot, 10:30
    services.cancel_meeting(meeting=meeting, actor=None)
    meeting.refresh_from_db()
    cancelled_sequence = meeting.sequence
    services.configure(event=event, actor=None, day_ends=time(10))  # the 10:30 slot goes
    meeting.refresh_from_db()
    assert meeting.slot is None and meeting.sequence > cancelled_sequence
    events, _calendar, _ = _events(client, alice, token=alice.feed_token)
    assert events[meeting.uid]["STATUS"] == "CANCELLED"
    assert int(events[meeting.uid]["SEQUENCE"]) == meeting.sequence


def _published_with(event, alice, bob):
    kept = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    services.publish(event=event, actor=None, notify=False)
    kept.refresh_from_db()
    return kept


def _mails_by_address():
    return {message.to[0]: message for message in mail.outbox}


def _calendar(message, name):
    content = {a[0]: a[1] for a in message.attachments}[name]
    return Calendar.from_ical(content)


def test_a_run_after_publication_emails_only_those_whose_agenda_changed(
    event, alice, bob, carol, django_capture_on_commit_callbacks
):
    kept = _published_with(event, alice, bob)
    dave = participant(event, organisation__name="Sanofi", organisation__kind="large_company")
    carol.registration.language = "fr"
    carol.registration.save()
    new = _meet(carol, dave)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_now(event=event, actor=None)
    new.refresh_from_db()
    kept_sequence = kept.sequence
    kept.refresh_from_db()
    assert new.published_at is not None and kept.sequence == kept_sequence
    sent = _mails_by_address()
    assert set(sent) == {carol.registration.email, dave.registration.email}  # Alice and Bob: nothing
    french, english = sent[carol.registration.email], sent[dave.registration.email]
    assert "agenda" in english.subject and "Sanofi" in french.body and "Synsight" not in french.body
    assert [a[0] for a in english.attachments] == ["update.ics"]
    update = _calendar(english, "update.ics")
    assert update["METHOD"] == "REQUEST"
    (vevent,) = update.walk("VEVENT")
    assert vevent["UID"] == new.uid and vevent["STATUS"] == "CONFIRMED"
    assert int(vevent["SEQUENCE"]) == new.sequence

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_now(event=event, actor=None)  # nothing changes: nobody hears
    assert mail.outbox == []


def test_a_rerun_that_moves_or_unplaces_an_unpublished_meeting_tells_its_participants(
    event, alice, bob, carol, django_capture_on_commit_callbacks
):
    _published_with(event, alice, bob)
    # Placed but not published (e.g. placed before the publication was taken back): it may move.
    moving = _meet(carol, bob)
    services.schedule_now(event=event, actor=None)
    Meeting.objects.filter(pk=moving.pk).update(published_at=None)
    moving.refresh_from_db()
    was = moving.slot
    services.set_unavailability(profile=carol, actor=None, slots=[was])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_now(event=event, actor=None)
    moving.refresh_from_db()
    assert moving.slot not in (None, was)
    sent = _mails_by_address()
    assert set(sent) == {carol.registration.email, bob.registration.email}
    assert len(mail.outbox) == 2  # one each
    assert _calendar(sent[bob.registration.email], "update.ics")["METHOD"] == "REQUEST"
    assert "was " in sent[bob.registration.email].body

    Meeting.objects.filter(pk=moving.pk).update(published_at=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _unplace_by_rerun(event, moving, carol)
    sent = _mails_by_address()
    assert set(sent) == {carol.registration.email, bob.registration.email}
    message = sent[carol.registration.email]
    assert [a[0] for a in message.attachments] == ["cancel.ics"]
    cancel = _calendar(message, "cancel.ics")
    (vevent,) = cancel.walk("VEVENT")
    assert cancel["METHOD"] == "CANCEL" and vevent["STATUS"] == "CANCELLED"
    assert vevent["UID"] == moving.uid and int(vevent["SEQUENCE"]) == moving.sequence


def test_runs_before_publication_email_nobody(event, alice, bob, django_capture_on_commit_callbacks):
    meeting = _meet(alice, bob)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_now(event=event, actor=None)
        _unplace_by_rerun(event, meeting, bob)
    assert mail.outbox == []


def test_the_expire_command_expires_due_requests_once_and_audits_it(event, alice, bob, carol):
    services.configure(event=event, actor=None, request_expiry_days=2)
    due = services.send_request(sender=alice, recipient=bob, actor=alice.registration.user)
    not_yet = services.send_request(sender=carol, recipient=bob, actor=carol.registration.user)
    MeetingRequest.objects.filter(pk=due.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    call_command("partnering_expire", stdout=out)
    assert "Expired 1 " in out.getvalue()
    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert due.status == RequestStatus.EXPIRED and not_yet.status == RequestStatus.PENDING
    audited = AuditEvent.objects.filter(action="partnering.request.expired", object_id=str(due.pk))
    assert audited.count() == 1

    out = StringIO()
    call_command("partnering_expire", stdout=out)  # again: nothing more, no second audit record
    assert "Expired 0 " in out.getvalue()
    assert audited.count() == 1
