"""Background tasks that send e-mail declare themselves here, so that what must not send
(the demo's made-up past, queued while it loads) is found by declaration, not by name.

    from biocluster.core.mail_tasks import mail_task

    @mail_task
    def send_receipt(proposal_id: int) -> int: ...
"""

from django.tasks import task
from django.utils.module_loading import autodiscover_modules

_mail_task_paths: set[str] = set()


def mail_task(function):
    """`django.tasks.task`, remembered as a task that sends e-mail."""
    declared = task(function)
    _mail_task_paths.add(declared.module_path)
    return declared


def mail_task_paths() -> set[str]:
    """Every declared mail task of the installed apps (their `tasks` modules imported first)."""
    autodiscover_modules("tasks")
    return set(_mail_task_paths)
