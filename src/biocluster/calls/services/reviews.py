"""Assigning reviewers, their declarations of interest, their reviews, and reminders.

A reviewer found in conflict with a proposal by the directory is never assigned to it;
one who declares a conflict, or whom the directory shows in conflict when they declare
none, is closed out of the proposal for good (see `querysets.ProposalQuerySet`).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.accounts.roles import roles_of
from biocluster.audit import services as audit

from .. import rubric as rubrics
from ..candidates import candidates_for, conflicts_between, reviewers
from ..facts import detect
from ..models import (
    Call,
    CallStatus,
    Conflict,
    Proposal,
    ProposalStatus,
    Review,
    ReviewerProfile,
    ReviewStatus,
)
from ..suggestions import plan

MAX_COMMENT = 10_000
REMIND_AFTER = timedelta(days=3)


def _notify_assignment(reviews) -> None:
    from ..tasks import send_assignment_notice

    ids = [r.pk for r in reviews]
    transaction.on_commit(lambda: [send_assignment_notice.enqueue(pk) for pk in ids])


def _require_rubric(call: Call) -> None:
    """A reviewer assigned before the rubric exists would have nothing to score against."""
    if not (call.rubric or {}).get("criteria"):
        raise ValidationError(
            _("This call has no scoring rubric yet: give it its criteria before assigning reviewers.")
        )


@transaction.atomic
def assign_reviewer(*, actor, proposal: Proposal, reviewer, due_at=None) -> Review:
    proposal = Proposal.objects.select_related("call").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted proposal is reviewed."))
    _require_rubric(proposal.call)
    if proposal.call.status == CallStatus.DECIDED:
        raise ValidationError(_("Decisions are published: no more reviews."))
    if not roles_of(reviewer).is_reviewer:
        raise ValidationError({"reviewer": [_("%(name)s is not a reviewer.") % {"name": reviewer}]})
    if Review.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ValidationError(
            {"reviewer": [_("%(name)s is already assigned to this proposal.") % {"name": reviewer}]}
        )
    reasons = detect(reviewer, proposal)
    if reasons:
        raise ValidationError(
            {
                "reviewer": [
                    _("Conflict of interest: %(reasons)s") % {"reasons": " ".join(r.text for r in reasons)}
                ]
            }
        )
    review = Review.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        assigned_by=actor,
        due_at=due_at or proposal.call.review_due_at,
        conflict_checked_at=timezone.now(),
    )
    audit.record_create(actor=actor, obj=review, action="calls.review.assigned")
    _notify_assignment([review])
    return review


@transaction.atomic
def auto_assign(*, actor, call: Call, per_proposal: int = 3) -> list[Review]:
    """Give every submitted proposal of the call up to `per_proposal` reviewers, from suggestions."""
    if not 1 <= per_proposal <= 10:
        raise ValidationError({"per_proposal": [_("From 1 to 10 reviewers per proposal.")]})
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status == CallStatus.DECIDED:
        raise ValidationError(_("Decisions are published: no more reviews."))
    _require_rubric(call)
    proposals = list(
        call.proposals.filter(status=ProposalStatus.SUBMITTED)
        .select_related("call", "organisation", "applicant")
        .prefetch_related("members__user", "technology_fields")
    )
    users = list(reviewers())
    conflicts = conflicts_between(proposals, users)
    existing: dict[int, set[int]] = {}
    for pid, uid in Review.objects.filter(proposal__in=proposals).values_list("proposal_id", "reviewer_id"):
        existing.setdefault(pid, set()).add(uid)
    pairs = plan(
        {p.pk: tuple(f.path for f in p.technology_fields.all()) for p in proposals},
        candidates_for(users),
        per_proposal=per_proposal,
        excluded={pid: set(found) for pid, found in conflicts.items()},
        existing=existing,
    )
    now = timezone.now()
    created = Review.objects.bulk_create(
        [
            Review(
                proposal_id=pid,
                reviewer_id=uid,
                assigned_by=actor,
                due_at=call.review_due_at,
                conflict_checked_at=now,
            )
            for pid, uid in pairs
        ]
    )
    audit.record_many_created(
        actor=actor, objects=created, action="calls.review.assigned", data={"by": "suggestions"}
    )
    _notify_assignment(created)
    return created


@transaction.atomic
def cancel_review(*, actor, review: Review) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError(_("The review is already cancelled."))
    before = audit.snapshot(review)
    review.status = ReviewStatus.CANCELLED
    review.save(update_fields=["status", "updated_at"])
    audit.record_update(actor=actor, obj=review, action="calls.review.cancelled", before=before)
    return review


def _close_for_conflict(review: Review, reason: str) -> None:
    review.conflict = Conflict.DECLARED
    review.conflict_reason = reason
    review.conflict_declared_at = timezone.now()
    if review.status == ReviewStatus.SUBMITTED:
        review.status = ReviewStatus.CANCELLED  # a conflicted review no longer counts


@transaction.atomic
def declare_conflict(*, actor, review: Review, has_conflict: bool, reason: str = "") -> Review:
    """The reviewer's declaration. Declaring none is checked against the directory again."""
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError(_("This review was cancelled."))
    if review.conflict == Conflict.DECLARED:
        raise ValidationError(
            _("A conflict was declared: it cannot be withdrawn. Ask the staff of the call.")
        )
    reason = (reason or "").strip()
    before = audit.snapshot(review)
    if has_conflict:
        if len(reason) < 3 or len(reason) > 2000:
            raise ValidationError(
                {"reason": [_("Say in a few words what the conflict is (at most 2,000 characters).")]}
            )
        _close_for_conflict(review, reason)
        action = "calls.review.conflict_declared"
    else:
        found = detect(review.reviewer, review.proposal)
        if found:
            _close_for_conflict(
                review,
                _("Found in the directory: %(reasons)s") % {"reasons": " ".join(r.text for r in found)},
            )
            action = "calls.review.conflict_detected"
        else:
            review.conflict = Conflict.NONE
            review.conflict_reason = ""
            review.conflict_declared_at = timezone.now()
            action = "calls.review.no_conflict_declared"
    review.conflict_checked_at = timezone.now()
    review.save()
    audit.record_update(actor=actor, obj=review, action=action, before=before)
    return review


