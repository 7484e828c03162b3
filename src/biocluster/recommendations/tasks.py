"""Background work of partner recommendation: fitting the model, and sending introductions.

Pages and services enqueue these with `transaction.on_commit`, primary keys as arguments.
In tests the immediate backend runs them at once; in the demo and production a
`biocluster db_worker` process picks them up.
"""

from django.tasks import task

from biocluster.core.mail_tasks import mail_task


@task
def fit_model(build_id: int) -> dict:
    from . import services
    from .models import BuildStatus, ModelBuild

    build = ModelBuild.objects.filter(pk=build_id).first()
    if build is None or build.status != BuildStatus.QUEUED:
        return {"skipped": build.status if build else "missing"}  # a repeated enqueue
    build = services.run_build(build)
    return {"status": build.status, "organisations": build.organisations, "links": build.links}


@mail_task
def send_introduction(introduction_id: int) -> int:
    from . import emails

    return emails.introduction(introduction_id)
