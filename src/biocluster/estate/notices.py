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
from .models import Agreement, AgreementKind, IndexValue, Notice
from .models_rent_roll import BilledAmounts

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


def heading(agreement: Agreement, lines=None) -> dict:
    """What a document of the agreement heads with, as stored on a notice or a credit note when
    issued (`BilledAmounts.heading`): the tenant's name and address, the agreement's reference and
    kind (its code: printed in the document's language) and the units let, each with its area.

    The units are the active lines when issued (or `lines`): those whose area the schedule
    priced the notice on, so that the units printed add up to the rent printed beside them, as
    the landlord's accountant checks a notice. A line ended or voided later does not take its
    unit off a document already issued. Migration 0013 keeps its own copy of this function as it
    stood then: a change here does not change what that migration stored."""
    organisation = agreement.organisation
    if lines is None:
        lines = [line for line in agreement.lines.all() if line.active]
    return {
        "tenant": organisation.name,
        "tenant_address": " ".join(filter(None, [organisation.address, organisation.city])),
        "reference": agreement.reference,
        "kind": agreement.kind,
        "units": [
            # The label as `Unit.__str__` gives it (a historical model has no such method).
            {"label": f"{line.unit.building.name} {line.unit.code}", "area": str(line.unit.area)}
            for line in lines
        ],
    }


def _kind_label(code: str) -> str:
    """An agreement kind's name in the active language (a code no longer known: as stored)."""
    return str(AgreementKind(code).label) if code in AgreementKind.values else code


def printed(stored: dict) -> dict:
    """A heading (`heading`) as the notice's template prints it, in the active language."""
    return {
        "lang": translation.get_language() or "fr",
        "landlord": "Biocluster",
        "tenant": stored["tenant"],
        "tenant_address": stored["tenant_address"],
        "reference": stored["reference"],
        "kind": _kind_label(stored["kind"]),
        "units": [
            {"label": unit["label"], "area": formatting.number(Decimal(unit["area"])) + " m²"}
            for unit in stored["units"]
        ],
    }


def parties_and_units(agreement: Agreement) -> dict:
    """What every document of an agreement heads with (the parties, the agreement) and the units it
    lets, as the agreement says today, for the notice's template, in the active language (a
    draft's; an issued document prints the heading it stored: `as_issued`)."""
    return printed(heading(agreement))


def amounts(
    agreement: Agreement, *, rent: Decimal, charges: Decimal, vat: Decimal, vat_rate: Decimal | None = None
) -> dict:
    """The lines, the totals and the VAT of a notice or a credit note, in the active language:
    at `vat_rate`, an issued document's, else the agreement's."""
    money = formatting.money
    rate = agreement.vat_rate if vat_rate is None else vat_rate
    return {
        "lines": [
            {"label": _("Rent"), "amount": money(rent, cents=True)},
            {"label": _("Service charges"), "amount": money(charges, cents=True)},
        ],
        "net": money(rent + charges, cents=True),
        "vat": money(vat, cents=True),
        "vat_label": _("VAT at %(rate)s %%") % {"rate": formatting.number(rate)}
        if vat or rate
        else _("VAT: not charged (0 %)"),
        "total": money(rent + charges + vat, cents=True),
    }


def period(first: datetime.date, last: datetime.date) -> str:
    return _("%(first)s to %(last)s") % {"first": formatting.day(first), "last": formatting.day(last)}


def labels() -> dict:
    """The template's headings, in the active language (a credit note changes four)."""
    return {
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
    }


def _explained(agreement: Agreement, due: rent.Due) -> dict:
    """How the period's rent was reached: the indexation applied and the rent-free months."""
    money = formatting.money
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
    return {"indexation": indexation, "free": free}


def document(agreement: Agreement, due: rent.Due, *, issued: datetime.date) -> dict:
    """A period not issued yet, as the schedule says today, in the active language: a draft,
    marked as such (what the tenant owes is the notice issued: `issued_document`)."""
    return {
        **parties_and_units(agreement),
        "title": _("Payment notice (draft, not issued)"),
        "draft": _("Not issued"),
        "period": period(due.first, due.last),
        "due_on": formatting.day(due.first),
        "issued": formatting.day(issued),
        **amounts(agreement, rent=due.rent, charges=due.charges, vat=rent.vat(due.total, agreement.vat_rate)),
        **_explained(agreement, due),
        "labels": labels(),
    }


def pdf(agreement: Agreement, due: rent.Due, *, issued: datetime.date) -> bytes:
    with translation.override(agreement.language):
        return render_pdf(TEMPLATE.read_text(encoding="utf-8"), document(agreement, due, issued=issued))


def as_issued(billed: BilledAmounts) -> dict:
    """What a notice and a credit note print as they were issued: the heading they stored (the
    parties and units as then), their period, the day issued and their stored amounts."""
    agreement = billed.agreement
    return {
        **printed(billed.heading),
        "draft": "",
        "period": period(billed.first, billed.last),
        "issued": formatting.day(billed.issued_on),
        **amounts(
            agreement, rent=billed.rent, charges=billed.charges, vat=billed.vat, vat_rate=billed.vat_rate
        ),
        "labels": labels(),
    }


def issued_document(notice: Notice) -> dict:
    """The notice as issued, in the active language. The schedule explains its rent only while it
    still gives the notice's amounts (a rent changed since: the amounts stand, unexplained)."""
    due = next((due for due in schedule(notice.agreement) if due.first == notice.first), None)
    if due is not None and (due.last, due.rent, due.charges) == (notice.last, notice.rent, notice.charges):
        explained = _explained(notice.agreement, due)
    else:
        explained = {
            "indexation": _("The amounts as issued on %(date)s: the agreement's terms have changed since.")
            % {"date": formatting.day(notice.issued_on)},
            "free": "",
        }
    return {
        **as_issued(notice),
        "title": _("Payment notice %(number)s") % {"number": notice.number},
        "due_on": formatting.day(notice.due_on),
        **explained,
    }


def issued_pdf(notice: Notice) -> bytes:
    """The notice as issued, as a PDF in the tenant's language."""
    with translation.override(notice.agreement.language):
        return render_pdf(TEMPLATE.read_text(encoding="utf-8"), issued_document(notice))
