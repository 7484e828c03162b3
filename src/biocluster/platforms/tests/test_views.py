"""The pages: catalogue, calendars, the booking form, a booking's life, managing, statements, feeds."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from biocluster.platforms.models import Booking, BookingStatus, Statement, UsageRecord, WaitlistEntry
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import BookingFactory, ServiceFactory, TariffFactory

pytestmark = pytest.mark.django_db


def test_catalogue_lists_and_searches(client, instrument):
    from biocluster.platforms.tests.factories import InstrumentFactory

    InstrumentFactory(platform=instrument.platform, name="Confocal spare")
    response = client.get(reverse("platforms:platform_list"))
    assert instrument.platform.name in response.content.decode()
    response = client.get(
        reverse("platforms:platform_list"), {"q": "confocal"}, headers={"HX-Request": "true"}
    )
    assert instrument.platform.name in response.content.decode()
    assert "<html" not in response.content.decode()
    assert "2 instruments" in response.content.decode()  # both match: each counted once
    response = client.get(reverse("platforms:platform_list"), {"q": "nothing-like-this"})
    assert "No platform matches." in response.content.decode()


def test_platform_page_shows_instruments_and_tariffs(client, instrument):
    page = client.get(reverse("platforms:platform_detail", args=[instrument.platform_id])).content.decode()
    assert instrument.name in page
    assert "Company of the cluster" in page and "60.00" in page


def test_week_calendar_shows_bookings_without_names_to_others(
    client, scientist, colleague, instrument, tuesday
):
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    page = client.get(url, {"date": tuesday.isoformat()}).content.decode()
    assert "10:00\u201312:00" in page and "Booked" in page
    assert "Lovelace" not in page
    client.force_login(scientist)
    page = client.get(url, {"date": tuesday.isoformat()}).content.decode()
    assert "Ada Lovelace" in page and "mine" in page
    assert 'rowspan="4"' in page  # two hours of 30-minute rows
    fragment = client.get(
        url,
        {"date": tuesday.isoformat(), "view": "day"},
        headers={"HX-Request": "true", "HX-Target": "calendar"},
    )
    assert "<html" not in fragment.content.decode() and "10:00\u201312:00" in fragment.content.decode()


def test_platform_calendar_day_and_week(client, scientist, instrument, tuesday):
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    url = reverse("platforms:platform_calendar", args=[instrument.platform_id])
    assert "10:00\u201312:00" in client.get(url, {"date": tuesday.isoformat()}).content.decode()
    assert (
        "10:00\u201312:00" in client.get(url, {"date": tuesday.isoformat(), "view": "week"}).content.decode()
    )


def test_booking_form_books_and_refuses_with_a_clear_message(
    client, scientist, colleague, instrument, tuesday
):
    client.force_login(scientist)
    url = reverse("platforms:booking_create", args=[instrument.pk])
    form = client.get(url, {"date": tuesday.isoformat(), "start": "10:00", "end": "12:00"}).content.decode()
    assert 'value="10:00"' in form and 'value="12:00"' in form
    response = client.post(
        url, {"day": tuesday.isoformat(), "start_time": "10:00", "end_time": "12:00", "purpose": "Imaging"}
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "platforms:booking_detail", args=[booking.pk]
    )
    client.force_login(colleague)
    response = client.post(url, {"day": tuesday.isoformat(), "start_time": "11:00", "end_time": "13:00"})
    page = response.content.decode()
    assert "This slot is taken" in page and "10:00\u201312:00" in page
    assert "Tell me if it frees" in page
    response = client.post(
        reverse("platforms:waitlist_join", args=[instrument.pk]),
        {"start": f"{tuesday} 11:00", "end": f"{tuesday} 13:00"},
    )
    assert response.status_code == 302
    entry = WaitlistEntry.objects.get(user=colleague)
    assert entry.start == local(tuesday, 11)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start_time": "12:00", "end_time": "10:00"}, "The booking must end after it starts."),
        ({"start_time": "19:00", "end_time": "21:00"}, "Outside opening hours"),
        ({"start_time": "08:00", "end_time": "18:00"}, "Too long"),
    ],
)
def test_bad_input_on_the_form(client, scientist, instrument, tuesday, fields, message):
    client.force_login(scientist)
    response = client.post(
        reverse("platforms:booking_create", args=[instrument.pk]), {"day": tuesday.isoformat(), **fields}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_too_far_ahead_and_closed_day_on_the_form(client, scientist, instrument):
    from biocluster.platforms.tests.factories import ClosureFactory

    client.force_login(scientist)
    url = reverse("platforms:booking_create", args=[instrument.pk])
    far = next_weekday(1, weeks=20)
    page = client.post(
        url, {"day": far.isoformat(), "start_time": "10:00", "end_time": "12:00"}
    ).content.decode()
    assert "Too far ahead" in page
    closed = next_weekday(2)
    ClosureFactory(platform=instrument.platform, start_date=closed, end_date=closed, reason_en="Move")
    page = client.post(
        url, {"day": closed.isoformat(), "start_time": "10:00", "end_time": "12:00"}
    ).content.decode()
    assert "Closed on" in page and "Move" in page


def test_repeating_from_the_form(client, scientist, instrument, tuesday):
    client.force_login(scientist)
    response = client.post(
        reverse("platforms:booking_create", args=[instrument.pk]),
        {
            "day": tuesday.isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "repeat": "weekly",
            "interval": 1,
            "count": 3,
        },
    )
    assert response.status_code == 302
    assert Booking.objects.filter(series__isnull=False).count() == 3


def test_booking_life_move_cancel(client, scientist, instrument, tuesday):
    booking = BookingFactory(
        instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    client.force_login(scientist)
    page = client.get(reverse("platforms:booking_detail", args=[booking.pk])).content.decode()
    assert "Cancel the booking" in page
    response = client.post(
        reverse("platforms:booking_edit", args=[booking.pk]),
        {"day": tuesday.isoformat(), "start_time": "14:00", "end_time": "15:00"},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.start == local(tuesday, 14)
    client.post(reverse("platforms:booking_cancel", args=[booking.pk]), {"reason": "Not needed"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_manager_approves_records_use_and_issues_statements(client, scientist, manager, instrument, lab):
    start = (timezone.now() - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    booking = BookingFactory(
        instrument=instrument,
        user=scientist,
        organisation=lab,
        category="cluster_academic",
        start=start,
        end=start + timedelta(hours=2),
    )
    client.force_login(manager)
    dashboard = client.get(
        reverse("platforms:platform_manage", args=[instrument.platform_id])
    ).content.decode()
    assert "Record the use" in dashboard
    with timezone.override(instrument.platform.tz):
        local_start = timezone.localtime(start)
    response = client.post(
        reverse("platforms:usage_record", args=[booking.pk]),
        {
            "start": local_start.strftime("%Y-%m-%dT%H:%M"),
            "end": (local_start + timedelta(minutes=90)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302, response.content.decode()
    record = UsageRecord.objects.get()
    assert record.quantity == 1.5 and record.amount == 45
    month = record.day.strftime("%Y-%m")
    response = client.post(
        reverse("platforms:statement_list", args=[instrument.platform_id]), {"month": month}
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.total == 45 and statement.organisation == lab
    csv = client.get(reverse("platforms:statement_csv", args=[statement.pk]))
    assert "45.00" in csv.content.decode("utf-8-sig")
    assert client.get(reverse("platforms:statement_xlsx", args=[statement.pk])).content[:2] == b"PK"
    assert client.get(reverse("platforms:statement_pdf", args=[statement.pk])).content[:4] == b"%PDF"
    export = client.get(
        reverse("platforms:accounting_export", args=[instrument.platform_id]), {"month": month}
    )
    assert statement.number in export.content.decode("utf-8-sig")
    # A second issue for the same month has nothing left to bill.
    page = client.post(
        reverse("platforms:statement_list", args=[instrument.platform_id]), {"month": month}
    ).content.decode()
    assert "Nothing left to bill" in page


def test_kiosk_checks_in_and_out_by_badge(client, scientist, manager, instrument):
    from biocluster.platforms import services

    services.set_badge(actor=manager, user=scientist, number="4242")
    start = timezone.now().replace(second=0, microsecond=0)
    booking = BookingFactory(
        instrument=instrument,
        user=scientist,
        start=start,
        end=start + timedelta(hours=1),
        category="cluster_academic",
    )
    client.force_login(manager)
    url = reverse("platforms:kiosk", args=[instrument.pk])
    assert "badge number" in client.get(url).content.decode()
    client.post(url, {"badge": "4242"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN
    client.post(url, {"badge": "4242"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.COMPLETED
    assert UsageRecord.objects.filter(booking=booking, kind="use").exists()
    response = client.post(url, {"badge": "0000"}, follow=True)
    assert "Unknown badge number." in response.content.decode()


def test_kiosk_for_oneself(client, scientist, instrument):
    start = timezone.now().replace(second=0, microsecond=0)
    booking = BookingFactory(
        instrument=instrument, user=scientist, start=start, end=start + timedelta(hours=1)
    )
    client.force_login(scientist)
    url = reverse("platforms:kiosk", args=[instrument.pk])
    assert "Check in" in client.get(url).content.decode()
    client.post(url)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN


def test_person_feed_by_secret_link_and_instrument_feed(client, scientist, instrument, tuesday):
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    client.force_login(scientist)
    page = client.get(reverse("platforms:my_bookings")).content.decode()
    feed = page.split('readonly value="')[1].split('"')[0].replace("&amp;", "&")
    client.logout()
    response = client.get(feed.replace("http://testserver", ""))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert events[0]["DTSTART"].dt == local(tuesday, 10)
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Paris"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    assert client.get(reverse("platforms:person_feed"), {"token": "forged"}).status_code == 404
    public = client.get(reverse("platforms:instrument_feed", args=[instrument.pk])).content.decode()
    assert "Lovelace" not in public and "BEGIN:VEVENT" in public


def test_service_request_life(client, scientist, manager, platform, lab):
    service = ServiceFactory(platform=platform)
    TariffFactory(
        instrument=None,
        service=service,
        platform=platform,
        category="cluster_academic",
        unit="unit",
        price=80,
    )
    client.force_login(scientist)
    response = client.post(
        reverse("platforms:service_request_create", args=[service.pk]),
        {"description": "8 samples", "quantity": 8, "organisation": lab.pk},
    )
    assert response.status_code == 302
    request_url = response.url
    client.force_login(manager)
    client.post(request_url, {"action": "quote", "quote_amount": "600.00"})
    client.force_login(scientist)
    client.post(request_url, {"action": "accept"})
    client.force_login(manager)
    client.post(request_url, {"action": "start"})
    client.post(request_url, {"action": "deliver"})
    record = UsageRecord.objects.get(kind="service")
    assert record.amount == 600 and record.organisation == lab


def test_outage_report_page_and_stats_pages(client, scientist, manager, instrument, staff_user):
    client.force_login(scientist)
    response = client.post(
        reverse("platforms:outage_report", args=[instrument.pk]),
        {"kind": "breakdown", "description": "Laser off"},
    )
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.is_down
    client.force_login(manager)
    page = client.get(reverse("platforms:platform_stats", args=[instrument.platform_id])).content.decode()
    svgs = "".join(re.findall(r"<svg.*?</svg>", page, re.S))
    assert "Hours used by instrument" in page and f">{instrument.name}</text>" in svgs
    client.force_login(staff_user)
    assert client.get(reverse("platforms:all_stats")).status_code == 200


def test_editing_an_instrument_and_its_hours(client, manager, instrument):
    client.force_login(manager)
    url = reverse("platforms:instrument_edit", args=[instrument.pk])
    form = client.get(url).content.decode()
    assert "Monday opens" in form
    data = {
        "name": "Confocal (new)",
        "slot_minutes": 60,
        "min_minutes": 60,
        "max_minutes": 240,
        "buffer_minutes": 60,
        "max_days_ahead": 60,
        "is_active": "on",
        "requires_qualification": "on",
        "opens_0": "09:00",
        "closes_0": "17:00",
        "tariff_unit": "hour",
        "price_cluster_academic": "35",
        "price_external_company": "120",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    instrument.refresh_from_db()
    assert instrument.buffer_minutes == 60
    assert [str(h) for h in instrument.opening_hours.all()] == ["Monday 09:00\u201317:00"]
    from biocluster.platforms.services.usage import tariff_for

    today = timezone.localdate()
    assert tariff_for(instrument=instrument, category="cluster_academic", day=today).price == 35
    assert (
        tariff_for(instrument=instrument, category="cluster_academic", day=today - timedelta(days=1)).price
        == 30
    )
    assert instrument.tariffs.filter(category="external_company").count() == 1  # unchanged: no new tariff


def test_closures_page_records_and_warns(client, manager, scientist, instrument, platform, tuesday):
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    client.force_login(manager)
    response = client.post(
        reverse("platforms:closures", args=[platform.pk]),
        {
            "start_date": tuesday.isoformat(),
            "end_date": tuesday.isoformat(),
            "reason_en": "Audit",
            "reason_fr": "Audit",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Closure recorded." in page and "1 booking(s) fall on these days" in page


def test_query_budgets_do_not_grow_with_the_bookings(
    client, scientist, instrument, platform, tuesday, django_assert_max_num_queries
):
    from biocluster.platforms.tests.factories import InstrumentFactory

    for hour in range(8, 18):
        BookingFactory(
            instrument=instrument, user=scientist, start=local(tuesday, hour), end=local(tuesday, hour, 30)
        )
    other = InstrumentFactory(platform=platform)
    BookingFactory(instrument=other, user=scientist, start=local(tuesday, 9), end=local(tuesday, 10))
    with django_assert_max_num_queries(6):
        client.get(
            reverse("platforms:instrument_calendar", args=[instrument.pk]), {"date": tuesday.isoformat()}
        )
    with django_assert_max_num_queries(10):
        client.get(reverse("platforms:platform_calendar", args=[platform.pk]), {"date": tuesday.isoformat()})
    client.force_login(scientist)
    with django_assert_max_num_queries(12):
        client.get(
            reverse("platforms:instrument_calendar", args=[instrument.pk]), {"date": tuesday.isoformat()}
        )
    with django_assert_max_num_queries(8):
        client.get("/api/bookings?limit=50")


def test_far_dates_are_refused_or_ignored_never_a_server_error(
    client, scientist, manager, instrument, platform
):
    client.force_login(scientist)
    far = {"date": "9999-12-31", "start": "23:30"}
    assert client.get(reverse("platforms:instrument_calendar", args=[instrument.pk]), far).status_code == 200
    assert client.get(reverse("platforms:booking_create", args=[instrument.pk]), far).status_code == 200
    page = client.post(
        reverse("platforms:booking_create", args=[instrument.pk]),
        {"day": "9999-12-31", "start_time": "23:30", "end_time": "00:00"},
    ).content.decode()
    assert "between 2000 and 2100" in page
    client.force_login(manager)
    assert (
        client.get(reverse("platforms:platform_stats", args=[platform.pk]), {"end": "9999-12-31"}).status_code
        == 200
    )
    assert (
        client.get(reverse("platforms:usage_list", args=[platform.pk]), {"month": "9999-12"}).status_code
        == 200
    )
    page = client.post(
        reverse("platforms:statement_list", args=[platform.pk]), {"month": "9999-12"}
    ).content.decode()
    assert "between 2000 and 2100" in page
    page = client.post(
        reverse("platforms:maintenance_create", args=[instrument.pk]),
        {"start": "9999-12-31T10:00", "end": "9999-12-31T12:00"},
    ).content.decode()
    assert "between 2000 and 2100" in page


def test_pages_render_in_french(client, scientist, instrument, tuesday):
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    client.force_login(scientist)
    for url in (
        reverse("platforms:platform_detail", args=[instrument.platform_id]),
        reverse("platforms:instrument_calendar", args=[instrument.pk]) + f"?date={tuesday}",
        reverse("platforms:booking_create", args=[instrument.pk]),
        reverse("platforms:my_bookings"),
    ):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200
        assert response.headers["Content-Language"] == "fr"
