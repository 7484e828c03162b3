"""The rent roll for the accountant: the notices and payments of a period as journal entries
(journal, date, piece number, account, auxiliary account, label, debit, credit), CSV or XLSX.

The French chart of accounts (plan comptable général): a notice debits the tenant's
account (411, with the organisation as auxiliary account) with the amount including VAT and
credits the rent (706, services sold) and the service charges passed on (708, revenue of
related activities) excluding VAT, and the VAT collected (44571); a payment debits the bank
(512) and credits the tenant. A credit note (days billed in advance after an early end,
given back) reverses its share of a notice: it debits 706, 708 and 44571 and credits the
tenant, booked on the day it counts from. Each entry balances. A notice is booked on its due date
(notices are issued in advance, often several at once), a payment on the day it was
received. In euros with two decimals.
"""

import datetime
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from biocluster.core.spreadsheets import BOM, csv_writer, xlsx_row

from .models import CreditNote, Notice, Payment

SALES_JOURNAL, BANK_JOURNAL = "VT", "BQ"
TENANTS, RENT, CHARGES, BANK = "411000", "706000", "708000", "512000"
VAT_COLLECTED = "445710"  # TVA collectée (44571)


def auxiliary(organisation_id: int) -> str:
    return f"C{organisation_id:06d}"


def header() -> list[str]:
    return [
        _("Journal"),
        _("Date"),
        _("Piece number"),
        _("Account"),
        _("Auxiliary account"),
        _("Label"),
        _("Debit"),
        _("Credit"),
    ]


def _line(journal, day, piece, account, aux, label, debit=None, credit=None) -> list:
    return [journal, day.isoformat(), piece, account, aux, label[:200], debit, credit]


def entries(first: datetime.date, last: datetime.date) -> list[list]:
    """The journal lines of the notices due and payments received from `first` to `last`."""
    rows = []
    notices = (
        Notice.objects.filter(due_on__range=(first, last))
        .select_related("agreement__organisation")
        .order_by("due_on", "number")
    )
    for notice in notices:
        agreement = notice.agreement
        aux = auxiliary(agreement.organisation_id)
        label = _("%(agreement)s %(organisation)s, %(first)s to %(last)s") % {
            "agreement": agreement.reference,
            "organisation": agreement.organisation.name,
            "first": notice.first.isoformat(),
            "last": notice.last.isoformat(),
        }
        rows.append(
            _line(SALES_JOURNAL, notice.due_on, notice.number, TENANTS, aux, label, debit=notice.total)
        )
        if notice.rent:
            rows.append(
                _line(
                    SALES_JOURNAL,
                    notice.due_on,
                    notice.number,
                    RENT,
                    "",
                    _("Rent") + " " + label,
                    credit=notice.rent,
                )
            )
        if notice.charges:
            rows.append(
                _line(
                    SALES_JOURNAL,
                    notice.due_on,
                    notice.number,
                    CHARGES,
                    "",
                    _("Service charges") + " " + label,
                    credit=notice.charges,
                )
            )
        if notice.vat:
            rows.append(
                _line(
                    SALES_JOURNAL,
                    notice.due_on,
                    notice.number,
                    VAT_COLLECTED,
                    "",
                    _("VAT collected") + " " + label,
                    credit=notice.vat,
                )
            )
    rows += _credit_entries(first, last)
    payments = (
        Payment.objects.filter(received_on__range=(first, last))
        .select_related("agreement__organisation")
        .order_by("received_on", "number")
    )
    for payment in payments:
        agreement = payment.agreement
        label = _("Payment %(agreement)s %(organisation)s %(reference)s") % {
            "agreement": agreement.reference,
            "organisation": agreement.organisation.name,
            "reference": payment.reference,
        }
        label = label.strip()
        rows.append(
            _line(BANK_JOURNAL, payment.received_on, payment.number, BANK, "", label, debit=payment.amount)
        )
        rows.append(
            _line(
                BANK_JOURNAL,
                payment.received_on,
                payment.number,
                TENANTS,
                auxiliary(agreement.organisation_id),
                label,
                credit=payment.amount,
            )
        )
    return rows


def _credit_entries(first: datetime.date, last: datetime.date) -> list[list]:
    """The reversed entries of the credit notes counting from `first` to `last`."""
    rows = []
    credits = (
        CreditNote.objects.filter(due_on__range=(first, last))
        .select_related("agreement__organisation", "credits")
        .order_by("due_on", "number")
    )
    for credit in credits:
        agreement = credit.agreement
        label = _("Credit on %(notice)s %(agreement)s %(organisation)s, %(first)s to %(last)s") % {
            "notice": credit.credits.number,
            "agreement": agreement.reference,
            "organisation": agreement.organisation.name,
            "first": credit.first.isoformat(),
            "last": credit.last.isoformat(),
        }
        for account, name, amount in (
            (RENT, _("Rent"), credit.rent),
            (CHARGES, _("Service charges"), credit.charges),
            (VAT_COLLECTED, _("VAT collected"), credit.vat),
        ):
            if amount:
                rows.append(
                    _line(
                        SALES_JOURNAL,
                        credit.due_on,
                        credit.number,
                        account,
                        "",
                        name + " " + label,
                        debit=amount,
                    )
                )
        aux = auxiliary(agreement.organisation_id)
        rows.append(
            _line(SALES_JOURNAL, credit.due_on, credit.number, TENANTS, aux, label, credit=credit.total)
        )
    return rows


def _text(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}"


def as_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(header())
    for row in rows:
        writer.writerow([*row[:6], _text(row[6]), _text(row[7])])
    return (BOM + buffer.getvalue()).encode()


def as_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Journal")[:31]
    sheet.append(xlsx_row(sheet, header()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    for column, width in zip("ABCDEFGH", (8, 12, 14, 10, 12, 60, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in cells:
            cell.number_format = "0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
