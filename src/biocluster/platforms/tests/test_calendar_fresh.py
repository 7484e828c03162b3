"""Every change shows on the instrument calendar at once (issue 11).

The page reads what it shows in one statement and keeps nothing between requests (an
earlier version kept the grid under versions that every write had to replace). Each test
reads the calendar first, changes what it shows through one door (a page, the API, the
admin, a bulk write, the periodic task, an event's session) and reads it again.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.accounts.models import ApiToken
from biocluster.platforms import services
from biocluster.platforms.models import Booking, BookingStatus, Closure, Outage, OutageKind
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import BookingFactory, InstrumentFactory, member_of

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def week(instrument, tuesday):
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])

    def read(client) -> str:
        response = client.get(url, {"date": tuesday.isoformat()})
        assert response.status_code == 200
        return response.content.decode()

    return read


def test_the_page_reads_what_it_shows_in_one_statement(client, instrument, tuesday, week):
    week(client)
    with CaptureQueriesContext(connection) as again:
        week(client)
    assert len(again.captured_queries) == 1, [q["sql"] for q in again.captured_queries]


def test_a_booking_made_on_the_page_shows_and_its_cancellation_too(
    client, scientist, instrument, tuesday, week
):
    client.force_login(scientist)
    assert "10:00\u201312:00" not in week(client)
    response = client.post(
        reverse("platforms:booking_create", args=[instrument.pk]),
        {"day": tuesday.isoformat(), "start_time": "10:00", "end_time": "12:00", "purpose": "Imaging"},
    )
    assert response.status_code == 302
    assert "10:00\u201312:00" in week(client)
    booking = Booking.objects.get()
    response = client.post(reverse("platforms:booking_cancel", args=[booking.pk]), {"reason": "Not needed"})
    assert response.status_code == 302
    assert "10:00\u201312:00" not in week(client)


def test_a_booking_made_and_cancelled_through_the_api_shows_at_once(
    client, scientist, instrument, tuesday, week
):
    headers = {"Authorization": f"Bearer {ApiToken.issue(scientist)[1]}"}
    assert "10:00\u201312:00" not in week(client)
    created = client.post(
        "/api/bookings",
        {
            "instrument": instrument.pk,
            "start": local(tuesday, 10).isoformat(),
            "end": local(tuesday, 12).isoformat(),
        },
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    assert "10:00\u201312:00" in week(client)
    cancelled = client.post(
        f"/api/bookings/{created.json()['id']}/cancel", {}, content_type="application/json", headers=headers
    )
    assert cancelled.status_code == 200
    assert "10:00\u201312:00" not in week(client)


def test_a_closure_added_in_the_admin_closes_the_days(client, administrator, instrument, tuesday, week):
    assert "Safety audit" not in week(client)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:platforms_closure_add"),
        {
            "platform": instrument.platform_id,
            "instrument": "",
            "start_date": tuesday.isoformat(),
            "end_date": tuesday.isoformat(),
            "reason_en": "Safety audit",
            "reason_fr": "Audit de sécurité",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert "Safety audit" in week(client)


def test_opening_hours_written_in_bulk_show_at_once(client, manager, instrument, tuesday, week):
    assert f'data-day="{tuesday.isoformat()}" data-start="19:00"' in week(client)
    from datetime import time

    services.set_opening_hours(
        actor=manager, instrument=instrument, hours=[(d, time(8), time(12)) for d in range(5)]
    )
    assert f'data-day="{tuesday.isoformat()}" data-start="19:00"' not in week(client)


def test_another_instruments_booking_and_closure_do_not_show_here(
    client, administrator, instrument, scientist, tuesday, week
):
    other = InstrumentFactory(platform=instrument.platform)
    BookingFactory(instrument=other, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    Closure.objects.create(
        platform=instrument.platform,
        instrument=other,
        start_date=tuesday,
        end_date=tuesday,
        reason_en="Other",
    )
    elsewhere = InstrumentFactory()
    Closure.objects.create(
        platform=elsewhere.platform, start_date=tuesday, end_date=tuesday, reason_en="Elsewhere"
    )
    page = week(client)
    assert "10:00\u201312:00" not in page
    assert "Other" not in page and "Elsewhere" not in page
    Closure.objects.create(
        platform=instrument.platform, start_date=tuesday, end_date=tuesday, reason_en="Here"
    )
    assert "Here" in week(client)


def test_a_bulk_load_shows_at_once(client, instrument, scientist, tuesday, week):
    week(client)
    Booking.objects.bulk_create(
        [
            Booking(
                instrument=instrument,
                user=scientist,
                created_by=scientist,
                start=local(tuesday, 10),
                end=local(tuesday, 12),
                blocked_until=local(tuesday, 12),
                organisation=scientist.person.affiliations.get().organisation,
                category="cluster_academic",
                status=BookingStatus.CONFIRMED,
            )
        ]
    )
    assert "10:00\u201312:00" in week(client)  # bulk_create sends no signal: none is needed


def test_the_periodic_release_of_no_shows_frees_the_slot(client, scientist, instrument):
    monday = datetime(2026, 6, 15, 9, 0, tzinfo=PARIS)
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    with time_machine.travel(monday - timedelta(days=3), tick=False):
        BookingFactory(instrument=instrument, user=scientist, start=monday, end=monday + timedelta(hours=2))
    with time_machine.travel(monday + timedelta(hours=1), tick=False):
        assert "09:00\u201311:00" in client.get(url, {"date": "2026-06-15"}).content.decode()
        call_command("platforms_tick", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert Booking.objects.get().status == BookingStatus.RELEASED
        assert "09:00\u201311:00" not in client.get(url, {"date": "2026-06-15"}).content.decode()


def test_slots_pass_into_the_past_as_time_goes_by(client, instrument):
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    free = 'data-day="2026-06-16" data-start="10:30"'
    with time_machine.travel(datetime(2026, 6, 16, 10, 28, tzinfo=PARIS), tick=False):
        assert free in client.get(url, {"date": "2026-06-16"}).content.decode()
    with time_machine.travel(datetime(2026, 6, 16, 10, 30, tzinfo=PARIS), tick=False):
        assert free in client.get(url, {"date": "2026-06-16"}).content.decode()
    with time_machine.travel(datetime(2026, 6, 16, 10, 30, 0, 1, tzinfo=PARIS), tick=False):
        assert free not in client.get(url, {"date": "2026-06-16"}).content.decode()


def test_each_viewer_sees_what_they_may(client, scientist, colleague, manager, instrument, week):
    """The manager's names are never shown to a member or the public."""
    from biocluster.platforms.tests.conftest import next_weekday

    tuesday = next_weekday(1)
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    client.force_login(manager)
    assert "Ada Lovelace" in week(client)
    client.force_login(colleague)
    page = week(client)
    assert "Ada Lovelace" not in page
    assert "Booked" in page and 'confirmed mine"' not in page
    client.force_login(scientist)
    page = week(client)
    assert "Ada Lovelace" in page and 'confirmed mine"' in page
    client.logout()
    page = week(client)
    assert "Ada Lovelace" not in page and 'aria-label="Book' not in page
    outsider = member_of(colleague.person.affiliations.get().organisation, email="other@example.org")
    client.force_login(outsider)
    assert "Ada Lovelace" not in week(client)


