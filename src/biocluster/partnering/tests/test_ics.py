"""The agenda feed is RFC 5545: one stable UID per meeting, SEQUENCE up on each change,
cancellations kept as STATUS:CANCELLED, times in the event's zone."""

from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from biocluster.partnering import ics, services
from biocluster.partnering.tests.test_services import _meet

pytestmark = pytest.mark.django_db


def _events(client, profile, **params):
    response = client.get(f"/partnering/profiles/{profile.pk}/agenda.ics", params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"] == ics.PRODID
    assert calendar["METHOD"] == "PUBLISH"
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}, calendar, response.content


def test_the_feed_follows_a_meeting_through_its_life(client, event, alice, bob, carol):
    meeting = _meet(alice, bob)
    token = {"token": alice.feed_token}
    events, _calendar, _ = _events(client, alice, **token)
    assert events == {}  # accepted but not placed: nothing to put in a calendar yet

    services.schedule_now(event=event, actor=None)
    events, calendar, content = _events(client, alice, **token)
    meeting.refresh_from_db()
    first = events[meeting.uid]
    assert first["STATUS"] == "TENTATIVE" and int(first["SEQUENCE"]) == meeting.sequence == 1
    zone = ZoneInfo(event.time_zone)
    assert first["DTSTART"].params["TZID"] == event.time_zone
    assert first["DTSTART"].dt.astimezone(zone) == meeting.slot.starts_at.astimezone(zone)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == event.time_zone
    assert "Merck" in str(first["SUMMARY"])
    assert all(len(line.encode()) <= 75 for line in content.decode().split("\r\n"))

    services.publish(event=event, actor=None)
    events, _calendar, _ = _events(client, alice, **token)
    assert events[meeting.uid]["STATUS"] == "CONFIRMED" and int(events[meeting.uid]["SEQUENCE"]) == 2

    services.cancel_meeting(meeting=meeting, actor=None)
    events, _calendar, _ = _events(client, alice, **token)
    cancelled = events[meeting.uid]  # the same UID, still in the feed
    assert cancelled["STATUS"] == "CANCELLED" and int(cancelled["SEQUENCE"]) == 3
    # Bob's feed carries the same UID for the same meeting.
    bob_events, _calendar, _ = _events(client, bob, token=bob.feed_token)
    assert set(bob_events) == {meeting.uid}


def test_a_wrong_token_is_a_404_and_a_session_needs_to_be_the_owner(client, alice, bob, bob_user):
    assert client.get(f"/partnering/profiles/{alice.pk}/agenda.ics", {"token": "nope"}).status_code == 404
    assert client.get(f"/partnering/profiles/{alice.pk}/agenda.ics").status_code == 302
    client.force_login(bob_user)
    assert client.get(f"/partnering/profiles/{alice.pk}/agenda.ics").status_code == 404
    assert client.get(f"/partnering/profiles/{bob.pk}/agenda.ics").status_code == 200


def test_publishing_emails_agendas_and_cancelling_sends_a_cancel(
    event, alice, bob, django_capture_on_commit_callbacks
):
    meeting = _meet(alice, bob)
    alice.registration.language = "fr"
    alice.registration.save()
    services.schedule_now(event=event, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(event=event, actor=None)
    assert len(mail.outbox) == 2
    french = next(m for m in mail.outbox if m.to == [alice.registration.email])
    assert "agenda" in french.subject.lower()
    names = [a[0] for a in french.attachments]
    assert names == ["agenda.pdf", "agenda.ics"]
    assert french.attachments[0][1][:4] == b"%PDF"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting=meeting, actor=None)
    assert len(mail.outbox) == 2
    cancel = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert cancel["METHOD"] == "CANCEL"
    (vevent,) = cancel.walk("VEVENT")
    meeting.refresh_from_db()
    assert vevent["UID"] == meeting.uid and vevent["STATUS"] == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == meeting.sequence


def test_an_empty_agenda_is_a_valid_calendar_and_the_organizer_a_plain_address(client, event, alice, bob):
    events, calendar, _ = _events(client, alice, token=alice.feed_token)
    assert events == {} and [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert calendar.subcomponents[0]["TZID"] == event.time_zone

    _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    events, _calendar, _ = _events(client, alice, token=alice.feed_token)
    organiser = next(iter(events.values()))["ORGANIZER"]
    assert str(organiser).startswith("mailto:") and "<" not in str(organiser) and " " not in str(organiser)
    assert organiser.params["CN"] == str(event)
