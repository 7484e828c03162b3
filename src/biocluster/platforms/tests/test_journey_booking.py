"""Browser journeys of the booking form: a time off the steps, one's own booking in the way."""

import pytest
from playwright.sync_api import expect

from biocluster.platforms import services
from biocluster.platforms.models import Booking
from biocluster.platforms.tests.conftest import local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def form(page, instrument, day, start, end):
    page.goto(f"/platforms/instruments/{instrument.pk}/book/?date={day.isoformat()}")
    page.locator("#id_start_time").fill(start)
    page.locator("#id_end_time").fill(end)


def test_a_time_off_the_steps_then_ones_own_booking_in_the_way(browser_as, scientist, instrument, tuesday):
    mine = services.create_booking(
        actor=scientist, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    page = browser_as(scientist)

    # 14:10 is not on a step: the refusal names the two nearest steps.
    form(page, instrument, tuesday, "14:10", "15:00")
    page.get_by_role("button", name="Book").click()
    expect(page.locator(".errors")).to_contain_text("instead of 14:10, choose 14:00 or 14:30")
    assert Booking.objects.count() == 1

    # 11:00-13:00 meets one's own booking: said so, linked, no waiting list.
    form(page, instrument, tuesday, "11:00", "13:00")
    page.get_by_role("button", name="Book").click()
    refusal = page.locator(".refusal")
    expect(refusal.get_by_role("heading")).to_have_text("You have already booked this time")
    expect(refusal).to_contain_text("10:00\u201312:00")
    expect(page.get_by_role("button", name="Tell me if it frees")).to_have_count(0)
    refusal.get_by_role("button", name="Open your booking").click()
    page.wait_for_url(f"**/platforms/bookings/{mine.pk}/")
    expect(page.locator(".status")).to_have_text("Confirmed")


def test_the_price_estimate_follows_the_times(browser_as, scientist, instrument, tuesday):
    page = browser_as(scientist)
    page.goto(
        f"/platforms/instruments/{instrument.pk}/book/?date={tuesday.isoformat()}&start=10:00&end=11:00"
    )
    estimate = page.locator("#estimate")
    expect(estimate).to_contain_text("Estimated price: €30 excl. VAT (1 h at €30 per hour")
    page.locator("#id_end_time").fill("12:30")
    page.locator("#id_end_time").dispatch_event("change")
    expect(estimate).to_contain_text("Estimated price: €75 excl. VAT (2.5 h at €30 per hour")
    expect(estimate).to_contain_text("Academic of the cluster")
    page.get_by_role("button", name="Book").click()
    expect(page.locator(".status")).to_have_text("Confirmed")
