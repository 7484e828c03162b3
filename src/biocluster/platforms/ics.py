"""Calendars out: RFC 5545 feeds of a person's bookings and of an instrument's.

Times are written in the platform's zone with its VTIMEZONE, so that calendar
applications show 10:00 on both sides of a change to summer time.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from biocluster.core import ics

from .models import Booking, BookingKind, BookingStatus

PRODID = "-//Biocluster//Platforms//EN"
UID_DOMAIN = "platforms.biocluster"


def _event(booking: Booking, *, with_names: bool) -> Event:
    tz = booking.instrument.platform.tz
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.start.astimezone(tz))
    event.add("dtend", booking.end.astimezone(tz))
    event.add("last-modified", booking.updated_at)
    if booking.kind == BookingKind.MAINTENANCE:
        summary = _("%(instrument)s — maintenance") % {"instrument": booking.instrument}
    elif with_names:
        summary = f"{booking.instrument} — {booking.user}"
    else:
        summary = str(booking.instrument)
    event.add("summary", summary)
    location = booking.instrument.location or booking.instrument.platform.location
    if location:
        event.add("location", location)
    if with_names and booking.purpose:
        event.add("description", booking.purpose)
    event.add("status", "TENTATIVE" if booking.status == BookingStatus.REQUESTED else "CONFIRMED")
    site = getattr(settings, "SITE_URL", "")
    if site:
        event.add("url", f"{site}/platforms/bookings/{booking.pk}/")
    return event


def booking_calendar(bookings, *, name: str = "", with_names=True, zone: str = "") -> bytes:
    """`zone`: the time zone an empty feed declares (the site's by default). `with_names`: a
    boolean, or a function of the booking (who may see who booked it)."""
    calendar = ics.calendar(prodid=PRODID, name=name or _("Bookings"))
    bookings = list(bookings)
    for booking in bookings:
        names = with_names(booking) if callable(with_names) else with_names
        calendar.add_component(_event(booking, with_names=names))
    if not bookings:
        return ics.finish(calendar, zone=zone)
    return ics.finish(
        calendar, first=min(b.start for b in bookings).date(), last=max(b.end for b in bookings).date()
    )


def feed_bookings(queryset):
    """What a feed shows: active bookings from a month back on."""
    since = timezone.now() - timedelta(days=31)
    return (
        queryset.active()
        .filter(end__gte=since)
        .select_related("instrument__platform", "user")
        .order_by("start")
    )
