"""Background work of partnering: scheduler runs and agenda emails.

Services enqueue these with `transaction.on_commit`, primary keys as arguments.
In tests the immediate backend runs them at once; in the demo and production a
`biocluster db_worker` picks them up.
"""

from django.tasks import task

from biocluster.core.mail_tasks import mail_task


@task
def run_schedule(run_id: int) -> str:
    from .models import RunStatus, ScheduleRun
    from .services.scheduling import execute_run

    run = ScheduleRun.objects.select_related("event", "requested_by").filter(pk=run_id).first()
    if run is None or run.status != RunStatus.QUEUED:
        return "skipped"  # a stale or repeated enqueue
    return execute_run(run).status


@mail_task
def send_agenda(profile_id: int) -> int:
    from . import emails

    return emails.agenda(profile_id)


@mail_task
def send_cancellation(meeting_id: int, profile_id: int) -> int:
    from . import emails

    return emails.cancellation(meeting_id, profile_id)


@mail_task
def send_schedule_changes(profile_id: int, changes: list[dict]) -> int:
    from . import emails

    return emails.schedule_changes(profile_id, changes)
