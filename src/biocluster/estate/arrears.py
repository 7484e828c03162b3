"""Arrears: what was due up to a date minus what was paid, by age. No Django.

Payments settle the oldest notices first (the usual rule when a tenant does not say which
notice it pays: French civil code, art. 1342-10, the debts of longest standing). A credit
note gives back part of one notice: it settles that notice first, and only what exceeds the
notice's open amount goes to the oldest ones, as a payment would. What is
left of each notice is aged from its due date to the date asked: 0-30, 31-60, 61-90 and
more than 90 days. A tenant that paid more than was due has a credit, and no arrears.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .rent import cents

BUCKETS = ("0-30", "31-60", "61-90", "90+")
ZERO = Decimal("0.00")


def bucket_of(days_late: int) -> str:
    if days_late <= 30:
        return BUCKETS[0]
    if days_late <= 60:
        return BUCKETS[1]
    if days_late <= 90:
        return BUCKETS[2]
    return BUCKETS[3]


@dataclass
class Balance:
    due: Decimal = ZERO
    paid: Decimal = ZERO
    credited: Decimal = ZERO
    buckets: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(BUCKETS, ZERO))
    oldest_unpaid: datetime.date | None = None

    @property
    def balance(self) -> Decimal:
        """Owed (above 0) or in credit (below 0)."""
        return self.due - self.credited - self.paid

    @property
    def overdue(self) -> Decimal:
        return max(self.balance, ZERO)


def _sum_to(amounts: Iterable[tuple[datetime.date, Decimal]], at: datetime.date) -> Decimal:
    return sum((cents(amount) for day, amount in amounts if day <= at), ZERO)


def balance(
    notices: Iterable[tuple],
    payments: Iterable[tuple[datetime.date, Decimal]],
    at: datetime.date,
    credits: Iterable[tuple] = (),
) -> Balance:
    """The balance on `at` of (due date, amount) notices, (received date, amount) payments and
    (date, amount) credit notes; what comes after `at` does not count yet.

    A notice may carry a third item, its key, and a credit note the key of the notice it
    credits: that notice is settled by it first."""
    # By due date and amount only: keys may not compare (None beside a number).
    owed = sorted(
        ((row[0], cents(row[1]), _key(row)) for row in notices if row[0] <= at), key=lambda row: row[:2]
    )
    counted = [(cents(row[1]), _key(row)) for row in credits if row[0] <= at]
    paid = _sum_to(payments, at)
    credited = sum((amount for amount, _credited in counted), ZERO)
    result = Balance(due=sum((amount for _day, amount, _notice in owed), ZERO), paid=paid, credited=credited)
    still_open = [amount for _day, amount, _notice in owed]
    position = {notice: index for index, (_day, _amount, notice) in enumerate(owed) if notice is not None}
    left = paid
    for amount, notice in counted:
        index = position.get(notice)
        settled = ZERO if index is None else min(amount, still_open[index])
        if index is not None:
            still_open[index] -= settled
        left += amount - settled
    for index, (due_on, _amount, _notice) in enumerate(owed):
        settled = min(left, still_open[index])
        left -= settled
        unpaid = still_open[index] - settled
        if unpaid > 0:
            result.buckets[bucket_of((at - due_on).days)] += unpaid
            result.oldest_unpaid = result.oldest_unpaid or due_on
    return result


def _key(row: tuple):
    return row[2] if len(row) > 2 else None
