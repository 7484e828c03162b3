"""Calendar feeds are valid RFC 5545 with their time zone, right across a change of summer time."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from biocluster.platforms import ics, services
from biocluster.platforms.models import Booking
from biocluster.platforms.tests.test_recurrence import next_dst_change

pytestmark = pytest.mark.django_db


def test_a_series_across_the_change_reads_10_oclock_in_the_feed(scientist, instrument):
    instrument.max_days_ahead = 730
    instrument.save()
    change = next_dst_change(timezone.localdate(), to_summer=True)
    first = change - timedelta(days=12)
    paris = ZoneInfo("Europe/Paris")
    from biocluster.platforms.tests.conftest import local

    services.create_series(
        actor=scientist,
        instrument=instrument,
        start=local(first, 10),
        end=local(first, 12),
        frequency="weekly",
        count=4,
    )
    content = ics.booking_calendar(Booking.objects.order_by("start"))
    calendar = Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"] == ics.PRODID
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert name in event
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event["DTSTART"].dt.astimezone(paris).time() == time(10)
        assert event["DTEND"].dt.astimezone(paris).time() == time(12)
    assert len({e["UID"] for e in events}) == 4
    zone = calendar.walk("VTIMEZONE")[0]
    assert zone["TZID"] == "Europe/Paris"
    assert {c.name for c in zone.subcomponents} >= {"STANDARD", "DAYLIGHT"}
    text = content.decode()
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_an_empty_feed_is_a_valid_calendar_in_the_platforms_zone(client, instrument):
    response = client.get(f"/platforms/instruments/{instrument.pk}/calendar.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT") == [] and calendar["VERSION"] == "2.0"
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert calendar.subcomponents[0]["TZID"] == instrument.platform.tz.key
