"""The contract's dashboard as charts (core.charts), a PDF (Typst) and a workbook (XLSX), the
documents in the funder's language whatever the reader's."""

import io
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core.charts import BarChart
from biocluster.core.models import bilingual
from biocluster.core.spreadsheets import xlsx_row
from biocluster.core.typesetting import render_pdf
from biocluster.indicators.templatetags.indicators import in_unit

from .services import Dashboard, IndicatorLine

TEMPLATE = Path(__file__).parent / "typst" / "contract.typ"


def chart(line: IndicatorLine) -> BarChart:
    """The trend of one indicator: the share of its target reached, each year that has both."""
    rows = [(str(cell.year), cell.achievement) for cell in line.cells if cell.achievement is not None]
    return BarChart(
        _("%(indicator)s: share of the target reached") % {"indicator": line.name},
        rows,
        columns=True,
        percent=True,
        label_heading=_("Year"),
    )


def _value(value, unit: str) -> str:
    return in_unit(value, unit) if value is not None else "—"


def document(board: Dashboard) -> dict:
    """What the PDF and the workbook say, in the active language."""
    contract = board.contract
    objectives = []
    for entry in board.objectives:
        objective = entry.objective
        objectives.append(
            {
                "number": objective.number,
                "title": bilingual(objective, "title"),
                "description": bilingual(objective, "description"),
                "lines": [
                    {
                        "code": line.code,
                        "name": line.name,
                        "cells": [
                            {
                                "year": cell.year,
                                "target": _value(cell.target, line.unit),
                                "actual": _value(cell.actual, line.unit),
                                "to_date": formatting.day(cell.to_date) if cell.to_date else "",
                                "status": cell.status,
                                "status_label": cell.status_label,
                                "target_raw": cell.target,
                                "actual_raw": cell.actual,
                            }
                            for cell in line.cells
                        ],
                    }
                    for line in entry.lines
                ],
            }
        )
    instalments = board.instalments
    return {
        "lang": contract.language,
        "title": contract.title,
        "reference": contract.reference,
        "funder": contract.funder.name,
        "years": f"{contract.start_year}-{contract.end_year}",
        "amount": formatting.money(contract.amount),
        "today": formatting.day(board.today),
        "objectives": objectives,
        "instalments": [
            {
                "expected_on": formatting.day(row.expected_on),
                "amount": formatting.money(row.amount),
                "received_on": formatting.day(row.received_on) if row.received_on else "—",
                "received_amount": formatting.money(row.received_amount)
                if row.received_amount is not None
                else "—",
                "overdue": overdue,
            }
            for row, overdue in instalments.rows
        ],
        "instalments_expected": formatting.money(instalments.expected),
        "instalments_received": formatting.money(instalments.received),
        "instalments_overdue": formatting.money(instalments.overdue) if instalments.overdue else "",
        "deadlines": [
            {
                "due_on": formatting.day(row.due_on),
                "what": row.what,
                "done_on": formatting.day(row.done_on) if row.done_on else "—",
                "overdue": overdue,
            }
            for row, overdue in board.deadlines
        ],
        "projects": [
            {"title": str(project), "amount": formatting.money(project.amount)} for project in board.projects
        ],
        "projects_total": formatting.money(board.projects_total),
        "labels": {
            "heading": _("Funder contract: objectives and indicators"),
            "funder": _("Funder"),
            "reference": _("Reference"),
            "years": _("Years"),
            "amount": _("Amount"),
            "on": _("Situation on %(day)s") % {"day": formatting.day(board.today)},
            "objectives": _("Objectives"),
            "indicator": _("Indicator"),
            "year": _("Year"),
            "target": _("Target"),
            "actual": _("Actual"),
            "status": _("Status"),
            "to_date": _("to date"),
            "no_target": _("No indicator with targets yet."),
            "instalments": _("Instalments"),
            "expected_on": _("Expected on"),
            "expected": _("Amount expected"),
            "received_on": _("Received on"),
            "received": _("Amount received"),
            "overdue": _("overdue"),
            "total": _("Total"),
            "overdue_total": _("Overdue"),
            "deadlines": _("Reporting deadlines"),
            "due_on": _("Due on"),
            "what": _("What is due"),
            "done_on": _("Done on"),
            "projects": _("Funded projects"),
            "project": _("Project"),
            "none": _("None."),
            "rule": _(
                "Status: met when the value reached the target; for the current year, on track when the "
                "value is at least the share of the target matching the share of the year elapsed, at risk "
                "otherwise; missed when a past year ended below its target."
            ),
        },
    }


