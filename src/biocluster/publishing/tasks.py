"""Background work of publishing: freezing a year (minutes at full scale, too long for a request).

The staff page enqueues it with `transaction.on_commit`, then polls the job's progress.
In tests the immediate backend runs it at once; in the demo and production a
`biocluster db_worker` process picks it up.
"""

from django.tasks import task


@task
def run_freeze(job_id: int) -> dict:
    from . import services
    from .models import FreezeJob, FreezeStatus

    job = FreezeJob.objects.filter(pk=job_id).first()
    if job is None or job.status != FreezeStatus.QUEUED:
        return {"skipped": job.status if job else "missing"}  # a repeated enqueue
    job = services.run_freeze_job(job)
    return {"status": job.status, "year": job.year}
