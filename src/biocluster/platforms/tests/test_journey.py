"""A browser journey: book next Tuesday 10:00-12:00 by dragging on the calendar, a colleague's overlap
is refused and waits, the first cancels, the colleague is told; the manager records use and issues
the month's statement."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from biocluster.platforms.models import Booking, BookingStatus, Statement, UsageRecord
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import BookingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def cell(page, day, clock):
    return page.locator(f'td.free[data-day="{day.isoformat()}"][data-start="{clock}"]')


def test_book_refuse_wait_cancel_tell_record_and_bill(
    browser_as, scientist, colleague, manager, instrument, lab, tuesday
):
    # A qualified user finds the instrument and books next Tuesday 10:00-12:00 by dragging on the week.
    first = browser_as(scientist)
    first.goto("/platforms/")
    first.get_by_role("link", name=instrument.platform.name).click()
    first.get_by_role("link", name="See the calendar and book").first.click()
    expect(first.get_by_role("heading", level=1)).to_have_text(instrument.name)
    while not cell(first, tuesday, "10:00").count():
        # htmx swaps the grid: wait for the new week before looking again, or a second click
        # lands while the first is in flight and the grid moves past Tuesday's week.
        title = first.locator(".calendar-title").inner_text()
        first.get_by_role("button", name="Next week").click()
        expect(first.locator(".calendar-title")).not_to_have_text(title)
    start, end = cell(first, tuesday, "10:00"), cell(first, tuesday, "11:30")
    start.hover()
    first.mouse.down()
    end.hover()
    first.mouse.up()
    expect(first.locator("#id_start_time")).to_have_value("10:00")
    expect(first.locator("#id_end_time")).to_have_value("12:00")
    first.locator("#id_purpose").fill("Imaging organoids")
    first.get_by_role("button", name="Book").click()
    expect(first.locator(".messages")).to_contain_text("Booked")
    expect(first.locator(".status")).to_have_text("Confirmed")
    booking = Booking.objects.get(user=scientist)
    assert (booking.start, booking.end) == (local(tuesday, 10), local(tuesday, 12))
    # The week's grid, kept since it was shown before the booking, shows the booking at once.
    week = f"/platforms/instruments/{instrument.pk}/calendar/?date={tuesday.isoformat()}"
    first.goto(week)
    expect(first.locator("td.booking.mine")).to_contain_text("10:00\u201312:00")

    # A second user's overlapping booking is refused with the times in the way; they join the waiting list.
    second = browser_as(colleague)
    second.goto(
        f"/platforms/instruments/{instrument.pk}/book/?date={tuesday.isoformat()}&start=11:00&end=13:00"
    )
    second.get_by_role("button", name="Book").click()
    expect(second.locator(".refusal")).to_contain_text("This slot is taken")
    expect(second.locator(".refusal")).to_contain_text("10:00\u201312:00")
    second.get_by_role("button", name="Tell me if it frees").click()
    expect(second.locator(".messages")).to_contain_text("waiting list")
    assert Booking.objects.filter(user=colleague).count() == 0

    # The first cancels; the waiting user is told by email.
    mail.outbox.clear()
    first.goto(f"/platforms/bookings/{booking.pk}/")
    first.get_by_text("Cancel this booking").click()
    first.get_by_role("button", name="Cancel the booking").click()
    expect(first.locator(".messages")).to_contain_text("Booking cancelled.")
    first.goto(week)
    expect(cell(first, tuesday, "10:00")).to_have_count(1)  # free again
    expect(first.locator("td.booking")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    told = [m for m in mail.outbox if m.to == [colleague.email]]
    assert told and "A slot freed" in told[0].subject and "10:00" in told[0].body

    # The manager records the use of yesterday's booking and issues the month's statement.
    yesterday = timezone.localtime() - timedelta(days=1)
    used = BookingFactory(
        instrument=instrument,
        user=scientist,
        organisation=lab,
        category="cluster_academic",
        start=yesterday.replace(hour=9, minute=0, second=0, microsecond=0),
        end=yesterday.replace(hour=11, minute=0, second=0, microsecond=0),
    )
    office = browser_as(manager)
    office.goto(f"/platforms/{instrument.platform_id}/manage/")
    office.get_by_role("link", name="Record the use").first.click()
    office.locator("#id_start").fill(used.start.astimezone(instrument.platform.tz).strftime("%Y-%m-%dT%H:%M"))
    office.locator("#id_end").fill(
        (used.start + timedelta(minutes=90)).astimezone(instrument.platform.tz).strftime("%Y-%m-%dT%H:%M")
    )
    office.get_by_role("button", name="Record").click()
    expect(office.locator(".messages")).to_contain_text("Use recorded.")
    record = UsageRecord.objects.get(booking=used)
    assert record.amount == 45  # 1.5 h at the academic tariff of 30 EUR

    office.goto(f"/platforms/{instrument.platform_id}/statements/")
    office.locator("#id_month").fill(record.day.strftime("%Y-%m"))
    office.get_by_role("button", name="Issue the statements").click()
    expect(office.locator(".messages")).to_contain_text("1 statement(s) issued.")
    statement = Statement.objects.get()
    # The month may also hold the charges of the journey's earlier bookings (e.g. a late
    # cancellation) when "Tuesday" and "yesterday" fall in the same month.
    month_charges = UsageRecord.objects.filter(statement=statement)
    assert record in month_charges and statement.total == sum(r.amount for r in month_charges)
    office.get_by_role("link", name=statement.number).click()
    expect(office.locator("tfoot")).to_contain_text(f"{statement.total:.2f}")
    with office.expect_download() as download:
        office.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == f"{statement.number}.pdf"