def pdf(board: Dashboard) -> bytes:
    """The dashboard as a PDF, in the funder's language, with a chart per indicator."""
    with translation.override(board.contract.language):
        data = document(board)
        files = {}
        for entry, objective in zip(board.objectives, data["objectives"], strict=True):
            for line, shown in zip(entry.lines, objective["lines"], strict=True):
                drawn = chart(line)
                if drawn.bars:
                    name = f"chart-{entry.objective.number}-{len(files)}.svg"
                    files[name] = str(drawn.svg())
                    shown["chart"] = name
        return render_pdf(TEMPLATE.read_text(encoding="utf-8"), data, files=files)


def xlsx(board: Dashboard) -> bytes:
    """The dashboard as a workbook in the funder's language: targets, instalments, deadlines, projects."""
    from openpyxl import Workbook  # imported on first use: heavy

    with translation.override(board.contract.language):
        data = document(board)
        labels = data["labels"]
        book = Workbook(write_only=True)
        sheet = book.create_sheet(labels["objectives"][:31])
        sheet.append(xlsx_row(sheet, [data["title"], data["reference"], data["funder"], data["years"]]))
        sheet.append(xlsx_row(sheet, [labels["on"]]))
        sheet.append(
            xlsx_row(
                sheet,
                [
                    labels["objectives"],
                    labels["indicator"],
                    labels["year"],
                    labels["target"],
                    labels["actual"],
                    labels["status"],
                ],
            )
        )
        for objective in data["objectives"]:
            for line in objective["lines"]:
                for cell in line["cells"]:
                    sheet.append(
                        xlsx_row(
                            sheet,
                            [
                                f"{objective['number']}. {objective['title']}",
                                line["name"],
                                cell["year"],
                                _number(cell["target_raw"]),
                                _number(cell["actual_raw"]),
                                cell["status_label"],
                            ],
                        )
                    )
        sheet = book.create_sheet(labels["instalments"][:31])
        sheet.append(
            xlsx_row(
                sheet,
                [
                    labels["expected_on"],
                    labels["expected"],
                    labels["received_on"],
                    labels["received"],
                    labels["overdue"],
                ],
            )
        )
        for row, overdue in board.instalments.rows:
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        row.expected_on.isoformat(),
                        row.amount,
                        row.received_on.isoformat() if row.received_on else None,
                        row.received_amount,
                        labels["overdue"] if overdue else "",
                    ],
                )
            )
        sheet.append(
            xlsx_row(sheet, [labels["total"], board.instalments.expected, None, board.instalments.received])
        )
        sheet = book.create_sheet(labels["deadlines"][:31])
        sheet.append(
            xlsx_row(sheet, [labels["due_on"], labels["what"], labels["done_on"], labels["overdue"]])
        )
        for row, overdue in board.deadlines:
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        row.due_on.isoformat(),
                        row.what,
                        row.done_on.isoformat() if row.done_on else None,
                        labels["overdue"] if overdue else "",
                    ],
                )
            )
        sheet = book.create_sheet(labels["projects"][:31])
        sheet.append(xlsx_row(sheet, [labels["project"], labels["amount"]]))
        for project in board.projects:
            sheet.append(xlsx_row(sheet, [str(project), project.amount]))
        sheet.append(xlsx_row(sheet, [labels["total"], board.projects_total]))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _number(value):
    if value is None:
        return None
    return value if isinstance(value, int | Decimal) else Decimal(str(value))
