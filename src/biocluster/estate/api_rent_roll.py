"""/api/notices, /api/credit-notes, /api/payments, /api/arrears and /api/accounting-export:
the rent roll.

Staff see and write everything; a tenant's members read their own organisation's
notices, credit notes and payments (another's: nothing); the arrears and the accounting export are
staff's. Writes go through `rent_roll.py`, as the pages do.
"""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import require
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import MAX_ID, Text

from . import accounting, rent_roll
from .arrears import BUCKETS
from .models import Agreement, CreditNote, Notice, Payment

router = Router(tags=["estate"])
MIN_DAY, MAX_DAY = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)


class IssuedUnit(Schema):
    label: str
    area: Decimal = Field(description="In m².")


class IssuedHeading(Schema):
    tenant: str
    tenant_address: str
    reference: str
    kind: str = Field(description="The agreement's kind (its code: lease, licence, free).")
    units: list[IssuedUnit]


class NoticeOut(Schema):
    id: int
    number: str
    agreement: int
    agreement_reference: str
    organisation: int
    first: datetime.date
    last: datetime.date
    due_on: datetime.date
    rent: Decimal
    charges: Decimal
    vat: Decimal = Field(description="VAT on the rent and charges.")
    vat_rate: Decimal = Field(description="The VAT rate (%) it was issued at.")
    total: Decimal = Field(description="Including VAT: what the tenant owes.")
    heading: IssuedHeading = Field(description="The parties and the units let, as when issued (as printed).")
    issued_on: datetime.date
    pdf: str = Field(description="The notice as issued, as a PDF (the page's address).")


class CreditNoteOut(Schema):
    id: int
    number: str
    agreement: int
    agreement_reference: str
    organisation: int
    credits: int = Field(description="The notice credited.")
    credits_number: str
    first: datetime.date = Field(description="The first day credited (after the agreement's last day).")
    last: datetime.date
    due_on: datetime.date = Field(description="The day it counts from in the arrears and the accounts.")
    rent: Decimal
    charges: Decimal
    vat: Decimal
    vat_rate: Decimal = Field(description="The VAT rate (%) it was issued at.")
    total: Decimal = Field(description="Including VAT: what the tenant is given back.")
    heading: IssuedHeading = Field(description="The parties and the units let, as when issued (as printed).")
    issued_on: datetime.date
    pdf: str = Field(description="The credit note as a PDF (the page's address).")


class PaymentOut(Schema):
    id: int
    number: str
    agreement: int
    agreement_reference: str
    organisation: int
    amount: Decimal
    received_on: datetime.date
    reference: str


class RollQuery(Schema):
    agreement: int | None = Field(None, ge=1, le=MAX_ID)
    since: datetime.date | None = Field(None, ge=MIN_DAY, le=MAX_DAY)
    until: datetime.date | None = Field(None, ge=MIN_DAY, le=MAX_DAY)


class IssueIn(Schema):
    up_to: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)


class IssueOut(Schema):
    issued: int
    numbers: list[str]


class PaymentIn(Schema):
    agreement: int = Field(ge=1, le=MAX_ID)
    amount: Decimal = Field(gt=0, le=10_000_000, max_digits=11, decimal_places=2)
    received_on: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    reference: Text(120) = ""


class ArrearsOut(Schema):
    agreement: int
    agreement_reference: str
    organisation: int
    organisation_name: str
    due: Decimal
    paid: Decimal
    credited: Decimal = Field(description="Credit notes counting up to then, including VAT.")
    balance: Decimal
    buckets: dict[str, Decimal] = Field(description="Unpaid by age in days: " + ", ".join(BUCKETS))
    oldest_unpaid: datetime.date | None


class ArrearsQuery(Schema):
    at: datetime.date | None = Field(None, ge=MIN_DAY, le=MAX_DAY, description="Today by default.")


class ExportQuery(Schema):
    since: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    until: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    format: Literal["csv", "xlsx"] = "csv"


def notice_out(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "number": notice.number,
        "agreement": notice.agreement_id,
        "agreement_reference": notice.agreement.reference,
        "organisation": notice.agreement.organisation_id,
        "first": notice.first,
        "last": notice.last,
        "due_on": notice.due_on,
        "rent": notice.rent,
        "charges": notice.charges,
        "vat": notice.vat,
        "vat_rate": notice.vat_rate,
        "total": notice.total,
        "heading": notice.heading,
        "issued_on": notice.issued_on,
        "pdf": reverse("estate:notice_pdf", args=[notice.pk]),
    }


def credit_note_out(credit: CreditNote) -> dict:
    return {
        "id": credit.pk,
        "number": credit.number,
        "agreement": credit.agreement_id,
        "agreement_reference": credit.agreement.reference,
        "organisation": credit.agreement.organisation_id,
        "credits": credit.credits_id,
        "credits_number": credit.credits.number,
        "first": credit.first,
        "last": credit.last,
        "due_on": credit.due_on,
        "rent": credit.rent,
        "charges": credit.charges,
        "vat": credit.vat,
        "vat_rate": credit.vat_rate,
        "total": credit.total,
        "heading": credit.heading,
        "issued_on": credit.issued_on,
        "pdf": reverse("estate:credit_note", args=[credit.pk]),
    }


