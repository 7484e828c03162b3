"""Export of organisations as CSV or XLSX, in the columns and headers the import reads.

CSV streams row by row to the response. XLSX is written in the background
(`start_xlsx_export`, then the `build_export` task): a workbook of 100,000
organisations takes longer than a request may last; the page polls the job's
progress and then offers the file. Organisations are read by chunks.
"""

import tempfile
import uuid
from collections.abc import Callable, Iterator

from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict

from biocluster.core.spreadsheets import BOM, Echo, csv_writer, xlsx_row

from . import fields
from .importing.columns import columns
from .models import Organisation
from .models_export import ExportJob, ExportStatus

CHUNK = 2000


def organisation_rows(queryset: QuerySet, declared: tuple | None = None) -> Iterator[list]:
    """The rows of the export, in the declared columns' order; None for an empty number."""
    declared = declared or columns()
    queryset = queryset.select_related(
        *(f.name for f in declared if f.type == fields.Type.CAMPUS)
    ).prefetch_related(*(fields.export_prefetch(f) for f in declared if f.type in fields.MANY))
    for organisation in queryset.iterator(chunk_size=CHUNK):
        yield [fields.export_value(f, organisation) for f in declared]


def csv_lines(queryset: QuerySet) -> Iterator[str]:
    writer = csv_writer(Echo())
    declared = columns()
    # The BOM makes spreadsheets read the file as UTF-8; the import skips it.
    yield BOM + writer.writerow([f.code for f in declared])
    for row in organisation_rows(queryset, declared):
        yield writer.writerow(row)


def write_xlsx(queryset: QuerySet, progress: Callable[[int], None] | None = None):
    """A temporary file holding the workbook, positioned at its start.

    `progress(rows written)` is called every CHUNK rows."""
    from openpyxl import Workbook  # heavy: imported on first use

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    declared = columns()
    sheet.append([f.code for f in declared])
    for written, row in enumerate(organisation_rows(queryset, declared), start=1):
        if progress is not None and written % CHUNK == 0:
            progress(written)
        sheet.append(xlsx_row(sheet, row))
    output = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    workbook.save(output)
    output.seek(0)
    return output


def exported_queryset(user, query: str) -> QuerySet:
    """The organisations `user` may see that match the directory's filters in `query`."""
    from .filters import OrganisationFilter

    filterset = OrganisationFilter(QueryDict(query), queryset=Organisation.objects.visible_to(user))
    return filterset.qs if filterset.is_valid() else Organisation.objects.none()


@transaction.atomic
def start_xlsx_export(*, actor, query: str) -> ExportJob:
    """A queued export of what `actor` sees through the filters; the task is enqueued once it is saved."""
    from biocluster.audit.services import record_create

    from .tasks import build_export

    job = ExportJob.objects.create(created_by=actor, format="xlsx", query=query)
    record_create(actor=actor, obj=job, action="directory.export.started")
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


@transaction.atomic
def restart_export(*, actor, job: ExportJob) -> bool:
    """Queue a failed export again (e.g. its worker died); False if it is not failed."""
    from biocluster.audit import services as audit

    from .tasks import build_export

    before = audit.snapshot(job)
    queued = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.FAILED).update(
        status=ExportStatus.QUEUED
    )
    if not queued:
        return False
    job.refresh_from_db()
    audit.record_update(actor=actor, obj=job, action="directory.export.restarted", before=before)
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return True


def build_xlsx(job: ExportJob) -> ExportJob:
    """Write the job's workbook, with its progress and a sign of life per chunk (a short update each).

    Nothing happens if another worker took the job; if the job was given up for dead
    while this one wrote (`give_up_if_silent`), the file is thrown away.
    """
    if not job.claim(from_statuses=[ExportStatus.QUEUED], status=ExportStatus.RUNNING):
        return job
    queryset = exported_queryset(job.created_by, job.query)
    total = queryset.count()
    ExportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(total_rows=total)
    job.total_rows = total

    try:
        with write_xlsx(queryset, job.beat) as output:
            job.file.save(f"directory-{uuid.uuid4().hex}.xlsx", File(output), save=False)
    except Exception as error:
        job.fail(str(error))
        raise
    if not job.finish(status=ExportStatus.DONE, file=job.file.name, processed_rows=total):
        job.file.delete(save=False)  # given up meanwhile: another run writes its own
    job.refresh_from_db()
    return job
