"""Refusals that help: a time off the steps names the nearest allowed ones; a slot taken by one's own
booking says so and links to it, and offers no waiting list."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from biocluster.accounts.models import ApiToken
from biocluster.platforms import services
from biocluster.platforms.models import Booking, WaitlistEntry
from biocluster.platforms.services.policy import OWN_BOOKING, error_code, own_booking
from biocluster.platforms.tests.conftest import local

pytestmark = pytest.mark.django_db

OFF_STEP = "start and end on 30-minute steps: instead of 10:10, choose 10:00 or 10:30."


def api_post(client, user, body):
    token = ApiToken.issue(user)[1]
    return client.post(
        "/api/bookings", body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_a_time_off_the_steps_names_the_two_nearest_on_the_page(client, scientist, instrument, tuesday):
    client.force_login(scientist)
    response = client.post(
        reverse("platforms:booking_create", args=[instrument.pk]),
        {"day": tuesday.isoformat(), "start_time": "10:10", "end_time": "11:00"},
    )
    assert response.status_code == 200
    assert OFF_STEP in response.content.decode()
    assert not Booking.objects.exists()


def test_a_time_off_the_steps_names_the_two_nearest_in_the_api(client, scientist, instrument, tuesday):
    body = {"instrument": instrument.pk, "start": f"{tuesday}T10:10:00", "end": f"{tuesday}T11:00:00"}
    response = api_post(client, scientist, body)
    assert response.status_code == 422
    assert response.json()["code"] == "slot" and response.json()["field"] == "start"
    assert OFF_STEP in response.json()["detail"]


def test_the_nearest_steps_follow_the_instruments_step(scientist, instrument, tuesday):
    instrument.slot_minutes, instrument.min_minutes = 60, 60
    instrument.save()
    with pytest.raises(ValidationError) as caught:
        services.create_booking(
            actor=scientist, instrument=instrument, start=local(tuesday, 9), end=local(tuesday, 10, 30)
        )
    assert caught.value.message_dict["end"] == [
        "Bookings of Confocal LSM 980 start and end on 60-minute steps: instead of 10:30, choose 10:00 or 11:00."
    ]


def test_an_overlap_with_ones_own_booking_says_so_and_names_it(scientist, colleague, instrument, tuesday):
    mine = services.create_booking(
        actor=scientist, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    with pytest.raises(ValidationError) as caught:
        services.create_booking(
            actor=scientist, instrument=instrument, start=local(tuesday, 11), end=local(tuesday, 13)
        )
    assert error_code(caught.value) == OWN_BOOKING and own_booking(caught.value) == mine.pk
    assert caught.value.messages[0].startswith("You have already booked Confocal LSM 980")
    assert "10:00\u201312:00" in caught.value.messages[0]
    # Someone else's overlap is the usual conflict, naming no booking to open.
    with pytest.raises(ValidationError) as caught:
        services.create_booking(
            actor=colleague, instrument=instrument, start=local(tuesday, 11), end=local(tuesday, 13)
        )
    assert error_code(caught.value) == "conflict" and own_booking(caught.value) is None


def test_the_page_links_to_ones_own_booking_and_offers_no_waiting_list(
    client, scientist, instrument, tuesday
):
    mine = services.create_booking(
        actor=scientist, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    client.force_login(scientist)
    response = client.post(
        reverse("platforms:booking_create", args=[instrument.pk]),
        {"day": tuesday.isoformat(), "start_time": "11:00", "end_time": "13:00"},
    )
    page = response.content.decode()
    assert 'class="refusal"' in page and "You have already booked this time" in page
    assert f'href="{reverse("platforms:booking_detail", args=[mine.pk])}"' in page
    assert "Tell me if it frees" not in page and "waitlist" not in page


def test_someone_elses_booking_offers_the_waiting_list(client, scientist, colleague, instrument, tuesday):
    theirs = services.create_booking(
        actor=scientist, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    client.force_login(colleague)
    response = client.post(
        reverse("platforms:booking_create", args=[instrument.pk]),
        {"day": tuesday.isoformat(), "start_time": "11:00", "end_time": "13:00"},
    )
    page = response.content.decode()
    assert 'class="refusal"' in page and "Tell me if it frees" in page
    # The colleague may not open the other's booking: the page does not link to it.
    assert reverse("platforms:booking_detail", args=[theirs.pk]) not in page


def test_the_api_names_ones_own_booking(client, scientist, instrument, tuesday):
    mine = services.create_booking(
        actor=scientist, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    body = {"instrument": instrument.pk, "start": f"{tuesday}T11:00:00", "end": f"{tuesday}T13:00:00"}
    response = api_post(client, scientist, body)
    assert response.status_code == 409
    data = response.json()
    assert data["code"] == OWN_BOOKING and data["booking"] == mine.pk
    assert data["url"] == reverse("platforms:booking_detail", args=[mine.pk])


def test_nobody_waits_for_their_own_booking_to_free(scientist, colleague, instrument, tuesday):
    services.create_booking(
        actor=scientist, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    with pytest.raises(ValidationError) as caught:
        services.join_waitlist(
            actor=scientist, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
        )
    assert error_code(caught.value) == OWN_BOOKING
    assert services.join_waitlist(
        actor=colleague, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    assert WaitlistEntry.objects.get().user == colleague
