"""E-mails of the survey, sent in the background once the change is committed."""

from biocluster.core.mail_tasks import mail_task

from . import emails


@mail_task
def send_reminder(reminder_id: int) -> int:
    return emails.reminder(reminder_id)
