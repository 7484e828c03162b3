"""Payment notices: one period of an agreement (a month or a quarter, in advance), as a PDF in
the tenant's language, with the indexation applied and its calculation shown
(`rent.py` does the arithmetic; `core.typesetting` the PDF)."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core.typesetting import render_pdf

from . import rent
from .models import Agreement, IndexValue

TEMPLATE = Path(__file__).parent / "typst" / "notice.typ"


def area_of(agreement: Agreement) -> Decimal:
    return sum((line.unit.area for line in agreement.lines.all() if line.active), Decimal("0"))


def schedule(agreement: Agreement) -> list[rent.Due]:
    """Every period's amounts from the start to the last day."""
    values = {}
    if agreement.index:
        values = dict(IndexValue.objects.filter(index=agreement.index).values_list("published_on", "value"))
    lines = [line for line in agreement.lines.all() if line.active]
    return rent.schedule(
        start=agreement.start,
        last_day=agreement.last_day,
        frequency=agreement.payment_frequency,
        base_rent=agreement.rent_per_m2 * area_of(agreement),
        yearly_charges=sum((line.service_charges for line in lines), Decimal("0")),
        free_months=agreement.free_months,
        base_index=agreement.base_index if agreement.index else None,
        index_values=values,
    )


def due_on(agreement: Agreement, day: datetime.date) -> rent.Due | None:
    """The period of the schedule that contains `day` (the first one before the start)."""
    dues = schedule(agreement)
    for due in dues:
        if due.first <= day <= due.last:
            return due
    if dues and day < dues[0].first:
        return dues[0]
    return None


def parties_and_units(agreement: Agreement) -> dict:
    """What every document of an agreement heads with (the parties, the agreement) and the units it
    lets, for the notice's template, in the active language."""
    return {
        "lang": translation.get_language() or "fr",
        "landlord": "Biocluster",
        "tenant": agreement.organisation.name,
        "tenant_address": " ".join(
            filter(None, [agreement.organisation.address, agreement.organisation.city])
        ),
        "reference": agreement.reference,
        "kind": agreement.get_kind_display(),
        "units": [
            {"label": str(line.unit), "area": formatting.number(line.unit.area) + " m²"}
            for line in agreement.lines.all()
            if line.active
        ],
    }


def document(agreement: Agreement, due: rent.Due, *, issued: datetime.date) -> dict:
    """The notice's data, in the active language."""
    money = formatting.money
    tax = rent.vat(due.total, agreement.vat_rate)
    base_rent = agreement.rent_per_m2 * area_of(agreement)
    if due.indexation.index_value is None:
        indexation = _("Yearly rent: %(rent)s, not indexed yet.") % {
            "rent": money(due.indexation.yearly_rent, cents=True)
        }
    else:
        indexation = _("Yearly rent indexed on %(index)s since %(date)s: %(calculation)s.") % {
            "index": agreement.index,
            "date": formatting.day(due.indexation.since),
            "calculation": due.indexation.calculation(base_rent, agreement.base_index),
        }
    free = ""
    if (
        agreement.free_months
        and due.rent
        < rent.amount_due(
            first=due.first,
            last=due.last,
            frequency=agreement.payment_frequency,
            yearly_rent=due.indexation.yearly_rent,
            yearly_charges=Decimal("0"),
        )[0]
    ):
        free = _("Rent-free months: the rent is waived for the first %(months)s months.") % {
            "months": agreement.free_months
        }
    return {
        **parties_and_units(agreement),
        "title": _("Payment notice"),
        "period": _("%(first)s to %(last)s")
        % {"first": formatting.day(due.first), "last": formatting.day(due.last)},
        "due_on": formatting.day(due.first),
        "issued": formatting.day(issued),
        "lines": [
            {"label": _("Rent"), "amount": money(due.rent, cents=True)},
            {"label": _("Service charges"), "amount": money(due.charges, cents=True)},
        ],
        "net": money(due.total, cents=True),
        "vat": money(tax, cents=True),
        "vat_label": _("VAT at %(rate)s %%") % {"rate": formatting.number(agreement.vat_rate)}
        if agreement.vat_rate
        else _("VAT: not charged (0 %)"),
        "total": money(due.total + tax, cents=True),
        "indexation": indexation,
        "free": free,
        "labels": {
            "agreement": _("Agreement"),
            "period": _("Period"),
            "due_on": _("Due on"),
            "what": _("What is due"),
            "amount": _("Amount"),
            "net": _("Total excluding VAT"),
            "total": _("Total including VAT"),
            "units": _("Units"),
            "unit": _("Unit"),
            "area": _("Area"),
            "indexation": _("Indexation"),
        },
    }


def pdf(agreement: Agreement, due: rent.Due, *, issued: datetime.date) -> bytes:
    with translation.override(agreement.language):
        return render_pdf(TEMPLATE.read_text(encoding="utf-8"), document(agreement, due, issued=issued))
