"""Rent arithmetic: yearly indexation on a published index, periods, amounts due. No Django.

Indexation (the clause of French commercial leases): on each anniversary of the start,
the yearly rent becomes the base rent times the index's latest value published on or
before that anniversary, divided by the base index (the value at signature). With no
new value published, the rent stays. Amounts are in euros, rounded to the cent, half up.

A notice covers a calendar month or quarter in advance, clipped to the agreement; a part
of a period is charged by its days. Rent-free months, counted from the start, owe the
service charges only.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TIMES = "\u00d7"  # the multiplication sign of the calculation shown
MONTHLY, QUARTERLY = "monthly", "quarterly"


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def vat(net: Decimal, rate: Decimal) -> Decimal:
    """The VAT on an amount excluding it, at `rate` percent, to the cent (half up)."""
    return cents(Decimal(net) * Decimal(rate) / 100)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


@dataclass(frozen=True)
class Indexation:
    """The yearly rent from `since`, with the calculation that gives it."""

    since: datetime.date
    index_value: Decimal | None  # None: the base (no indexation yet)
    yearly_rent: Decimal

    def calculation(self, base_rent: Decimal, base_index: Decimal | None) -> str:
        if self.index_value is None or base_index is None:
            return f"{cents(base_rent)}"
        return f"{cents(base_rent)} {TIMES} {self.index_value} / {base_index} = {self.yearly_rent}"


def indexed_rent(base_rent: Decimal, base_index: Decimal, index_value: Decimal) -> Decimal:
    """The yearly rent `base_rent` (at `base_index`) indexed on `index_value`."""
    if base_index <= 0 or index_value <= 0:
        raise ValueError("an index value is positive")
    return cents(Decimal(base_rent) * Decimal(index_value) / Decimal(base_index))


def latest_value(values: Mapping[datetime.date, Decimal], on: datetime.date) -> Decimal | None:
    published = [day for day in values if day <= on]
    return values[max(published)] if published else None


def indexations(
    start: datetime.date,
    last_day: datetime.date,
    base_rent: Decimal,
    base_index: Decimal | None,
    values: Mapping[datetime.date, Decimal],
) -> list[Indexation]:
    """The yearly rent from the start and from each anniversary up to `last_day`."""
    steps = [Indexation(start, None, cents(base_rent))]
    if base_index is None:
        return steps
    year = 1
    while (anniversary := add_months(start, 12 * year)) <= last_day:
        value = latest_value(values, anniversary)
        if value is not None:
            steps.append(Indexation(anniversary, value, indexed_rent(base_rent, base_index, value)))
        else:
            steps.append(Indexation(anniversary, steps[-1].index_value, steps[-1].yearly_rent))
        year += 1
    return steps


def rent_on(steps: list[Indexation], day: datetime.date) -> Indexation:
    current = steps[0]
    for step in steps:
        if step.since <= day:
            current = step
    return current


def periods(
    start: datetime.date, last_day: datetime.date, frequency: str
) -> list[tuple[datetime.date, datetime.date]]:
    """Calendar months or quarters from the start's to the last day's, clipped to [start, last_day]."""
    step = 3 if frequency == QUARTERLY else 1
    first_month = (start.month - 1) // step * step + 1
    cursor = datetime.date(start.year, first_month, 1)
    result = []
    while cursor <= last_day:
        following = add_months(cursor, step)
        result.append((max(cursor, start), min(following - datetime.timedelta(days=1), last_day)))
        cursor = following
    return result


@dataclass(frozen=True)
class Due:
    first: datetime.date
    last: datetime.date
    rent: Decimal
    charges: Decimal
    indexation: Indexation

    @property
    def total(self) -> Decimal:
        return self.rent + self.charges


def amount_due(
    *,
    first: datetime.date,
    last: datetime.date,
    frequency: str,
    yearly_rent: Decimal,
    yearly_charges: Decimal,
    rent_free_until: datetime.date | None = None,
) -> tuple[Decimal, Decimal]:
    """(rent, charges) owed for [first, last], part of one period: a full period is a 12th or a 4th
    of the year, a part of it its days' share; rent-free days owe the charges only."""
    per_year = 4 if frequency == QUARTERLY else 12
    step = 12 // per_year
    period_start = datetime.date(first.year, (first.month - 1) // step * step + 1, 1)
    period_days = (add_months(period_start, step) - period_start).days
    days = (last - first).days + 1
    free_days = 0
    if rent_free_until is not None and rent_free_until >= first:
        free_days = (min(rent_free_until, last) - first).days + 1
    share = Decimal(days) / Decimal(period_days)
    paying = Decimal(days - free_days) / Decimal(period_days)
    return cents(Decimal(yearly_rent) / per_year * paying), cents(Decimal(yearly_charges) / per_year * share)


def schedule(
    *,
    start: datetime.date,
    last_day: datetime.date,
    frequency: str,
    base_rent: Decimal,
    yearly_charges: Decimal,
    free_months: int = 0,
    base_index: Decimal | None = None,
    index_values: Mapping[datetime.date, Decimal] | None = None,
) -> list[Due]:
    """Every period's amounts from the start to the last day, indexed as the values allow.

    A period in which an anniversary falls is charged at the rent in force on its first day
    (the new rent applies from the next notice)."""
    steps = indexations(start, last_day, base_rent, base_index, index_values or {})
    free_until = add_months(start, free_months) - datetime.timedelta(days=1) if free_months else None
    dues = []
    for first, last in periods(start, last_day, frequency):
        step = rent_on(steps, first)
        rent, charges = amount_due(
            first=first,
            last=last,
            frequency=frequency,
            yearly_rent=step.yearly_rent,
            yearly_charges=yearly_charges,
            rent_free_until=free_until,
        )
        dues.append(Due(first, last, rent, charges, step))
    return dues
