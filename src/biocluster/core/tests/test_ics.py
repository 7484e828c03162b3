"""The calendar feeds' shared rules: ORGANIZER as a plain mailto with CN, never an empty calendar."""

from icalendar import Calendar, Event

from biocluster.core import ics


def test_the_organizer_is_a_mailto_address_named_by_cn(settings):
    settings.DEFAULT_FROM_EMAIL = "Biocluster <noreply@biocluster.local>"
    organiser = ics.organizer("BIO 2026")
    assert str(organiser) == "mailto:noreply@biocluster.local" and organiser.params["CN"] == "BIO 2026"
    assert ics.organizer().params["CN"] == "Biocluster"


def test_an_empty_feed_still_holds_a_component(settings):
    parsed = Calendar.from_ical(ics.finish(ics.calendar(prodid="-//Test//EN", name="Nothing")))
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"]
    assert parsed.subcomponents[0]["TZID"] == settings.TIME_ZONE
    assert (
        Calendar.from_ical(
            ics.finish(ics.calendar(prodid="-//Test//EN", name="Nothing"), zone="America/Los_Angeles")
        ).subcomponents[0]["TZID"]
        == "America/Los_Angeles"
    )


def test_a_feed_with_events_gets_their_zones_only():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    feed = ics.calendar(prodid="-//Test//EN", name="One")
    event = Event()
    event.add("uid", "1@test")
    event.add("dtstart", datetime(2026, 3, 29, 10, tzinfo=ZoneInfo("Asia/Singapore")))
    feed.add_component(event)
    parsed = Calendar.from_ical(ics.finish(feed, first=datetime(2026, 3, 29).date()))
    assert [c["TZID"] for c in parsed.walk("VTIMEZONE")] == ["Asia/Singapore"]
