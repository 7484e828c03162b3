"""Export of organisations as CSV or XLSX, in the columns and headers the import reads.

Both formats stream: CSV row by row to the response, XLSX through openpyxl's
write-only mode into a temporary file; organisations are read by chunks.
"""

import tempfile
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook

from biocluster.core.spreadsheets import BOM, Echo, csv_writer, xlsx_row

from .importing.columns import CODES
from .models import Organisation, Tag, TechnologyField, ValueChainStage

CHUNK = 2000
JOIN = "; "


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


def csv_lines(queryset: QuerySet) -> Iterator[str]:
    writer = csv_writer(Echo())
    # The BOM makes spreadsheets read the file as UTF-8; the import skips it.
    yield BOM + writer.writerow(CODES)
    for row in organisation_rows(queryset):
        yield writer.writerow(row)


def write_xlsx(queryset: QuerySet):
    """A temporary file holding the workbook, positioned at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    sheet.append(list(CODES))
    for row in organisation_rows(queryset):
        sheet.append(xlsx_row(sheet, row))
    output = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    workbook.save(output)
    output.seek(0)
    return output
