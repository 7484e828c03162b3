"""The events API: the same rules as the pages, with tokens for writes."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.events.models import Registration
from biocluster.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def auth(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def test_public_list_hides_drafts_and_filters(client, staff_user):
    EventFactory(title_en="Published convention", kind="abroad", country="US", has_partnering=True)
    EventFactory(title_en="Draft day", status="draft")
    body = client.get("/api/events").json()
    assert [e["title_en"] for e in body["items"]] == ["Published convention"]
    staff = client.get("/api/events", headers=auth(staff_user)).json()
    assert staff["count"] == 2
    assert client.get("/api/events?kind=on_site").json()["count"] == 0
    assert client.get("/api/events?has_partnering=true&country=us").json()["count"] == 1


def test_staff_create_in_the_event_zone_then_update(client, staff_user, member):
    body = {
        "title_en": "Convention in Tokyo",
        "kind": "abroad",
        "starts_at": "2030-04-02T09:00:00",
        "ends_at": "2030-04-04T18:00:00",
        "time_zone": "Asia/Tokyo",
    }
    assert (
        client.post("/api/events", body, content_type="application/json", headers=auth(member)).status_code
        == 403
    )
    response = client.post("/api/events", body, content_type="application/json", headers=auth(staff_user))
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["starts_at"].startswith("2030-04-02T00:00:00")  # 09:00 in Tokyo is midnight UTC
    assert event["status"] == "draft"
    patch = client.patch(
        f"/api/events/{event['id']}",
        {"capacity": 10, "title_fr": "Convention à Tokyo"},
        content_type="application/json",
        headers=auth(staff_user),
    )
    assert patch.json()["capacity"] == 10 and patch.json()["title_fr"] == "Convention à Tokyo"


def test_invalid_event_is_422_naming_the_field(client, staff_user):
    body = {
        "title_en": "X",
        "starts_at": "2030-04-02T09:00:00",
        "ends_at": "2030-04-01T09:00:00",
        "time_zone": "Nowhere/City",
    }
    response = client.post("/api/events", body, content_type="application/json", headers=auth(staff_user))
    assert response.status_code == 422
    fields = {error["loc"][-1] for error in response.json()["detail"]}
    assert {"ends_at", "time_zone"} <= fields


def test_register_self_waiting_list_and_cancel(client, member, organisation_administrator, event):
    event.capacity = 1
    event.save()
    first = client.post(
        "/api/registrations", {"event": event.pk}, content_type="application/json", headers=auth(member)
    )
    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    assert first.json()["badge_url"]
    second = client.post(
        "/api/registrations",
        {"event": event.pk},
        content_type="application/json",
        headers=auth(organisation_administrator),
    )
    assert second.json()["status"] == "waiting" and second.json()["badge_url"] is None
    again = client.post(
        "/api/registrations", {"event": event.pk}, content_type="application/json", headers=auth(member)
    )
    assert again.status_code == 422
    # a session cookie may not write
    client.force_login(member)
    assert client.delete(f"/api/registrations/{first.json()['id']}").status_code == 401
    response = client.delete(f"/api/registrations/{first.json()['id']}", headers=auth(member))
    assert response.json()["status"] == "cancelled"
    assert Registration.objects.get(pk=second.json()["id"]).status == "confirmed"


def test_register_on_behalf_of_someone_elses_organisation_refused(client, member, event):
    from biocluster.directory.tests.factories import OrganisationFactory

    other = OrganisationFactory()
    response = client.post(
        "/api/registrations",
        {"event": event.pk, "organisation": other.pk},
        content_type="application/json",
        headers=auth(member),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "organisation"


def test_registration_lists_own_or_all_for_staff(client, member, staff_user, event):
    RegistrationFactory(event=event, user=member, email=member.email)
    RegistrationFactory(event=event)
    assert client.get("/api/registrations", headers=auth(member)).json()["count"] == 1
    assert client.get(f"/api/registrations?event={event.pk}", headers=auth(staff_user)).json()["count"] == 2
    assert client.get("/api/registrations").json()["count"] == 0


def test_check_in_api_idempotent_and_wrong_event(client, staff_user, event):
    registration = RegistrationFactory(event=event)
    url = f"/api/events/{event.pk}/check-in"
    first = client.post(
        url, {"token": registration.badge_token}, content_type="application/json", headers=auth(staff_user)
    )
    assert first.json()["first_time"] is True
    again = client.post(
        url, {"token": registration.badge_token}, content_type="application/json", headers=auth(staff_user)
    )
    assert again.json()["first_time"] is False
    other = RegistrationFactory(event=EventFactory())
    wrong = client.post(
        url, {"token": other.badge_token}, content_type="application/json", headers=auth(staff_user)
    )
    assert wrong.status_code == 422


def test_attendance_api(client, staff_user, event):
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waiting")
    body = client.get(f"/api/events/{event.pk}/attendance", headers=auth(staff_user)).json()
    assert (body["registered"], body["confirmed"], body["waiting"]) == (2, 1, 1)


def test_attendance_asks_the_anonymous_public_to_authenticate(client, event):
    response = client.get(f"/api/events/{event.pk}/attendance")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
