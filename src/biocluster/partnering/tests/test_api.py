"""/api/meeting-requests and /api/meetings: the same rules as the pages."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.partnering import services
from biocluster.partnering.models import Slot
from biocluster.partnering.tests.test_services import _meet

pytestmark = pytest.mark.django_db


def auth(user) -> dict:
    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def test_send_accept_and_see_the_meeting(client, event, alice, bob, alice_user, bob_user):
    response = client.post(
        "/api/meeting-requests",
        {"recipient": bob.pk, "message": "Cell therapy manufacturing?", "priority": 3},
        content_type="application/json",
        headers=auth(alice_user),
    )
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["status"] == "pending" and sent["sender"]["id"] == alice.pk and sent["meeting"] is None
    # Only the recipient answers.
    url = f"/api/meeting-requests/{sent['id']}/accept"
    assert client.post(url, {}, content_type="application/json", headers=auth(alice_user)).status_code == 403
    accepted = client.post(url, {}, content_type="application/json", headers=auth(bob_user)).json()
    assert accepted["status"] == "accepted" and accepted["meeting"]
    meeting = client.get(f"/api/meetings/{accepted['meeting']}", headers=auth(alice_user)).json()
    assert meeting["slot"] is None and meeting["priority"] == 3 and meeting["sequence"] == 0
    services.schedule_now(event=event, actor=None)
    listed = client.get("/api/meetings", {"placed": True}, headers=auth(bob_user)).json()
    assert listed["count"] == 1 and listed["items"][0]["slot"]["id"]
    assert listed["items"][0]["uid"] == meeting["uid"]


def test_the_cap_is_a_422_naming_the_field(client, event, alice, bob, carol, alice_user):
    services.configure(event=event, actor=None, request_cap=1)
    services.send_request(sender=alice, recipient=bob, actor=alice_user)
    response = client.post(
        "/api/meeting-requests",
        {"recipient": carol.pk},
        content_type="application/json",
        headers=auth(alice_user),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "recipient"]


def test_counter_and_take_the_proposed_time(client, event, alice, bob, alice_user, bob_user):
    request = services.send_request(sender=alice, recipient=bob, actor=alice_user)
    slot = Slot.objects.filter(event=event).order_by("starts_at").last()
    countered = client.post(
        f"/api/meeting-requests/{request.pk}/counter",
        {"slot": slot.pk, "response": "Afternoon?"},
        content_type="application/json",
        headers=auth(bob_user),
    ).json()
    assert countered["status"] == "countered" and countered["proposed_slot"]["id"] == slot.pk
    taken = client.post(
        f"/api/meeting-requests/{request.pk}/accept-counter",
        content_type="application/json",
        headers=auth(alice_user),
    ).json()
    meeting = client.get(f"/api/meetings/{taken['meeting']}", headers=auth(alice_user)).json()
    assert meeting["slot"]["id"] == slot.pk and meeting["locked"] is True


def test_others_see_nothing(client, event, alice, bob, alice_user, member):
    meeting = _meet(alice, bob)
    assert client.get("/api/meetings", headers=auth(member)).json()["count"] == 0
    assert client.get(f"/api/meetings/{meeting.pk}", headers=auth(member)).status_code == 404
    assert client.get("/api/meeting-requests").json()["count"] == 0  # the public
    assert client.post(f"/api/meetings/{meeting.pk}/cancel").status_code == 401


def test_organisers_see_every_meeting_and_may_cancel(client, event, alice, bob, staff_user):
    meeting = _meet(alice, bob)
    assert client.get("/api/meetings", {"event": event.pk}, headers=auth(staff_user)).json()["count"] == 1
    cancelled = client.post(
        f"/api/meetings/{meeting.pk}/cancel", content_type="application/json", headers=auth(staff_user)
    ).json()
    assert cancelled["status"] == "cancelled"
