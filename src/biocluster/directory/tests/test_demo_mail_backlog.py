"""Loading the demo queues no e-mail about its made-up past for the worker to send."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from biocluster.directory.management.commands.load_demo import drop_made_up_mail

pytestmark = pytest.mark.django_db


def queued(task_path: str, enqueued_at) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path=task_path,
        backend_name="default",
        run_after=enqueued_at,
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued_at)
    return task


def test_the_mail_queued_while_loading_is_dropped_and_nothing_else():
    started = timezone.now()
    letter = queued("biocluster.calls.tasks.send_decision_letter", started + timedelta(seconds=5))
    waitlist = queued("biocluster.platforms.tasks.tell_waitlist", started + timedelta(seconds=6))
    schedule = queued("biocluster.partnering.tasks.run_schedule", started + timedelta(seconds=7))
    earlier = queued("biocluster.calls.tasks.send_receipt", started - timedelta(minutes=5))
    assert drop_made_up_mail(started) == 2
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {schedule.pk, earlier.pk} and not left & {letter.pk, waitlist.pk}
