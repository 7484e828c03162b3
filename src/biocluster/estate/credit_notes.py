"""Credit notes: an agreement ended early gives back what its notices billed for the days
after its new last day.

Rent is billed in advance, so a notice issued before the agreement ended may cover days the
tenant will not occupy. Each such notice gets one credit note for those days: their share of
the days of the notice's period, applied to its rent, its charges and its VAT (each rounded
to the cent, half up, never more than the notice). Numbered in their own series per year
(AV2026-00001), as the accountant files them; a credit note counts from the day it is issued
(or from its notice's due date, when that is later: a notice not due yet is not owed yet).
"""

import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.core import formatting
from biocluster.core.typesetting import render_pdf

from . import notices
from .models import Agreement, CreditNote, Notice
from .notices import TEMPLATE, as_issued, labels
from .rent import cents
from .rent_roll import _next_number

PREFIX = "AV"  # avoir
ONE_DAY = datetime.timedelta(days=1)


def _share(amount: Decimal, days: int, period_days: int) -> Decimal:
    return min(cents(amount * days / period_days), amount)


def credit_for(notice: Notice, last_day: datetime.date) -> dict | None:
    """The days of `notice` after `last_day` and their share of its amounts (None: no such day)."""
    if notice.last <= last_day:
        return None
    first = max(notice.first, last_day + ONE_DAY)
    days = (notice.last - first).days + 1
    period_days = (notice.last - notice.first).days + 1
    return {
        "first": first,
        "last": notice.last,
        "rent": _share(notice.rent, days, period_days),
        "charges": _share(notice.charges, days, period_days),
        "vat": _share(notice.vat, days, period_days),
    }


def _to_credit(agreement: Agreement, last_day: datetime.date):
    """The agreement's notices reaching past `last_day` and not credited yet (locked: a credit
    is issued once per notice; the unique constraint refuses a second one from a race)."""
    return (
        Notice.objects.select_for_update()
        .filter(agreement=agreement, last__gt=last_day)
        .exclude(pk__in=CreditNote.objects.values("credits"))
        .order_by("first")
    )


def heading(notice: Notice) -> dict:
    """A credit note's heading: the tenant as it is when the credit is issued, and the units of
    the notice it credits (the days given back were billed for those units, whatever the lines
    say after the early end)."""
    return {**notices.heading(notice.agreement, lines=[]), "units": notice.heading["units"]}


def credit_unused_days(
    *, actor, agreement: Agreement, last_day: datetime.date, issued_on: datetime.date | None = None
) -> list[CreditNote]:
    """Issue the credit notes of an agreement that now ends on `last_day` (in the caller's
    transaction: `services.terminate_agreement`)."""
    issued_on = issued_on or timezone.localdate()
    created = []
    for notice in _to_credit(agreement, last_day):
        amounts = credit_for(notice, last_day)
        if amounts is None or not any(amounts[name] for name in ("rent", "charges", "vat")):
            continue
        created.append(
            CreditNote.objects.create(
                agreement=agreement,
                credits=notice,
                number=_next_number(CreditNote, PREFIX, issued_on.year),
                due_on=max(issued_on, notice.due_on),
                issued_on=issued_on,
                vat_rate=notice.vat_rate,  # given back at the rate it was billed at
                heading=heading(notice),
                source=notice.source,
                **amounts,
            )
        )
    if created:
        audit.record_many_created(actor=actor, objects=created, action="estate.credit_note.issued")
    return created


def _labels() -> dict:
    return {
        **labels(),
        "period": _("Days credited"),
        "due_on": _("Credits the notice"),
        "what": _("What is given back"),
        "indexation": _("Why"),
    }


def _why(credit: CreditNote) -> str:
    notice = credit.credits
    return _(
        "The agreement ended on %(last_day)s: the %(days)s days from %(first)s to %(last)s, out of "
        "the %(period)s days billed by notice %(notice)s, are given back, rent, charges and VAT alike."
    ) % {
        "last_day": formatting.day(credit.first - ONE_DAY),
        "days": (credit.last - credit.first).days + 1,
        "first": formatting.day(credit.first),
        "last": formatting.day(credit.last),
        "period": (notice.last - notice.first).days + 1,
        "notice": notice.number,
    }


def document(credit: CreditNote) -> dict:
    """The credit note's data for the notice's template, in the active language."""
    return {
        **as_issued(credit),
        "title": _("Credit note %(number)s") % {"number": credit.number},
        "due_on": credit.credits.number,
        "indexation": _why(credit),
        "free": "",
        "labels": _labels(),
    }


def pdf(credit: CreditNote) -> bytes:
    """The credit note as a PDF in the tenant's language, on the notices' template."""
    with translation.override(credit.agreement.language):
        return render_pdf(TEMPLATE.read_text(encoding="utf-8"), document(credit))
