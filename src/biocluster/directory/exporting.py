"""Export of organisations as CSV or XLSX, in the columns and headers the import reads.

Both formats stream: CSV row by row to the response, XLSX through openpyxl's
write-only mode into a temporary file; organisations are read by chunks.
"""

import csv
import tempfile
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .importing.columns import CODES, FORMULA_START
from .models import Organisation, Tag, TechnologyField, ValueChainStage

CHUNK = 2000
JOIN = "; "
NUMBERS = {"founded_year", "headcount"}


def _values(organisation: Organisation) -> dict:
    return {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "kind": organisation.kind,
        "description_en": organisation.description_en,
        "description_fr": organisation.description_fr,
        "website": organisation.website,
        "founded_year": organisation.founded_year,
        "headcount": organisation.headcount,
        "campus": organisation.campus.name if organisation.campus else "",
        "address": organisation.address,
        "city": organisation.city,
        "country": organisation.country,
        "technology_fields": JOIN.join(f.code for f in organisation.technology_fields.all()),
        "value_chain_stages": JOIN.join(s.code for s in organisation.value_chain_stages.all()),
        "tags": JOIN.join(t.name for t in organisation.tags.all()),
        "is_listed": "yes" if organisation.is_listed else "no",
        "source": organisation.source,
    }


def organisation_rows(queryset: QuerySet) -> Iterator[list]:
    """The rows of the export, in CODES order; None for an empty number."""
    queryset = queryset.select_related("campus").prefetch_related(
        Prefetch("technology_fields", queryset=TechnologyField.objects.only("code").order_by("code")),
        Prefetch("value_chain_stages", queryset=ValueChainStage.objects.only("code", "position")),
        Prefetch("tags", queryset=Tag.objects.order_by("name")),
    )
    for organisation in queryset.iterator(chunk_size=CHUNK):
        values = _values(organisation)
        yield [values[code] for code in CODES]


def _safe_text(value) -> str:
    """A spreadsheet would run a cell starting with = + - @ as a formula: quote it."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, value):
        return value


def csv_lines(queryset: QuerySet) -> Iterator[str]:
    writer = csv.writer(_Line())
    # The BOM makes spreadsheets read the file as UTF-8; the import skips it.
    yield "\ufeff" + writer.writerow(CODES)
    for row in organisation_rows(queryset):
        yield writer.writerow(
            [
                "" if value is None else value if code in NUMBERS else _safe_text(value)
                for code, value in zip(CODES, row, strict=True)
            ]
        )


def write_xlsx(queryset: QuerySet):
    """A temporary file holding the workbook, positioned at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    sheet.append(list(CODES))
    for row in organisation_rows(queryset):
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # text stays text, even "=…": never a formula
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    output = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    workbook.save(output)
    output.seek(0)
    return output
