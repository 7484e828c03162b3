"""Background work of events: the emails to registrants (see `emails.py`)."""

from biocluster.core.mail_tasks import mail_task


@mail_task
def send_email(kind: str, pk: int) -> str:
    from . import emails
    from .models import Registration

    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is not None:
        emails.send(kind, registration)
    return kind
