"""Loading the demo queues no e-mail about its made-up past for the worker to send."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from biocluster.core.mail_tasks import mail_task_paths
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


def test_every_task_that_sends_mail_is_declared_so():
    """A task module that sends e-mail with a plain `@task` would escape the demo's drop."""
    import inspect

    from django.apps import apps
    from django.utils.module_loading import import_string

    declared = mail_task_paths()
    sending = set()
    for config in apps.get_app_configs():
        try:
            module = import_string(f"{config.name}.tasks")
        except ImportError:
            continue
        for value in vars(module).values():
            if hasattr(value, "module_path") and value.module_path.startswith(config.name):
                source = inspect.getsource(value.func)
                if "emails" in source or "notifications" in source or "send_mail" in source:
                    sending.add(value.module_path)
    assert sending and sending <= declared
    assert "biocluster.partnering.tasks.run_schedule" not in declared
