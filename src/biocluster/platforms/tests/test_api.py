"""The API: book as a person would, with a token; refusals say why with the right status."""

import pytest
from django.utils import timezone

from biocluster.accounts.models import ApiToken
from biocluster.platforms.models import Booking, BookingStatus
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import BookingFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def call(user, method, path, body=None):
        headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"} if user else {}
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(client, method)(path, headers=headers, **kwargs)

    return call


def body(instrument, day, start_hour, end_hour, **extra):
    return {
        "instrument": instrument.pk,
        "start": local(day, start_hour).isoformat(),
        "end": local(day, end_hour).isoformat(),
        **extra,
    }


def test_post_books_for_the_tokens_user(api, scientist, instrument, tuesday):
    response = api(scientist, "post", "/api/bookings", body(instrument, tuesday, 10, 12, purpose="Organoids"))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["user"]["email"] == scientist.email
    assert data["status"] == "confirmed"
    assert data["start"].startswith(local(tuesday, 10).isoformat())  # +01:00 in winter, +02:00 in summer
    assert data["category"] == "cluster_academic"
    assert Booking.objects.get(pk=data["id"]).purpose == "Organoids"


def test_times_without_offset_are_in_the_platforms_zone(api, scientist, instrument, tuesday):
    payload = {"instrument": instrument.pk, "start": f"{tuesday}T10:00:00", "end": f"{tuesday}T11:00:00"}
    response = api(scientist, "post", "/api/bookings", payload)
    assert response.status_code == 201, response.content
    assert Booking.objects.get().start == local(tuesday, 10)


def test_an_overlap_is_a_409_naming_the_booking_in_the_way(api, scientist, colleague, instrument, tuesday):
    assert api(scientist, "post", "/api/bookings", body(instrument, tuesday, 10, 12)).status_code == 201
    response = api(colleague, "post", "/api/bookings", body(instrument, tuesday, 11, 13))
    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "conflict"
    assert "10:00\u201312:00" in data["detail"]


def test_rule_failures_are_422_naming_the_field_and_training_403(api, scientist, lab, instrument, tuesday):
    cases = [
        (body(instrument, tuesday, 12, 10), "ends_before_start"),
        (body(instrument, tuesday, 19, 21), "closed_hours"),
        (body(instrument, tuesday, 8, 17), "too_long"),
        (body(instrument, next_weekday(1, weeks=20), 10, 12), "too_far_ahead"),
    ]
    for payload, code in cases:
        response = api(scientist, "post", "/api/bookings", payload)
        assert response.status_code == 422, (code, response.content)
        assert response.json()["code"] == code and response.json()["field"]
    response = api(member_of(lab), "post", "/api/bookings", body(instrument, tuesday, 10, 12))
    assert response.status_code == 403
    assert response.json()["code"] == "not_qualified"


def test_booking_for_someone_else_is_for_managers(api, scientist, colleague, manager, instrument, tuesday):
    response = api(colleague, "post", "/api/bookings", body(instrument, tuesday, 10, 12, user=scientist.pk))
    assert response.status_code == 403
    response = api(manager, "post", "/api/bookings", body(instrument, tuesday, 10, 12, user=scientist.pk))
    assert response.status_code == 201
    assert response.json()["user"]["id"] == scientist.pk


def test_malformed_input_is_a_422(api, scientist, instrument, tuesday):
    assert api(scientist, "post", "/api/bookings", {"instrument": instrument.pk}).status_code == 422
    assert (
        api(
            scientist,
            "post",
            "/api/bookings",
            body(instrument, tuesday, 10, 12) | {"start": "9999-01-01T00:00"},
        ).status_code
        == 422
    )
    assert (
        api(
            scientist, "post", "/api/bookings", body(instrument, tuesday, 10, 12) | {"instrument": 999999}
        ).status_code
        == 422
    )


def test_writes_need_a_token(api, instrument, tuesday):
    assert api(None, "post", "/api/bookings", body(instrument, tuesday, 10, 12)).status_code == 401


