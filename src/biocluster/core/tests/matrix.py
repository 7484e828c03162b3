"""Site-wide rows of the permission matrix."""

from biocluster.core.tests.admin_matrix import admin_rows

PAGES = {
    ("home", None, "get"): "200 200 200 200 200 200 200",
    ("ok", None, "get"): "200 200 200 200 200 200 200",
    # Only the demo keeps its e-mails (test_demo_mail.py checks who reads them there).
    ("demo_mail", None, "get"): "302 404 404 404 404 404 404",
    ("set_language", None, "post"): "302 302 302 302 302 302 302",
    # Reads only the drawings' cache, by the digest of what a chart shows (public pages draw too).
    ("chart_drawing", "chart_digest", "get"): "200 200 200 200 200 200 200",
}
BODIES = {("set_language", "post"): {"language": "fr", "next": "/"}}


def world(request):
    from types import SimpleNamespace

    return {"chart_digest": SimpleNamespace(pk="0" * 64)}


# The Django admin (see core/tests/admin_matrix.py): the background tasks' results, shown only.
def _task_result(world):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="biocluster.directory.tasks.refresh",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


ADMIN = admin_rows("django_tasks_database.dbtaskresult")
ADMIN_OBJECTS = {"django_tasks_database.dbtaskresult": _task_result}
