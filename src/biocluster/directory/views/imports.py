"""Staff pages to import organisations from a file, and to export the directory.

upload → mapping → "Check (dry run)" → report (errors, likely duplicates with a
decision each) → "Apply import" → progress → result. A file with errors can be
replaced on the same import ("Upload a corrected file"), which checks it again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from biocluster.core.access import require
from biocluster.core.spreadsheets import Echo, csv_writer

from .. import exporting
from ..filters import OrganisationFilter
from ..importing import links, services
from ..importing.columns import codes
from ..importing.forms import DecisionsForm, MappingForm, ReplaceFileForm, UploadForm
from ..importing.reading import UnreadableFile
from ..importing.validation import Lookups, RowChecker, message
from ..models import Organisation
from ..models_export import ExportJob, ExportStatus
from ..models_import import ImportJob, ImportKind, ImportStatus
from ..tasks import apply_import, check_import

PERMISSION = "directory.manage_directory"
RECENT_JOBS = 20


LINKS_PERMISSION = "directory.import_links"


def _job(request, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("created_by", "applied_by"), pk=pk)
    require(request.user, job.permission)  # organisations: manage_directory; links: import_links
    return job


def _message(job: ImportJob):
    return links.message if job.is_links else message


def _enqueue_check(request, job: ImportJob) -> None:
    # The page shows the progress bar at once; the task starts once the job is saved.
    services.begin_check(actor=request.user, job=job)
    transaction.on_commit(lambda: check_import.enqueue(job.pk))


def _detail(
    request, job: ImportJob, *, mapping_form=None, replace_form=None, decisions_form=None, status=200
):
    services.give_up_if_abandoned(job)
    job.processed_now = services.processed_rows(job)
    report = job.report or {}
    errors = [{**error, "message": _message(job)(error)} for error in report.get("errors", [])]
    warnings = [{**warning, "message": message(warning)} for warning in report.get("warnings", [])]
    # A check may be started again (e.g. if its worker stopped); an apply may not be interrupted.
    editable = job.status not in (ImportStatus.APPLYING, ImportStatus.APPLIED)
    context = {
        "job": job,
        "report": report,
        "counts": report.get("counts", {}),
        "errors": errors,
        "warnings": warnings,
        "hidden_errors": report.get("counts", {}).get("errors", 0) - len(errors),
        "mapping_form": mapping_form or (MappingForm(job=job) if editable else None),
        "replace_form": replace_form or (ReplaceFileForm() if editable else None),
        "upload_url": reverse("directory:link_import_upload" if job.is_links else "directory:import_upload"),
        "decisions_form": decisions_form
        or (DecisionsForm(job=job) if job.status == ImportStatus.CHECKED or job.was_interrupted else None),
    }
    return render(request, "directory/import_detail.html", context, status=status)


def _upload(request, kind: str):
    """The upload page of either kind of import: the file is kept, then checked on its own page."""
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_job(actor=request.user, upload=form.cleaned_data["file"], kind=kind)
        except UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("File uploaded. Check the column mapping, then run the dry run."))
            return redirect("directory:import_detail", pk=job.pk)
    jobs = ImportJob.objects.filter(kind=kind).select_related("created_by")[:RECENT_JOBS]
    is_links = kind == ImportKind.LINKS
    return render(
        request,
        "directory/link_import_upload.html" if is_links else "directory/import_upload.html",
        {"form": form, "jobs": jobs, "columns": list(links.FIELDS) if is_links else codes()},
        status=400 if form.errors else 200,
    )


@login_required
def import_upload(request):
    require(request.user, PERMISSION)
    return _upload(request, ImportKind.ORGANISATIONS)


@login_required
def link_import_upload(request):
    """Links between organisations from a file: same steps as organisations (dry run, then all or nothing)."""
    require(request.user, LINKS_PERMISSION)
    return _upload(request, ImportKind.LINKS)


@login_required
@require_GET
def import_detail(request, pk: int):
    return _detail(request, _job(request, pk))


@login_required
@require_POST
def import_check(request, pk: int):
    job = _job(request, pk)
    form = MappingForm(request.POST, job=job)
    if not form.is_valid():
        return _detail(request, job, mapping_form=form, status=400)
    try:
        services.set_mapping(actor=request.user, job=job, mapping=form.mapping)
    except services.ImportNotReady as error:
        messages.error(request, str(error))
        return redirect("directory:import_detail", pk=job.pk)
    _enqueue_check(request, job)
    return redirect("directory:import_detail", pk=job.pk)


@login_required
@require_POST
def import_replace_file(request, pk: int):
    job = _job(request, pk)
    form = ReplaceFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, job, replace_form=form, status=400)
    try:
        services.replace_file(actor=request.user, job=job, upload=form.cleaned_data["file"])
    except UnreadableFile as error:
        form.add_error("file", str(error))
        return _detail(request, job, replace_form=form, status=400)
    except services.ImportNotReady as error:
        messages.error(request, str(error))
        return redirect("directory:import_detail", pk=job.pk)
    if services.mapping_problems(job, job.mapping):
        messages.warning(
            request, _("The columns of the new file differ: check the mapping, then run the dry run.")
        )
    else:
        messages.success(request, _("Corrected file uploaded; it is being checked again."))
        _enqueue_check(request, job)
    return redirect("directory:import_detail", pk=job.pk)


@login_required
@require_POST
def import_apply(request, pk: int):
    job = _job(request, pk)
    form = DecisionsForm(request.POST, job=job)
    if not form.is_valid():
        return _detail(request, job, decisions_form=form, status=400)
    started = services.begin_apply(
        actor=request.user,
        job=job,
        decisions=form.decisions(),
        default=form.cleaned_data["default_decision"],
    )
    if not started:
        messages.error(
            request, _("This import cannot be applied now: run the dry run and fix every error first.")
        )
        return redirect("directory:import_detail", pk=job.pk)
    transaction.on_commit(lambda: apply_import.enqueue(job.pk))
    return redirect("directory:import_detail", pk=job.pk)


@login_required
@require_GET
def import_progress(request, pk: int):
    job = _job(request, pk)
    services.give_up_if_abandoned(job)
    if not job.is_running:
        # Done: reload the whole page, which now shows the report or the result.
        return HttpResponseClientRefresh() if request.htmx else redirect("directory:import_detail", pk=job.pk)
    job.processed_now = services.processed_rows(job)
    return render(request, "directory/import_detail.html#progress", {"job": job})


@login_required
@require_GET
def import_errors(request, pk: int):
    """Every error of the file (the page shows the first ones), as CSV, read afresh."""
    job = _job(request, pk)
    if services.mapping_problems(job, job.mapping) or not job.file:
        return HttpResponseBadRequest(_("Choose a valid column mapping first."))
    writer = csv_writer(Echo())
    header = "\ufeff" + writer.writerow([_("Row"), _("Column"), _("Value"), _("Error")])

    def organisation_lines():
        checker = RowChecker(headers=job.headers, mapping=job.mapping, lookups=Lookups.load())
        yield header
        with services.read_rows(job) as rows:
            for number, cells in rows:
                for error in checker.check(number, cells)[1]:
                    yield writer.writerow([number, error["column"], error["value"], message(error)])

    def link_lines():
        yield header
        with services.read_rows(job) as rows:
            checked = links.check_rows(job.headers, job.mapping, rows, errors_kept=None)
        for error in checked.errors:
            yield writer.writerow([error["row"], error["column"], error["value"], links.message(error)])

    lines = link_lines if job.is_links else organisation_lines

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response


@login_required
@require_GET
def import_template(request):
    """An empty file with the importable columns, and one example row."""
    require(request.user, PERMISSION)
    writer = csv_writer(Echo())
    example = {
        "name": "Example Biotech",
        "kind": "startup",
        "website": "https://example.org",
        "founded_year": "2021",
        "headcount": "12",
        "country": "FR",
        "technology_fields": "synthetic-biology; bioinformatics",
        "value_chain_stages": "research-development",
        "tags": "demo",
        "is_listed": "yes",
    }
    header = codes()
    content = "\ufeff" + writer.writerow(header) + writer.writerow([example.get(code, "") for code in header])
    response = StreamingHttpResponse([content], content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations-template.csv"'
    return response


def _exported(request):
    require(request.user, PERMISSION)
    filterset = OrganisationFilter(request.GET, queryset=Organisation.objects.visible_to(request.user))
    if not filterset.is_valid():
        return None, HttpResponseBadRequest(
            _("Invalid filters: %(errors)s") % {"errors": filterset.errors.as_text()}
        )
    return filterset.qs, None


def _file_name(extension: str) -> str:
    return f"directory-{timezone.localdate().isoformat()}.{extension}"


@login_required
@require_GET
def export_csv(request):
    queryset, problem = _exported(request)
    if problem:
        return problem
    response = StreamingHttpResponse(exporting.csv_lines(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name("csv")}"'
    return response


@login_required
@require_POST
def export_xlsx(request):
    """Start writing the workbook in the background; its page shows the progress, then the file."""
    _queryset, problem = _exported(request)
    if problem:
        return problem
    job = exporting.start_xlsx_export(actor=request.user, query=request.GET.urlencode())
    return redirect("directory:export_detail", pk=job.pk)


def _export_job(request, pk: int) -> ExportJob:
    require(request.user, PERMISSION)
    return get_object_or_404(ExportJob.objects.select_related("created_by"), pk=pk)


@login_required
@require_GET
def export_detail(request, pk: int):
    job = _export_job(request, pk)
    job.give_up_if_silent()
    return render(request, "directory/export_detail.html", {"job": job})


@login_required
@require_POST
def export_restart(request, pk: int):
    """Write a failed export again (its worker died, or the database was busy)."""
    job = _export_job(request, pk)
    if not exporting.restart_export(actor=request.user, job=job):
        messages.error(request, _("Only a failed export can be started again."))
    return redirect("directory:export_detail", pk=job.pk)


@login_required
@require_GET
def export_progress(request, pk: int):
    job = _export_job(request, pk)
    job.give_up_if_silent()
    if not job.is_running:
        # Done: reload the whole page, which now offers the file.
        return HttpResponseClientRefresh() if request.htmx else redirect("directory:export_detail", pk=job.pk)
    return render(request, "directory/export_detail.html#progress", {"job": job})


@login_required
@require_GET
def export_download(request, pk: int):
    job = _export_job(request, pk)
    if job.status != ExportStatus.DONE or not job.file:
        return redirect("directory:export_detail", pk=job.pk)
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"directory-{timezone.localtime(job.created_at).date().isoformat()}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
