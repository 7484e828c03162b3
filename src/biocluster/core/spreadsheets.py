"""Every CSV and XLSX the product writes goes through here, so that no cell a person
entered runs as a formula in the spreadsheet program that opens the file.

CSV: a text starting with = + - @ tab or carriage return is quoted with an apostrophe
(the OWASP advice), numbers are left alone. XLSX: text cells are typed as text, which a
spreadsheet never evaluates.
"""

import csv
import re
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
BOM = "\ufeff"  # lets spreadsheet programs read a CSV as UTF-8


def safe_text(value) -> str:
    """A text cell that a spreadsheet shows as written: formulas are quoted, plain numbers kept."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_row(values) -> list:
    return [
        value
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        else safe_text(value)
        for value in values
    ]


class SafeWriter:
    """csv.writer whose rows are neutralised: `writerow` returns what it wrote, as csv.writer does."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> SafeWriter:
    return SafeWriter(file, **options)


class Echo:
    """A file-like object handing back what a writer writes to it, for streamed responses."""

    def write(self, value):
        return value


def xlsx_row(sheet, values) -> list:
    """Cells for `sheet.append` (normal or write-only sheet): text stays text, even "=…"."""
    from openpyxl.cell import WriteOnlyCell  # imported on first use: openpyxl is heavy
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = []
    for value in values:
        if value is None or isinstance(value, int | float | Decimal | bool):
            cells.append(float(value) if isinstance(value, Decimal) else value)
            continue
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.data_type = "s"
        cells.append(cell)
    return cells
