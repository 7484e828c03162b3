"""The platforms' indicators: hours booked and used, revenue, each by user category (core/indicators.py).

Hours booked read the bookings that held their slot; hours used and revenue read the usage
records, the ledger the statements are made of.
"""

from django.db.models import DecimalField, Func
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.directory.indicators import ORGANISATION_BREAKDOWNS, organisation_groups

from .models import Booking, BookingKind, BookingStatus, TariffUnit, UsageKind, UsageRecord, UserCategory

# Booked: the slot was held for the user, whether they came or not (a no-show was booked).
BOOKED = (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.COMPLETED, BookingStatus.RELEASED)


class Hours(Func):
    """The hours from `start` to `end`, rounded to the hundredth on each row (so rows add up)."""

    output_field = DecimalField(max_digits=12, decimal_places=2)

    def __init__(self, start: str, end: str):
        super().__init__(start, end)

    def as_sqlite(self, compiler, connection, **extra):
        (start, start_params), (end, end_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"ROUND((julianday({end}) - julianday({start})) * 24, 2)", (*end_params, *start_params)

    def as_postgresql(self, compiler, connection, **extra):
        (start, start_params), (end, end_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"ROUND(EXTRACT(EPOCH FROM ({end} - {start})) / 3600, 2)", (*end_params, *start_params)


def _groups() -> dict[str, ind.Group]:
    return {ind.BY_USER_CATEGORY: ind.Group("category", dict(UserCategory.choices)), **organisation_groups()}


def _usage(rows, value: str, by):
    source = ind.Source(
        "platforms.usagerecord",
        rows,
        label="platform__organisation__name",
        date="day",
        value=value,
        url=("platforms:platform_detail", "platform_id"),
        groups=_groups(),
    )
    return ind.measure(source, by)


def hours_booked(period, by=None):
    rows = Booking.objects.filter(kind=BookingKind.BOOKING, status__in=BOOKED).annotate(
        hours=Hours("start", "end")
    )
    source = ind.Source(
        "platforms.booking",
        ind.within(rows, "start", period, moment=True),
        label="instrument__name",
        date="start",
        value="hours",
        url=("platforms:booking_detail", "pk"),
        groups=_groups(),
    )
    return ind.measure(source, by)


def hours_used(period, by=None):
    rows = UsageRecord.objects.filter(kind=UsageKind.USE, unit=TariffUnit.HOUR)
    return _usage(ind.within(rows, "day", period), "quantity", by)


def revenue(period, by=None):
    return _usage(ind.within(UsageRecord.objects.all(), "day", period), "amount", by)


FIGURES = (  # code, name, unit, compute, definition
    (
        "platforms.hours_booked",
        _("Platform hours booked"),
        ind.HOURS,
        hours_booked,
        _(
            "Hours of instrument bookings starting in the year that held their slot: confirmed, "
            "in use, completed or released as a no-show (not requests, cancellations, refusals, "
            "maintenance or rooms held for events)."
        ),
    ),
    (
        "platforms.hours_used",
        _("Platform hours used"),
        ind.HOURS,
        hours_used,
        _("Hours of instrument use recorded in the platforms' ledger during the year."),
    ),
    (
        "platforms.revenue",
        _("Platform revenue"),
        ind.EUR,
        revenue,
        _(
            "Amounts (EUR, excluding VAT) of the platforms' usage records of the year: use, "
            "services, late cancellations and no-shows."
        ),
    ),
)


def register() -> None:
    breakdowns = (ind.BY_YEAR, ind.BY_USER_CATEGORY, *ORGANISATION_BREAKDOWNS)
    for order, (code, name, unit, compute, definition) in enumerate(FIGURES, start=39):
        ind.register(
            ind.Indicator(
                code=code,
                name=name,
                definition=definition,
                unit=unit,
                period_kind=ind.YEAR,
                breakdowns=breakdowns,
                compute=compute,
                order=order,
            )
        )
