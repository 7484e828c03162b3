"""Statements as CSV, XLSX and PDF, and the month's export for accounting."""

import io
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from biocluster.core.pdf import paragraph
from biocluster.core.spreadsheets import BOM, csv_writer, xlsx_row

from .models import Statement, UsageRecord


def _item(line: UsageRecord) -> str:
    if line.instrument_id:
        return line.instrument.name
    if line.service_request_id:
        return str(line.service_request.service)
    return line.note


def statement_rows(statement: Statement) -> tuple[list[str], list[list]]:
    header = [
        _("Date"),
        _("Kind"),
        _("Instrument or service"),
        _("User"),
        _("User category"),
        _("Quantity"),
        _("Unit"),
        _("Unit price (EUR)"),
        _("Charged (%)"),
        _("Amount (EUR)"),
    ]
    lines = statement.lines.select_related("instrument", "service_request__service", "user").order_by(
        "day", "pk"
    )
    rows = [
        [
            line.day.isoformat(),
            line.get_kind_display(),
            _item(line),
            str(line.user or ""),
            line.get_category_display(),
            line.quantity,
            line.get_unit_display(),
            line.unit_price,
            line.rate,
            line.amount,
        ]
        for line in lines
    ]
    return header, rows


def _title(statement: Statement) -> list[str]:
    return [
        _("Statement %(number)s") % {"number": statement.number},
        _("Platform: %(platform)s") % {"platform": statement.platform},
        _("Billed to: %(organisation)s") % {"organisation": statement.organisation},
        _("Month: %(month)s") % {"month": statement.month.strftime("%Y-%m")},
    ]


def statement_csv(statement: Statement) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    header, rows = statement_rows(statement)
    for line in _title(statement):
        writer.writerow([line])
    writer.writerow([])
    writer.writerow(header)
    writer.writerows(rows)
    writer.writerow([""] * (len(header) - 2) + [_("Total (EUR, excl. VAT)"), statement.total])
    return (BOM + buffer.getvalue()).encode()


def statement_xlsx(statement: Statement) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = statement.number[:31]
    for line in _title(statement):
        sheet.append(xlsx_row(sheet, [line]))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header, rows = statement_rows(statement)
    sheet.append(xlsx_row(sheet, header))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    sheet.append(xlsx_row(sheet, [None] * (len(header) - 2) + [_("Total (EUR, excl. VAT)"), statement.total]))
    for column, width in zip("ABCDEFGHIJ", (12, 18, 32, 24, 24, 10, 10, 14, 10, 14), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def statement_pdf(statement: Statement) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), title=statement.number)
    styles = getSampleStyleSheet()
    title = _title(statement)
    story = [paragraph(title[0], styles["Title"])] + [paragraph(line, styles["Normal"]) for line in title[1:]]
    story.append(Spacer(1, 12))
    header, rows = statement_rows(statement)
    table = Table(
        [header] + [[str(v) for v in row] for row in rows] + [[""] * 8 + [_("Total"), str(statement.total)]],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8),
                ("GRID", (0, 0), (-1, -2), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2ff")),
                ("ALIGN", (5, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    story.append(table)
    document.build(story)
    return buffer.getvalue()


def accounting_csv(statements) -> bytes:
    """One journal line per statement and user category: what accounting books as revenue."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(
        [
            "statement",
            "issued",
            "month",
            "platform",
            "organisation_id",
            "organisation",
            "category",
            "lines",
            "amount_eur",
        ]
    )
    for statement in statements:
        totals: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
        for category, amount in statement.lines.values_list("category", "amount"):
            totals[category][0] += 1
            totals[category][1] += amount
        for category, (count, amount) in sorted(totals.items()):
            writer.writerow(
                [
                    statement.number,
                    statement.issued_at.date().isoformat(),
                    statement.month.strftime("%Y-%m"),
                    statement.platform.name,
                    statement.organisation_id,
                    statement.organisation.name,
                    category,
                    count,
                    f"{amount:.2f}",
                ]
            )
    return (BOM + buffer.getvalue()).encode()
