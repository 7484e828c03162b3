"""The rent roll's rules: issue the notices due, record the payments received, and the
arrears of each agreement at a date (`arrears.py` does the arithmetic).

A notice freezes the amounts of one period of the agreement's schedule (`notices.schedule`,
`rent.py`'s arithmetic): issuing again issues only the periods not issued yet, so the
button can be pressed every month. Numbers run per year (N2026-00001, P2026-00001,
AV2026-00001), one series for notices, one for payments, one for the credit notes of early
ends (`credit_notes.py`): what the accountant files as piece numbers.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from . import arrears, notices
from .models import Agreement, AgreementStatus, AgreementUnit, CreditNote, Notice, Payment
from .rent import cents, vat

MAX_PAYMENT = Decimal("10000000")
MAX_REFERENCE = 120


def _next_number(model, prefix: str, year: int) -> str:
    """The year's next number of the series; the unique constraint refuses a duplicate from a race."""
    head = f"{prefix}{year}-"
    last = (
        model.objects.select_for_update()
        .filter(number__startswith=head)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{head}{int(last[len(head) :]) + 1 if last else 1:05d}"


def _agreements_to_bill():
    lines = Prefetch("lines", queryset=AgreementUnit.objects.select_related("unit__building"))
    return (
        Agreement.objects.exclude(status=AgreementStatus.CANCELLED)
        .select_related("organisation")
        .prefetch_related(lines)
        .order_by("start", "pk")
    )


@transaction.atomic
def issue_notices(
    *,
    actor,
    up_to: datetime.date,
    issued_on: datetime.date,
    since: datetime.date | None = None,
    agreements=None,
    source: str = "",
) -> list[Notice]:
    """Issue every notice due on or before `up_to` (and from `since`) not issued yet (nothing to
    pay: no notice)."""
    if not isinstance(up_to, datetime.date):
        raise ValidationError({"up_to": [_("Enter a date.")]})
    queryset = _agreements_to_bill().filter(start__lte=up_to)
    if agreements is not None:
        queryset = queryset.filter(pk__in=[agreement.pk for agreement in agreements])
    issued = set(Notice.objects.filter(agreement__in=queryset).values_list("agreement_id", "first"))
    created = []
    for agreement in queryset:
        for due in notices.schedule(agreement):
            if due.first > up_to or (since and due.first < since) or due.total <= 0:
                continue
            if (agreement.pk, due.first) in issued:
                continue
            created.append(
                Notice.objects.create(
                    agreement=agreement,
                    number=_next_number(Notice, "N", issued_on.year),
                    first=due.first,
                    last=due.last,
                    due_on=due.first,  # in advance: due on the period's first day
                    rent=due.rent,
                    charges=due.charges,
                    vat=vat(due.total, agreement.vat_rate),
                    vat_rate=agreement.vat_rate,
                    heading=notices.heading(agreement),
                    issued_on=issued_on,
                    source=source,
                )
            )
    if created:
        audit.record_many_created(actor=actor, objects=created, action="estate.notice.issued")
    return created


def _payment_amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError({"amount": [_("Enter an amount in euros.")]}) from None
    if not amount.is_finite() or amount <= 0 or amount > MAX_PAYMENT:
        raise ValidationError(
            {"amount": [_("Enter an amount above 0 and at most %(max)s.") % {"max": MAX_PAYMENT}]}
        )
    if amount != cents(amount):
        raise ValidationError({"amount": [_("An amount in euros has at most two decimals.")]})
    return amount


@transaction.atomic
def record_payment(
    *, actor, agreement: Agreement, amount, received_on: datetime.date, reference: str = "", source: str = ""
) -> Payment:
    """Money received for an agreement, as the bank statement shows it."""
    if not isinstance(received_on, datetime.date) or isinstance(received_on, datetime.datetime):
        raise ValidationError({"received_on": [_("Enter a date.")]})
    amount = _payment_amount(amount)
    reference = (reference or "").strip()
    if len(reference) > MAX_REFERENCE or "\x00" in reference:
        raise ValidationError({"reference": [_("At most %(max)s characters.") % {"max": MAX_REFERENCE}]})
    if agreement.status == AgreementStatus.CANCELLED:
        raise ValidationError({"agreement": [_("This agreement was cancelled: nothing is due under it.")]})
    payment = Payment.objects.create(
        agreement=agreement,
        number=_next_number(Payment, "P", received_on.year),
        amount=amount,
        received_on=received_on,
        reference=reference,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        source=source,
    )
    audit.record_create(actor=actor, obj=payment, action="estate.payment.recorded")
    return payment


@dataclass
class Arrears:
    agreement: Agreement
    balance: arrears.Balance


def arrears_at(at: datetime.date, *, agreements=None, owing_only: bool = True) -> list[Arrears]:
    """Each agreement's balance on `at`, the largest debts first (only those owing, by default)."""
    queryset = agreements if agreements is not None else Agreement.objects.all()
    queryset = queryset.filter(notices__due_on__lte=at).distinct().select_related("organisation")
    rows = {agreement.pk: agreement for agreement in queryset}
    balances = _balances(rows, at)
    result = [Arrears(agreement, balances[pk]) for pk, agreement in rows.items()]
    if owing_only:
        result = [row for row in result if row.balance.overdue > 0]
    return sorted(result, key=lambda row: (-row.balance.balance, row.agreement.pk))


def balance_of(agreement: Agreement, at: datetime.date) -> arrears.Balance:
    """One agreement's balance on `at` (its account page), as the arrears count it."""
    return _balances([agreement.pk], at)[agreement.pk]


def _balances(agreement_ids, at: datetime.date) -> dict[int, arrears.Balance]:
    """Each agreement's balance on `at`: its notices, payments and credit notes, three queries
    for all. A credit note names the notice it credits (`arrears.balance` settles it first)."""
    due: dict[int, list] = {pk: [] for pk in agreement_ids}
    paid: dict[int, list] = {pk: [] for pk in agreement_ids}
    credited: dict[int, list] = {pk: [] for pk in agreement_ids}
    for agreement_id, due_on, rent, charges, tax, notice in Notice.objects.filter(
        agreement_id__in=agreement_ids, due_on__lte=at
    ).values_list("agreement_id", "due_on", "rent", "charges", "vat", "pk"):
        due[agreement_id].append((due_on, rent + charges + tax, notice))
    for agreement_id, received_on, amount in Payment.objects.filter(
        agreement_id__in=agreement_ids, received_on__lte=at
    ).values_list("agreement_id", "received_on", "amount"):
        paid[agreement_id].append((received_on, amount))
    for agreement_id, due_on, rent, charges, tax, notice in CreditNote.objects.filter(
        agreement_id__in=agreement_ids, due_on__lte=at
    ).values_list("agreement_id", "due_on", "rent", "charges", "vat", "credits_id"):
        credited[agreement_id].append((due_on, rent + charges + tax, notice))
    return {pk: arrears.balance(due[pk], paid[pk], at, credited[pk]) for pk in agreement_ids}


def totals(rows: list[Arrears]) -> dict:
    """The column totals of an arrears list."""
    buckets = dict.fromkeys(arrears.BUCKETS, arrears.ZERO)
    for row in rows:
        for name, amount in row.balance.buckets.items():
            buckets[name] += amount
    return {
        "due": sum((row.balance.due for row in rows), arrears.ZERO),
        "paid": sum((row.balance.paid for row in rows), arrears.ZERO),
        "credited": sum((row.balance.credited for row in rows), arrears.ZERO),
        "overdue": sum((row.balance.overdue for row in rows), arrears.ZERO),
        "buckets": buckets,
    }
