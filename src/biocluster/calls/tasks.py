"""Emails of the calls area, sent in the background once the change is committed.

Each task takes primary keys, reads the objects afresh and writes in the recipient's
language. Applicant emails never name a reviewer.
"""

from biocluster.core.mail_tasks import mail_task

from . import emails


@mail_task
def send_receipt(proposal_id: int) -> int:
    return emails.receipt(proposal_id)


@mail_task
def send_decision_letter(decision_id: int) -> int:
    return emails.decision_letter(decision_id)


@mail_task
def send_assignment_notice(review_id: int) -> int:
    return emails.assignment_notice(review_id)


@mail_task
def send_review_reminder(review_id: int) -> int:
    return emails.review_reminder(review_id)
