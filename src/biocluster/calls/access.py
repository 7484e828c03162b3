"""Fetching a proposal, a review's proposal or an attachment for a user, with the conflict rule.

A reviewer reaches a proposal only through a review on which they declared no
conflict (`querysets`); on top of that the directory is asked again at every opening,
so that a tie recorded after the declaration (a new role, a new investment) closes the
proposal at once. Whoever is refused gets a 404, by page, API or attachment URL alike.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from biocluster.core.access import get_visible_or_404

from .facts import detect
from .models import Attachment, Proposal, Review
from .querysets import _own_proposal_ids
from .rules import managed_call_ids


def _reaches_only_as_reviewer(user, proposal) -> bool:
    if user.is_superuser or proposal.call_id in managed_call_ids(user):
        return False
    return not Proposal.objects.filter(_own_proposal_ids(user), pk=proposal.pk).exists()


def check_reviewer_conflict(user, proposal) -> None:
    if _reaches_only_as_reviewer(user, proposal) and detect(user, proposal):
        raise Http404


def visible_proposal_or_404(user, pk, queryset=None) -> Proposal:
    queryset = (
        queryset
        if queryset is not None
        else Proposal.objects.select_related("call", "applicant", "organisation")
    )
    proposal = get_visible_or_404(queryset, user, pk=pk)
    check_reviewer_conflict(user, proposal)
    return proposal


def visible_attachment_or_404(user, pk) -> Attachment:
    attachment = get_visible_or_404(Attachment.objects.select_related("proposal__call"), user, pk=pk)
    check_reviewer_conflict(user, attachment.proposal)
    return attachment


def review_to_write_or_404(user, pk) -> Review:
    """A reviewer's own review with the proposal behind it: only once they declared no conflict."""
    review = get_visible_or_404(Review.objects.select_related("proposal__call", "reviewer"), user, pk=pk)
    if not rules.has_perm("calls.write_review", user, review):
        raise Http404
    check_reviewer_conflict(user, review.proposal)
    return review


def require_own(user, permission: str, obj) -> None:
    """Like `core.access.require`, for what only the applicant or the reviewer does in person.

    `user.has_perm` grants everything to a superuser; an administrator may read and
    manage, but may not submit someone's proposal or declare someone's interests.
    """
    if not rules.has_perm(permission, user, obj):
        raise PermissionDenied
