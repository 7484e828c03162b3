"""The events' indicators: events held, attendance, delegations received (core/indicators.py)."""

from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.core.formatting import country
from biocluster.directory.indicators import ORGANISATION_BREAKDOWNS, organisation_groups

from .models import Event, EventKind, EventStatus, Registration


def _events(rows, by):
    source = ind.Source(
        "events.event",
        rows,
        label="title_en",
        date="starts_at",
        url=("events:event_detail", "pk"),
        organisation="organiser",
        groups={ind.BY_COUNTRY: ind.Group("country", country)},
    )
    return ind.measure(source, by)


def _held(period):
    rows = Event.objects.filter(status=EventStatus.PUBLISHED)
    return ind.within(rows, "starts_at", period, moment=True)


def events_held(period, by=None):
    return _events(_held(period).exclude(kind=EventKind.DELEGATION), by)


def delegations(period, by=None):
    """Delegations received, by where they came from (`by=country`: the delegation's origin)."""
    rows = _held(period).filter(kind=EventKind.DELEGATION)
    source = ind.Source(
        "events.event",
        rows,
        label="title_en",
        date="starts_at",
        url=("events:event_detail", "pk"),
        organisation="organiser",
        groups={ind.BY_COUNTRY: ind.Group("delegation_origin")},
    )
    return ind.measure(source, by)


def attendance(period, by=None):
    rows = Registration.objects.filter(checked_in_at__isnull=False, event__status=EventStatus.PUBLISHED)
    source = ind.Source(
        "events.registration",
        ind.within(rows, "event__starts_at", period, moment=True),
        label="event__title_en",
        date="event__starts_at",
        url=("events:event_detail", "event_id"),
        groups=organisation_groups(),
    )
    return ind.measure(source, by)


def register() -> None:
    ind.register(
        ind.Indicator(
            code="events.events_held",
            name=_("Events held"),
            definition=_("Published events, delegations aside, that started during the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR, ind.BY_COUNTRY),
            compute=events_held,
            order=60,
        )
    )
    ind.register(
        ind.Indicator(
            code="events.attendance",
            name=_("Attendance at events"),
            definition=_("Registrations checked in at the events of the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR, *ORGANISATION_BREAKDOWNS),
            compute=attendance,
            order=61,
        )
    )
    ind.register(
        ind.Indicator(
            code="events.delegations",
            name=_("Delegations received"),
            definition=_("Foreign delegations received during the year, by where they came from."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR, ind.BY_COUNTRY),
            compute=delegations,
            order=62,
        )
    )
