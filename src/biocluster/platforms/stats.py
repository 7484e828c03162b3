"""Usage statistics: hours booked and used, utilisation, revenue — by instrument, category, organisation.

Booked hours are the active bookings clipped to the period; used hours are the
recorded uses; open hours are the opening hours of the period less closures
(an instrument without opening hours is open around the clock), counted over
the months of the period with recorded use only. Utilisation is used / open. `key_figures` feeds the cluster's indicators.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import DateTimeField, F, Q, Sum, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.directory.models import Organisation

from . import timeutils
from .indicators import Hours
from .models import Booking, BookingKind, Closure, Instrument, Platform, UsageKind, UsageRecord, UserCategory

MAX_DAYS = 400


@dataclass
class Row:
    key: str
    label: str
    hours_booked: float = 0.0
    hours_used: float = 0.0
    hours_open: float | None = None
    revenue: Decimal = Decimal(0)

    @property
    def utilisation(self) -> float | None:
        if not self.hours_open:
            return None
        return round(self.hours_used / self.hours_open, 4)

    @property
    def booked_rate(self) -> float | None:
        if not self.hours_open:
            return None
        return round(self.hours_booked / self.hours_open, 4)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "hours_booked": round(self.hours_booked, 2),
            "hours_used": round(self.hours_used, 2),
            "hours_open": None if self.hours_open is None else round(self.hours_open, 2),
            "utilisation": self.utilisation,
            "revenue": self.revenue,
        }


@dataclass
class Report:
    start: date
    end: date
    totals: Row
    by_instrument: list[Row] = field(default_factory=list)
    by_category: list[Row] = field(default_factory=list)
    by_organisation: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)
    months_counted: list[str] = field(default_factory=list)  # those of the open hours (utilisation)

    @property
    def first_month(self) -> date | None:
        return date.fromisoformat(f"{self.months_counted[0]}-01") if self.months_counted else None

    @property
    def last_month(self) -> date | None:
        return date.fromisoformat(f"{self.months_counted[-1]}-01") if self.months_counted else None

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "months_counted": self.months_counted,
            "totals": self.totals.as_dict(),
            "by_instrument": [r.as_dict() for r in self.by_instrument],
            "by_category": [r.as_dict() for r in self.by_category],
            "by_organisation": [r.as_dict() for r in self.by_organisation],
        }


def period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for, by default the last twelve months; never more than MAX_DAYS."""
    end = end or timezone.localdate()
    start = start or (end.replace(day=1) - timedelta(days=334)).replace(day=1)
    if start > end:
        start, end = end, start
    if (end - start).days > MAX_DAYS:
        start = end - timedelta(days=MAX_DAYS)
    return start, end


def open_hours(
    instrument: Instrument, start: date, end: date, closures: list[Closure], months: set[str] | None = None
) -> float:
    """Opening hours between two dates, less closures; only in `months` ("YYYY-MM") when given."""
    tz = instrument.platform.tz
    closed = {
        start + timedelta(days=offset)
        for closure in closures
        if closure.instrument_id in (None, instrument.pk)
        for offset in range((end - start).days + 1)
        if closure.start_date <= start + timedelta(days=offset) <= closure.end_date
    }
    hours = list(instrument.opening_hours.all())
    total = 0.0
    day = start
    while day <= end:
        if day not in closed and (months is None or f"{day:%Y-%m}" in months):
            if hours:
                for begins, ends in timeutils.opening_intervals(
                    [h for h in hours if h.weekday == day.weekday()], day, day, tz
                ):
                    total += (ends - begins).total_seconds() / 3600
            else:
                midnight = timeutils.at(day, timeutils.MIDNIGHT, tz)
                total += (
                    timeutils.at(day + timedelta(days=1), timeutils.MIDNIGHT, tz) - midnight
                ).total_seconds() / 3600
        day += timedelta(days=1)
    return total


def _bounds(platform: Platform, start: date, end: date):
    tz = platform.tz
    return timeutils.at(start, timeutils.MIDNIGHT, tz), timeutils.at(
        end + timedelta(days=1), timeutils.MIDNIGHT, tz
    )


def months_with_use(platform: Platform, start: date, end: date) -> list[str]:
    """The months ("YYYY-MM") of the period in which the platform recorded some use.

    Utilisation compares the hours used with the hours open over these months only: a
    period of twelve months with three months of records is not a quarter as busy.
    """
    days = (
        UsageRecord.objects.filter(platform=platform, day__gte=start, day__lte=end)
        .dates("day", "month")
        .order_by("day")
    )
    return [f"{day:%Y-%m}" for day in days]