def test_recurrence_with_skipped_dates(api, scientist, colleague, instrument, tuesday):
    from datetime import timedelta

    taken = tuesday + timedelta(days=7)
    BookingFactory(instrument=instrument, user=colleague, start=local(taken, 10), end=local(taken, 11))
    payload = body(instrument, tuesday, 10, 12, recurrence={"frequency": "weekly", "count": 3})
    response = api(scientist, "post", "/api/bookings", payload)
    assert response.status_code == 409
    assert "These dates are not free" in response.json()["detail"]
    response = api(scientist, "post", "/api/bookings", payload | {"skip_conflicts": True})
    assert response.status_code == 201, response.content
    recurrence = response.json()["recurrence"]
    assert len(recurrence["bookings"]) == 2
    assert len(recurrence["skipped"]) == 1 and "is booked" in recurrence["skipped"][0]["reason"]


def test_list_get_move_and_cancel(api, scientist, colleague, instrument, tuesday):
    created = api(scientist, "post", "/api/bookings", body(instrument, tuesday, 10, 12)).json()
    listed = api(scientist, "get", "/api/bookings").json()
    assert [b["id"] for b in listed["items"]] == [created["id"]]
    assert api(colleague, "get", f"/api/bookings/{created['id']}").status_code == 404
    moved = api(
        scientist,
        "patch",
        f"/api/bookings/{created['id']}",
        {"start": local(tuesday, 13).isoformat(), "end": local(tuesday, 15).isoformat()},
    )
    assert moved.status_code == 200 and moved.json()["start"].startswith(f"{tuesday}T13:00")
    cancelled = api(
        scientist, "post", f"/api/bookings/{created['id']}/cancel", {"reason": "Samples not ready"}
    )
    assert cancelled.status_code == 200
    assert cancelled.json()[0]["status"] == "cancelled"


def test_availability_shows_times_without_names(api, scientist, instrument, tuesday):
    api(scientist, "post", "/api/bookings", body(instrument, tuesday, 10, 12))
    response = api(
        None,
        "get",
        f"/api/instruments/{instrument.pk}/availability?start={tuesday}T00:00&end={tuesday}T23:00",
    )
    assert response.status_code == 200
    assert response.json() == [
        {
            "start": local(tuesday, 10).isoformat(),
            "end": local(tuesday, 12).isoformat(),
            "blocked_until": local(tuesday, 12).isoformat(),
            "kind": "booking",
        }
    ]


def test_catalogue(api, instrument):
    platforms = api(None, "get", "/api/platforms").json()
    assert platforms["count"] == 1 and platforms["items"][0]["instruments"] == 1
    instruments = api(None, "get", f"/api/instruments?platform={instrument.platform_id}").json()
    item = instruments["items"][0]
    assert item["name"] == instrument.name
    assert {t["category"] for t in item["tariffs"]} == {
        "own_lab",
        "cluster_academic",
        "cluster_company",
        "external_academic",
        "external_company",
    }
    assert item["opening_hours"][0] == {"weekday": 0, "opens": "08:00", "closes": "20:00"}


def test_check_in_and_out_charges_the_use(api, scientist, instrument):
    start = timezone.now().replace(second=0, microsecond=0)
    booking = BookingFactory(
        instrument=instrument,
        user=scientist,
        start=start,
        end=start + timezone.timedelta(hours=2),
        category="cluster_academic",
    )
    assert api(scientist, "post", f"/api/bookings/{booking.pk}/check-in").json()["status"] == "checked_in"
    usage = api(scientist, "post", f"/api/bookings/{booking.pk}/check-out").json()
    assert usage["kind"] == "use" and usage["unit_price"] == "30.00"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.COMPLETED


def test_stats_for_managers(api, manager, scientist, instrument):
    assert api(manager, "get", f"/api/platforms/{instrument.platform_id}/stats").status_code == 200
    assert api(scientist, "get", f"/api/platforms/{instrument.platform_id}/stats").status_code == 403
