"""On a phone (390 px): the calendars show one day at a time, the partnering agenda is cards; nothing
is wider than the window and no word is cut across two lines."""

from datetime import datetime

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from biocluster.core.tests.phone import BROKEN_WORDS, OVERFLOW, PHONE
from biocluster.platforms.tests.conftest import PARIS, local
from biocluster.platforms.tests.factories import BookingFactory, InstrumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page, root):
    assert page.evaluate(OVERFLOW) <= 0
    assert page.evaluate(BROKEN_WORDS, root) == []


@pytest.fixture
def in_french(live_server):
    def switch(page):
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "fr", "url": live_server.url}]
        )

    return switch


def test_a_phone_sees_the_calendars_a_day_at_a_time(browser_as, scientist, colleague, instrument, in_french):
    tuesday = datetime(2026, 12, 8, 9, 0, tzinfo=PARIS)
    others = [
        InstrumentFactory(platform=instrument.platform, name=f"Cytomètre spectral {n}") for n in range(3)
    ]
    # Another's booking reads "Réservé", the word the issue saw cut in two.
    for booked, user in zip((instrument, *others), (scientist, colleague, colleague, scientist), strict=True):
        BookingFactory(
            instrument=booked, user=user, start=local(tuesday.date(), 10), end=local(tuesday.date(), 12)
        )
    with time_machine.travel(tuesday, tick=True):
        page = browser_as(scientist)
        in_french(page)
        page.set_viewport_size(PHONE)
        page.goto(f"/platforms/instruments/{instrument.pk}/calendar/")
        # The week does not fit: the day is offered instead of the grid.
        expect(page.locator("table.calendar")).to_be_hidden()
        fits(page, "main")
        page.locator(".phone-day a").click()
        expect(page.locator("table.calendar")).to_be_visible()
        expect(page.locator(".calendar-title")).to_contain_text("8 décembre 2026")
        expect(page.locator("table.calendar td.booking")).to_contain_text("10:00\u201312:00")
        fits(page, "main")
        page.get_by_role("button", name="Jour suivant").click()
        expect(page.locator(".calendar-title")).to_contain_text("9 décembre 2026")
        page.get_by_role("button", name="Jour précédent").click()
        expect(page.locator(".calendar-title")).to_contain_text("8 décembre 2026")
        # The platform's day: one column per instrument, scrolled within its frame, words whole.
        page.goto(f"/platforms/{instrument.platform_id}/calendar/")
        expect(page.locator("table.calendar td.booking")).to_have_count(4)
        expect(page.locator("table.calendar td.booking").nth(1)).to_contain_text("Réservé")
        fits(page, "main")
        # On a laptop the week stays the default.
        page.set_viewport_size({"width": 1366, "height": 768})
        page.goto(f"/platforms/instruments/{instrument.pk}/calendar/")
        expect(page.locator("table.calendar")).to_be_visible()
        expect(page.locator(".phone-day")).to_be_hidden()
        # The line at "now" (09:00 on Tuesday) lies across Tuesday's column, at the top of 09:00.
        line = page.locator(".now-line")
        expect(line).to_have_count(1)
        box, head = line.bounding_box(), page.locator("table.calendar thead th").nth(2).bounding_box()
        row = page.locator("table.calendar tbody tr", has=page.locator('th:text-is("09:00")')).bounding_box()
        assert abs(box["x"] - head["x"]) <= 1 and abs(box["width"] - head["width"]) <= 1
        assert row["y"] - 1 <= box["y"] <= row["y"] + row["height"] / 2