def platform_report(platform: Platform, start: date, end: date) -> Report:
    instruments = list(platform.instruments.prefetch_related("opening_hours").select_related("platform"))
    closures = list(Closure.objects.filter(platform=platform, start_date__lte=end, end_date__gte=start))
    since, until = _bounds(platform, start, end)
    categories = dict(UserCategory.choices)
    counted = months_with_use(platform, start, end)
    by_instrument = {
        i.pk: Row(str(i.pk), i.name, hours_open=open_hours(i, start, end, closures, set(counted)))
        for i in instruments
    }
    by_category: dict[str, Row] = {}
    by_organisation: dict[int, Row] = {}
    months: dict[str, Row] = {}

    def category_row(key):
        return by_category.setdefault(key, Row(key, str(categories.get(key, key))))

    def organisation_row(pk):
        return by_organisation.setdefault(pk, Row(str(pk), ""))

    bookings = (
        Booking.objects.active()
        .filter(instrument__platform=platform, kind=BookingKind.BOOKING, start__lt=until, end__gt=since)
        .values_list("instrument_id", "start", "end", "category", "organisation_id")
    )
    for instrument_id, begins, ends, category, organisation_id in bookings:
        hours = (min(ends, until) - max(begins, since)).total_seconds() / 3600
        by_instrument[instrument_id].hours_booked += hours
        category_row(category).hours_booked += hours
        if organisation_id:
            organisation_row(organisation_id).hours_booked += hours
    usage = UsageRecord.objects.filter(platform=platform, day__gte=start, day__lte=end).values_list(
        "instrument_id",
        "kind",
        "quantity",
        "unit",
        "start",
        "end",
        "amount",
        "category",
        "organisation_id",
        "day",
    )
    for instrument_id, kind, _quantity, _unit, begins, ends, amount, category, organisation_id, day in usage:
        used = (ends - begins).total_seconds() / 3600 if kind == UsageKind.USE and begins and ends else 0.0
        month = months.setdefault(day.strftime("%Y-%m"), Row(day.strftime("%Y-%m"), day.strftime("%Y-%m")))
        for row in filter(
            None,
            (
                by_instrument.get(instrument_id),
                category_row(category),
                organisation_row(organisation_id),
                month,
            ),
        ):
            row.hours_used += used
            row.revenue += amount
    names = dict(Organisation.objects.filter(pk__in=list(by_organisation)).values_list("pk", "name"))
    for pk, row in by_organisation.items():
        row.label = names.get(pk, "?")
    totals = Row(
        "total", _("All instruments"), hours_open=sum(r.hours_open or 0 for r in by_instrument.values())
    )
    for row in by_instrument.values():
        totals.hours_booked += row.hours_booked
        totals.hours_used += row.hours_used
    totals.revenue = sum((r.revenue for r in by_category.values()), Decimal(0))
    return Report(
        start=start,
        end=end,
        totals=totals,
        by_instrument=sorted(by_instrument.values(), key=lambda r: -r.hours_used),
        by_category=[by_category[c] for c in categories if c in by_category],
        by_organisation=sorted(by_organisation.values(), key=lambda r: -r.revenue)[:25],
        by_month=sorted(months.values(), key=lambda r: r.key),
        months_counted=counted,
    )


def overview(start: date, end: date) -> list[dict]:
    """One line per platform over the period: hours booked and used, revenue (for the cluster's staff).

    Summed by the database, each row's hours rounded to the hundredth as the indicators count
    them: a year of a busy cluster is hundreds of thousands of bookings and uses, which read row
    by row into Python cost a second per page view."""
    tz = timezone.get_current_timezone()
    since = timeutils.at(start, timeutils.MIDNIGHT, tz)
    until = timeutils.at(end + timedelta(days=1), timeutils.MIDNIGHT, tz)
    usage = {
        row["platform_id"]: row
        for row in UsageRecord.objects.filter(day__gte=start, day__lte=end)
        .order_by()
        .values("platform_id")
        .annotate(
            used=Sum(
                Hours("start", "end"), filter=Q(kind=UsageKind.USE, start__isnull=False, end__isnull=False)
            ),
            revenue=Sum("amount"),
        )
    }
    # Each booking clipped to the period: from the later of its start and the period's, to the earlier end.
    clipped = Hours(
        Greatest(F("start"), Value(since, output_field=DateTimeField())),
        Least(F("end"), Value(until, output_field=DateTimeField())),
    )
    booked = dict(
        Booking.objects.active()
        .filter(kind=BookingKind.BOOKING, start__lt=until, end__gt=since)
        .order_by()
        .values("instrument__platform_id")
        .annotate(hours=Sum(clipped))
        .values_list("instrument__platform_id", "hours")
    )
    rows = []
    for platform in Platform.objects.select_related("organisation").order_by("organisation__name"):
        used = usage.get(platform.pk, {})
        rows.append(
            {
                "platform": platform,
                "hours_booked": _hours(booked.get(platform.pk)),
                "hours_used": _hours(used.get("used")),
                "revenue": used.get("revenue") or Decimal(0),
            }
        )
    return rows


def _hours(total: Decimal | None) -> float:
    return float(total or 0)


def key_figures(year: int | None = None) -> dict:
    """The platforms' figures for the indicators of a year (the current one by default)."""
    year = year or timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    usage = UsageRecord.objects.filter(day__gte=start, day__lte=end)
    tz = timezone.get_current_timezone()
    since, until = (
        timeutils.at(start, timeutils.MIDNIGHT, tz),
        timeutils.at(end + timedelta(days=1), timeutils.MIDNIGHT, tz),
    )
    return {
        "year": year,
        "platforms": Platform.objects.count(),
        "instruments": Instrument.objects.filter(is_active=True).count(),
        "bookings": Booking.objects.active()
        .filter(kind=BookingKind.BOOKING, start__gte=since, start__lt=until)
        .count(),
        "hours_used": float(
            usage.filter(kind=UsageKind.USE, unit="hour").aggregate(h=Sum("quantity"))["h"] or 0
        ),
        "revenue": usage.aggregate(total=Sum("amount"))["total"] or Decimal(0),
        "organisations_served": usage.filter(~Q(organisation=None)).values("organisation").distinct().count(),
    }