def payment_out(payment: Payment) -> dict:
    return {
        "id": payment.pk,
        "number": payment.number,
        "agreement": payment.agreement_id,
        "agreement_reference": payment.agreement.reference,
        "organisation": payment.agreement.organisation_id,
        "amount": payment.amount,
        "received_on": payment.received_on,
        "reference": payment.reference,
    }


def _roll(model, request, query: RollQuery, day: str):
    rows = model.objects.filter(agreement__in=Agreement.objects.visible_to(request.user)).select_related(
        "agreement"
    )
    if query.agreement is not None:
        rows = rows.filter(agreement_id=query.agreement)
    if query.since is not None:
        rows = rows.filter(**{f"{day}__gte": query.since})
    if query.until is not None:
        rows = rows.filter(**{f"{day}__lte": query.until})
    return rows.order_by(day, "number")


@router.get("/notices", response=list[NoticeOut], summary="Payment notices issued")
@paginate
def list_notices(request, query: Query[RollQuery]):
    require(request.user, "estate.list_agreements")
    return Shaped(_roll(Notice, request, query, "due_on"), notice_out)


@router.post(
    "/notices/issue", response={201: IssueOut, 403: Error, 422: Error}, summary="Issue the notices due"
)
def issue_notices(request, payload: IssueIn):
    require(request.user, "estate.manage_rent_roll")
    created = rent_roll.issue_notices(actor=request.user, up_to=payload.up_to, issued_on=timezone.localdate())
    return Status(201, {"issued": len(created), "numbers": [notice.number for notice in created]})


@router.get("/credit-notes", response=list[CreditNoteOut], summary="Credit notes issued")
@paginate
def list_credit_notes(request, query: Query[RollQuery]):
    """What notices billed for days after an agreement's early end, given back (by `due_on`)."""
    require(request.user, "estate.list_agreements")
    rows = _roll(CreditNote, request, query, "due_on").select_related("credits")
    return Shaped(rows, credit_note_out)


@router.get("/payments", response=list[PaymentOut], summary="Payments received")
@paginate
def list_payments(request, query: Query[RollQuery]):
    require(request.user, "estate.list_agreements")
    return Shaped(_roll(Payment, request, query, "received_on"), payment_out)


@router.post(
    "/payments", response={201: PaymentOut, 403: Error, 422: Error}, summary="Record a payment received"
)
def create_payment(request, payload: PaymentIn):
    require(request.user, "estate.manage_rent_roll")
    agreement = Agreement.objects.visible_to(request.user).filter(pk=payload.agreement).first()
    if agreement is None:
        raise ValidationError({"agreement": [_("No such agreement.")]})
    payment = rent_roll.record_payment(
        actor=request.user,
        agreement=agreement,
        amount=payload.amount,
        received_on=payload.received_on,
        reference=payload.reference,
    )
    return Status(201, payment_out(payment))


@router.get("/arrears", response={200: list[ArrearsOut], 403: Error}, summary="Arrears at a date, by age")
def list_arrears(request, query: Query[ArrearsQuery]):
    """Each agreement owing on `at`: what was due up to then minus what was paid, with the
    unpaid part by age (payments settle the oldest notices first)."""
    require(request.user, "estate.manage_rent_roll")
    at = query.at or timezone.localdate()
    return [
        {
            "agreement": row.agreement.pk,
            "agreement_reference": row.agreement.reference,
            "organisation": row.agreement.organisation_id,
            "organisation_name": row.agreement.organisation.name,
            "due": row.balance.due,
            "paid": row.balance.paid,
            "credited": row.balance.credited,
            "balance": row.balance.balance,
            "buckets": row.balance.buckets,
            "oldest_unpaid": row.balance.oldest_unpaid,
        }
        for row in rent_roll.arrears_at(at)
    ]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE = {
    "responses": {
        "200": {
            "description": "The journal entries, as a file.",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
}


@router.get(
    "/accounting-export", response={403: Error, 422: Error}, summary="Accounting export", openapi_extra=FILE
)
def accounting_export(request, query: Query[ExportQuery]):
    """The notices due, credit notes and payments received from `since` to `until` as journal
    entries."""
    require(request.user, "estate.manage_rent_roll")
    if query.until < query.since:
        raise ValidationError({"until": [_("The end comes before the start.")]})
    return export_response(query.since, query.until, query.format)


def export_response(since: datetime.date, until: datetime.date, format: str) -> HttpResponse:
    rows = accounting.entries(since, until)
    name = f"rent-roll-{since:%Y%m%d}-{until:%Y%m%d}.{format}"
    if format == "xlsx":
        body = accounting.as_xlsx(rows)
        content_type = XLSX
    else:
        body, content_type = accounting.as_csv(rows), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
