"""The emails themselves: receipt, decision letter, assignment notice, reminder."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Decision, Proposal, Review


def _recipients(proposal: Proposal) -> list[str]:
    emails = [proposal.applicant.email] + [m.user.email for m in proposal.members.select_related("user")]
    return list(dict.fromkeys(e for e in emails if e))


def _send(subject: str, template: str, context: dict, to: list[str], attachments=()) -> int:
    body = render_to_string(template, context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()


def receipt(proposal_id: int) -> int:
    proposal = Proposal.objects.select_related("call", "applicant", "organisation").get(pk=proposal_id)
    with translation.override(proposal.language):
        from . import pdf  # heavy: imported on first use

        document = pdf.proposal_pdf(proposal)
        return _send(
            _("Proposal %(reference)s received") % {"reference": proposal.reference},
            "calls/email/receipt.txt",
            {
                "proposal": proposal,
                "call": proposal.call,
                "submitted_at": proposal.call.local(proposal.submitted_at),
            },
            _recipients(proposal),
            [(f"{proposal.reference}.pdf", document, "application/pdf")],
        )


def decision_letter(decision_id: int) -> int:
    decision = Decision.objects.select_related("proposal__call", "proposal__applicant").get(pk=decision_id)
    proposal = decision.proposal
    with translation.override(proposal.language):
        from . import pdf  # heavy: imported on first use

        document = pdf.decision_letter_pdf(decision)
        sent = _send(
            _("Decision on proposal %(reference)s") % {"reference": proposal.reference},
            "calls/email/decision.txt",
            {"decision": decision, "proposal": proposal, "call": proposal.call},
            _recipients(proposal),
            [(f"{proposal.reference}-decision.pdf", document, "application/pdf")],
        )
    Decision.objects.filter(pk=decision.pk).update(letter_sent_at=timezone.now())
    return sent


def _review_email(review_id: int, template: str, subject) -> int:
    review = Review.objects.select_related("proposal__call", "reviewer").get(pk=review_id)
    with translation.override(review.reviewer.preferred_language or "en"):
        return _send(
            subject() % {"call": review.proposal.call.title},
            template,
            {
                "review": review,
                "call": review.proposal.call,
                "due_at": review.proposal.call.local(review.due_at),
            },
            [review.reviewer.email],
        )


def assignment_notice(review_id: int) -> int:
    return _review_email(review_id, "calls/email/assignment.txt", lambda: _("A proposal to review: %(call)s"))


def review_reminder(review_id: int) -> int:
    return _review_email(
        review_id, "calls/email/reminder.txt", lambda: _("Reminder: a review awaits you (%(call)s)")
    )
