"""A browser journey: a platform manager logs in and lands on what they have to do, follows
'3 bookings awaiting approval', ticks two requests and approves them at once; home then says 1."""

import pytest
from playwright.sync_api import expect

from biocluster.conftest import log_in
from biocluster.platforms.models import BookingStatus
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import BookingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_approves_two_requests_from_home(page, manager, scientist, colleague, instrument, tuesday):
    platform = instrument.platform.organisation.name
    requests = [
        BookingFactory(
            instrument=instrument,
            user=user,
            status=BookingStatus.REQUESTED,
            start=local(tuesday, hour),
            end=local(tuesday, hour + 1),
        )
        for user, hour in ((scientist, 10), (colleague, 13), (scientist, 15))
    ]

    log_in(page, manager)
    todo = page.locator("section.todo")
    expect(todo.get_by_role("heading", name="Platforms")).to_be_visible()
    todo.get_by_role("link", name=f"3 bookings awaiting approval at {platform}").click()
    expect(page.get_by_role("heading", name="Awaiting approval")).to_be_visible()

    page.get_by_label(f"{instrument.name} — ").nth(0).check()  # the 10:00 request
    page.get_by_label(f"{instrument.name} — ").nth(2).check()  # the 15:00 request
    page.get_by_role("button", name="Approve the selected bookings").click()
    expect(page.locator(".messages")).to_contain_text("2 bookings approved")
    assert [type(r).objects.get(pk=r.pk).status for r in requests] == [
        BookingStatus.CONFIRMED,
        BookingStatus.REQUESTED,
        BookingStatus.CONFIRMED,
    ]

    page.get_by_role("link", name="Biocluster").first.click()
    expect(page.locator("section.todo")).to_contain_text(f"1 booking awaiting approval at {platform}")
