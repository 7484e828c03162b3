"""Background work of the directory: the dry run and the apply of an import; large exports; the
network page built ahead of its first visitor after a change.

Pages enqueue these with `transaction.on_commit`, then poll the job's progress.
In tests the immediate backend runs them at once; in the demo a
`biocluster db_worker` process picks them up.
"""

from django.contrib.auth import get_user_model
from django.tasks import task

from .importing import services
from .models_export import ExportJob, ExportStatus
from .models_import import ImportJob, ImportStatus


@task
def check_import(job_id: int) -> dict:
    job = ImportJob.objects.get(pk=job_id)
    report = services.dry_run(job=job)
    return report.get("counts", {})


@task
def apply_import(job_id: int) -> dict:
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportStatus.APPLYING:
        return {"skipped": job.status}  # a stale or repeated enqueue
    actor = get_user_model().objects.filter(pk=job.applied_by_id).first() if job.applied_by_id else None
    job = services.apply(job=job, actor=actor)
    return {
        "status": job.status,
        "created": job.created_count,
        "merged": job.merged_count,
        "skipped": job.skipped_count,
    }


@task
def build_export(job_id: int) -> dict:
    from .exporting import build_xlsx

    job = ExportJob.objects.get(pk=job_id)
    if job.status != ExportStatus.QUEUED:
        return {"skipped": job.status}  # a repeated enqueue
    job = build_xlsx(job)
    return {"status": job.status, "rows": job.total_rows}


@task
def warm_up_network() -> list[str]:
    from . import caching

    return caching.warm_up_network()