@transaction.atomic
def save_review(
    *,
    actor,
    review: Review,
    scores,
    comment_to_committee: str = "",
    comment_to_applicant: str = "",
    submit: bool = False,
) -> Review:
    review = Review.objects.select_for_update().select_related("proposal__call").get(pk=review.pk)
    call = review.proposal.call
    if review.conflict != Conflict.NONE:
        raise ValidationError(_("Declare first that you have no conflict of interest with this proposal."))
    if review.status == ReviewStatus.CANCELLED or review.proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("This review was cancelled."))
    if call.status == CallStatus.DECIDED:
        raise ValidationError(_("Decisions are published: reviews can no longer change."))
    errors = {}
    for name, text in (
        ("comment_to_committee", comment_to_committee),
        ("comment_to_applicant", comment_to_applicant),
    ):
        if not isinstance(text, str) or len(text) > MAX_COMMENT or "\x00" in text:
            errors[name] = [_("At most %(limit)s characters.") % {"limit": MAX_COMMENT}]
    try:
        cleaned = rubrics.clean_scores(call.rubric, scores, complete=submit)
    except ValueError as error:
        errors.update({f"scores.{key}": [message] for key, message in error.args[0].items()})
        cleaned = {}
    if submit and not errors and not comment_to_applicant.strip():
        errors["comment_to_applicant"] = [_("Write a comment for the applicant.")]
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(review)
    if submit:
        found = detect(review.reviewer, review.proposal)
        if found:
            # The directory changed since the declaration: the review cannot count.
            _close_for_conflict(
                review,
                _("Found in the directory: %(reasons)s") % {"reasons": " ".join(r.text for r in found)},
            )
            review.conflict_checked_at = timezone.now()
            review.save()
            audit.record_update(
                actor=actor, obj=review, action="calls.review.conflict_detected", before=before
            )
            return review
    review.scores = cleaned
    review.comment_to_committee = comment_to_committee.strip()
    review.comment_to_applicant = comment_to_applicant.strip()
    review.weighted_score = rubrics.weighted_score(call.rubric, cleaned)
    if submit:
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = timezone.now()
        review.conflict_checked_at = review.submitted_at
    review.save()
    audit.record_update(
        actor=actor,
        obj=review,
        action="calls.review.submitted" if submit else "calls.review.saved",
        before=before,
    )
    return review


@transaction.atomic
def send_reminders(*, actor, call: Call) -> int:
    """Remind reviewers whose reviews are still open, at most once every few days each."""
    from ..tasks import send_review_reminder

    now = timezone.now()
    due = Review.objects.filter(proposal__call=call, status=ReviewStatus.ASSIGNED).exclude(
        conflict=Conflict.DECLARED
    )
    due = due.exclude(reminded_at__gt=now - REMIND_AFTER)
    ids = list(due.values_list("pk", flat=True))
    Review.objects.filter(pk__in=ids).update(reminded_at=now)
    audit.record_update(
        actor=actor,
        obj=call,
        action="calls.review.reminders_sent",
        before=audit.snapshot(call),
        data={"reviews": len(ids)},
    )
    transaction.on_commit(lambda: [send_review_reminder.enqueue(pk) for pk in ids])
    return len(ids)


@transaction.atomic
def set_reviewer_profile(*, actor, user, expertise=None, max_load: int | None = None) -> ReviewerProfile:
    profile, created = ReviewerProfile.objects.get_or_create(user=user)
    before = audit.snapshot(profile, ("expertise",))
    if max_load is not None:
        profile.max_load = max_load
        profile.full_clean()
        profile.save()
    if expertise is not None:
        profile.expertise.set(expertise)
    if created:
        audit.record_create(
            actor=actor, obj=profile, action="calls.reviewer_profile.created", m2m=("expertise",)
        )
    else:
        audit.record_update(
            actor=actor,
            obj=profile,
            action="calls.reviewer_profile.updated",
            before=before,
            m2m=("expertise",),
        )
    return profile
