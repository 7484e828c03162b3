"""The estate's e-mail, sent in the background once the change is committed (`emails.py`)."""

from biocluster.core.mail_tasks import mail_task

from . import emails


@mail_task
def send_tenant_request_assigned(request_id: int) -> int:
    return emails.tenant_request_assigned(request_id)
