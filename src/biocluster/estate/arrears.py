"""Arrears: what was due up to a date minus what was paid, by age. No Django.

Payments settle the oldest notices first (the usual rule when a tenant does not say which
notice it pays: French civil code, art. 1342-10, the debts of longest standing). What is
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
    notices: Iterable[tuple[datetime.date, Decimal]],
    payments: Iterable[tuple[datetime.date, Decimal]],
    at: datetime.date,
    credits: Iterable[tuple[datetime.date, Decimal]] = (),
) -> Balance:
    """The balance on `at` of (due date, amount) notices, (received date, amount) payments and
    (date, amount) credit notes; what comes after `at` does not count yet."""
    owed = sorted((day, cents(amount)) for day, amount in notices if day <= at)
    paid = _sum_to(payments, at)
    credited = _sum_to(credits, at)
    result = Balance(due=sum((amount for _, amount in owed), ZERO), paid=paid, credited=credited)
    left = paid + credited
    for due_on, amount in owed:
        settled = min(left, amount)
        left -= settled
        unpaid = amount - settled
        if unpaid > 0:
            result.buckets[bucket_of((at - due_on).days)] += unpaid
            result.oldest_unpaid = result.oldest_unpaid or due_on
    return result
