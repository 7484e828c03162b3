"""What every calendar feed of the product shares (RFC 5545).

- The ORGANIZER is a `mailto:` address alone; the sender's name goes in its CN
  parameter (a display name inside the address is not a URI).
- A calendar holds at least one component (`icalbody = calprops 1*component`):
  a feed with no event yet carries the VTIMEZONE of its zone, which every calendar
  application accepts and which the events would need anyway, rather than a
  placeholder event that would show in people's calendars.
"""

from datetime import date, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, vCalAddress


def calendar(*, prodid: str, name: str, method: str = "PUBLISH") -> Calendar:
    feed = Calendar()
    feed.add("prodid", prodid)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", method)
    feed.add("x-wr-calname", name)
    return feed


def organizer(name: str = "") -> vCalAddress:
    """The product's sender address as ORGANIZER, named `name` (else the sender's own name)."""
    sender_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organiser = vCalAddress(f"mailto:{address}")
    if name or sender_name:
        organiser.params["cn"] = name or sender_name
    return organiser


def finish(feed: Calendar, *, first: date | None = None, last: date | None = None, zone: str = "") -> bytes:
    """The feed as bytes, with the VTIMEZONEs its events use over the years they span
    (the default span, 1970-2038, is slow to build). Without events, the VTIMEZONE of
    `zone` (the site's by default) for the current year keeps the calendar valid."""
    if feed.walk("VEVENT"):
        first = (first or timezone.localdate()).replace(month=1, day=1)
        last = (last or first).replace(month=12, day=31) + timedelta(days=1)
        feed.add_missing_timezones(first_date=first, last_date=last)
    else:
        year = timezone.localdate().replace(month=1, day=1)
        feed.add_component(
            Timezone.from_tzinfo(
                ZoneInfo(zone or settings.TIME_ZONE),
                first_date=year,
                last_date=year.replace(year=year.year + 1),
            )
        )
    return feed.to_ical()
