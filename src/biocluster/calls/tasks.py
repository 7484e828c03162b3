"""Emails of the calls area, sent in the background once the change is committed.

Each task takes primary keys, reads the objects afresh and writes in the recipient's
language. Applicant emails never name a reviewer.
"""

from django.tasks import task

from . import emails


@task
def send_receipt(proposal_id: int) -> int:
    return emails.receipt(proposal_id)


@task
def send_decision_letter(decision_id: int) -> int:
    return emails.decision_letter(decision_id)


@task
def send_assignment_notice(review_id: int) -> int:
    return emails.assignment_notice(review_id)


@task
def send_review_reminder(review_id: int) -> int:
    return emails.review_reminder(review_id)