def test_french_and_english_grids_are_kept_apart(client, scientist, instrument, tuesday, week):
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    assert "Booked" in week(client)
    client.cookies["django_language"] = "fr"
    page = client.get(
        reverse("platforms:instrument_calendar", args=[instrument.pk]),
        {"date": tuesday.isoformat()},
        headers={"Accept-Language": "fr"},
    ).content.decode()
    assert "Réservé" in page and "Booked" not in page


def test_a_booking_moved_on_its_page_moves_on_the_calendar(client, scientist, instrument, tuesday, week):
    booking = BookingFactory(
        instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    assert "10:00\u201312:00" in week(client)
    client.force_login(scientist)
    response = client.post(
        reverse("platforms:booking_edit", args=[booking.pk]),
        {"day": tuesday.isoformat(), "start_time": "14:00", "end_time": "16:00"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    page = week(client)
    assert "10:00\u201312:00" not in page and "14:00\u201316:00" in page


def test_an_instrument_renamed_or_put_out_of_service_shows_at_once(client, instrument, tuesday, week):
    free = f'data-day="{tuesday.isoformat()}" data-start="10:00"'
    assert free in week(client)
    instrument.name = "Confocal renamed"
    instrument.is_active = False
    instrument.save()
    page = week(client)
    assert "Confocal renamed" in page
    assert free not in page and 'class="free"' not in page  # every slot closed


def test_a_breakdown_and_its_repair_show_at_once(client, manager, instrument, tuesday, week):
    free = f'data-day="{tuesday.isoformat()}" data-start="10:00"'
    assert free in week(client)
    outage = Outage.objects.create(
        instrument=instrument,
        kind=OutageKind.BREAKDOWN,
        reported_by=manager,
        description="Laser",
        start=local(tuesday, 8) - timedelta(days=7),
    )
    assert free not in week(client)
    outage.resolved_at = outage.start + timedelta(hours=1)
    outage.save()
    assert free in week(client)


def test_the_statement_without_names_reads_the_same_week_but_no_name(
    scientist, colleague, instrument, tuesday
):
    """Anonymous visitors' calendars read no booker's name (`names=False`): everything else the
    statement reads is what it reads with names."""
    from biocluster.platforms import calendar

    for booker, hour in ((scientist, 9), (colleague, 14)):
        BookingFactory(
            instrument=instrument, user=booker, start=local(tuesday, hour), end=local(tuesday, hour + 2)
        )
    days = calendar.week_days(tuesday)
    named = calendar.week_for_page(instrument.pk, days[0], days[-1])
    nameless = calendar.week_for_page(instrument.pk, days[0], days[-1], names=False)
    assert [b.booker for b in named.bookings] == ["Ada Lovelace", str(colleague)]
    assert [b.booker for b in nameless.bookings] == ["", ""]
    for booking in nameless.bookings:
        booking.booker = "Ada Lovelace" if booking.user_id == scientist.pk else str(colleague)
    assert nameless.bookings == named.bookings
    assert (nameless.hours, nameless.closed, nameless.down) == (named.hours, named.closed, named.down)
    assert calendar.week_for_page(-1, days[0], days[-1], names=False) is None
