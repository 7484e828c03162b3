"""Pages: searching participants, the request flow, availability, organising."""

import pytest

from biocluster.partnering.models import MeetingRequest, Slot, Unavailability
from biocluster.partnering.tests.test_services import _meet

pytestmark = pytest.mark.django_db


def test_search_and_filter_participants(client, event, alice, bob, carol, alice_user):
    bob.seeks = "Gene therapy start-ups"
    bob.save()
    client.force_login(alice_user)
    url = f"/partnering/events/{event.pk}/participants/"
    content = client.get(url, {"q": "gene therapy"}).content.decode()
    assert bob.registration.name in content and carol.registration.name not in content
    content = client.get(url, {"kind": "investor"}, headers={"HX-Request": "true"}).content.decode()
    assert carol.registration.name in content and bob.registration.name not in content
    assert "<html" not in content  # the htmx fragment only


def test_request_accept_from_the_pages(client, event, alice, bob, alice_user, bob_user):
    client.force_login(alice_user)
    response = client.post(f"/partnering/profiles/{bob.pk}/request/", {"message": "Meet?", "priority": 3})
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.sender, request.recipient, request.priority) == (alice, bob, 3)
    client.force_login(bob_user)
    page = client.get(f"/partnering/requests/{request.pk}/").content.decode()
    assert "Accept" in page and "Propose another time" in page
    client.post(f"/partnering/requests/{request.pk}/answer/", {"action": "accept"})
    request.refresh_from_db()
    assert request.status == "accepted" and request.meeting.slot is None


def test_availability_page(client, event, alice, alice_user):
    client.force_login(alice_user)
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    url = f"/partnering/profiles/{alice.pk}/availability/"
    assert client.get(url).status_code == 200
    client.post(url, {"unavailable": [slots[0].pk, slots[1].pk]})
    assert set(Unavailability.objects.values_list("slot_id", flat=True)) == {slots[0].pk, slots[1].pk}


def test_staff_run_the_scheduler_and_see_the_result(
    client, event, alice, bob, staff_user, django_capture_on_commit_callbacks
):
    _meet(alice, bob)
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/partnering/events/{event.pk}/schedule/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Done" in page and 'class="placed">1 / 1<' in page and 'class="moved">0<' in page


def test_agenda_page_shows_both_zones(client, event, alice, bob, alice_user):
    meeting = _meet(alice, bob)
    from biocluster.partnering import services

    services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    client.force_login(alice_user)
    client.cookies["tz"] = "Europe/Paris"
    content = client.get(f"/partnering/profiles/{alice.pk}/agenda/").content.decode()
    assert "your time" in content and "Merck" in content
    # The same moment, on the event's clock and on the viewer's (the templates must not
    # convert both to the site's zone).
    from zoneinfo import ZoneInfo

    start = meeting.slot.starts_at
    on_site = start.astimezone(ZoneInfo(event.time_zone)).strftime("%H:%M")
    at_home = start.astimezone(ZoneInfo("Europe/Paris")).strftime("%H:%M")
    assert on_site != at_home
    assert f", {on_site}\N{EN DASH}" in content and f", {at_home}\N{EN DASH}" in content
    client.cookies["tz"] = event.time_zone
    assert "your time" not in client.get(f"/partnering/profiles/{alice.pk}/agenda/").content.decode()
    pdf = client.get(f"/partnering/profiles/{alice.pk}/agenda.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_a_request_past_its_expiry_reads_expired_and_no_page_writes_it(
    client, event, alice, bob, carol, alice_user, bob_user
):
    """The pages show it expired at once; only the sweep (the scheduler's command) records it."""
    from datetime import timedelta

    from django.utils import timezone

    from biocluster.audit.models import AuditEvent
    from biocluster.partnering import services

    due = services.send_request(sender=alice, recipient=bob, actor=alice_user)
    services.send_request(sender=carol, recipient=bob, actor=None)
    MeetingRequest.objects.filter(pk=due.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(bob_user)
    home = client.get(f"/partnering/events/{event.pk}/")
    assert home.context["incoming"] == 1  # the other one only
    listed = client.get(f"/partnering/events/{event.pk}/requests/")
    shown = {row.pk: row.status for row in listed.context["received"]}
    assert shown[due.pk] == "expired"
    expired = client.get(f"/partnering/events/{event.pk}/requests/", {"status": "expired"})
    assert [row.pk for row in expired.context["received"]] == [due.pk]
    pending = client.get(f"/partnering/events/{event.pk}/requests/", {"status": "pending"})
    assert due.pk not in [row.pk for row in pending.context["received"]]
    due.refresh_from_db()
    assert due.status == "pending"  # nothing written on a read
    assert not AuditEvent.objects.filter(action="partnering.request.expired").exists()
    assert services.expire_due(event=event) == 1  # the sweep records it, once


def test_my_agenda_is_offered_only_to_those_who_have_one(client, event, alice, alice_user, staff_user):
    """An organiser without a profile at the event was offered "My agenda", a page that does not
    exist for them (found by crawling the demo's links as each role)."""
    link = f'href="/partnering/events/{event.pk}/agenda/"'
    client.force_login(alice_user)
    page = client.get(f"/partnering/events/{event.pk}/participants/").content.decode()
    assert link in page
    assert client.get(f"/partnering/events/{event.pk}/agenda/").status_code == 302
    client.force_login(staff_user)
    response = client.get(f"/partnering/events/{event.pk}/participants/")
    assert response.status_code == 200 and link not in response.content.decode()
