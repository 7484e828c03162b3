"""Who may do what with calls, proposals, reviews and awards. Pages, API and templates ask these.

Roles here are per object: the staff running a call (`Call.managers`, and
administrators), the applicant and co-applicants of a proposal, the reviewer of a
review. Any cluster staff member may create a call and read the calls.
"""

import contextlib

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff


def managed_call_ids(user) -> frozenset[int]:
    """The calls `user` runs; cached on the user object for the request."""
    cached = getattr(user, "_biocluster_managed_calls", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if user.is_authenticated:
        from .models import Call

        ids = frozenset(Call.managers.through.objects.filter(user=user).values_list("call_id", flat=True))
    with contextlib.suppress(AttributeError):
        user._biocluster_managed_calls = ids
    return ids


def _call_of(obj):
    from .models import Award, Call, Proposal, Review

    if isinstance(obj, Call):
        return obj
    if isinstance(obj, Proposal):
        return obj.call
    if isinstance(obj, (Review, Award)):
        return obj.proposal.call
    return None


@rules.predicate
def runs_the_call(user, obj) -> bool:
    call = _call_of(obj)
    return call is not None and user.is_authenticated and call.pk in managed_call_ids(user)


@rules.predicate
def is_published(user, call) -> bool:
    return call is not None and call.status != "draft"


@rules.predicate
def is_open(user, call) -> bool:
    return call is not None and call.phase() == "open"


@rules.predicate
def is_authenticated(user) -> bool:
    return user.is_authenticated


def _proposal_of(obj):
    from .models import Award, Proposal

    if isinstance(obj, Proposal):
        return obj
    if isinstance(obj, Award):
        return obj.proposal
    return None


@rules.predicate
def is_applicant(user, obj) -> bool:
    proposal = _proposal_of(obj)
    return proposal is not None and user.is_authenticated and proposal.applicant_id == user.pk


@rules.predicate
def is_co_applicant(user, obj) -> bool:
    proposal = _proposal_of(obj)
    if proposal is None or not user.is_authenticated:
        return False
    return proposal.members.filter(user=user).exists()


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == "draft"


@rules.predicate
def is_not_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status != "draft"


@rules.predicate
def decisions_published(user, obj) -> bool:
    call = _call_of(obj)
    return call is not None and call.decisions_published_at is not None


@rules.predicate
def is_the_reviewer(user, review) -> bool:
    return review is not None and user.is_authenticated and review.reviewer_id == user.pk


@rules.predicate
def declared_no_conflict(user, review) -> bool:
    return review is not None and review.conflict == "none" and review.status != "cancelled"


is_staff = is_cluster_staff | is_administrator
runs = is_administrator | runs_the_call
applies = is_applicant | is_co_applicant

rules.add_perm("calls.add_call", is_staff)
rules.add_perm("calls.manage_call", runs)
rules.add_perm("calls.apply_to_call", is_authenticated & is_open)

rules.add_perm("calls.change_proposal", applies & is_draft)
rules.add_perm("calls.submit_proposal", is_applicant & is_draft)
rules.add_perm("calls.share_proposal", is_applicant & is_draft)
rules.add_perm("calls.withdraw_proposal", is_applicant)
rules.add_perm("calls.read_decision", (applies & decisions_published) | (runs & is_not_draft))
rules.add_perm("calls.manage_proposal", runs & is_not_draft)
rules.add_perm("calls.view_proposal_reviews", runs & is_not_draft)

rules.add_perm("calls.declare_conflict", is_the_reviewer)
rules.add_perm("calls.write_review", is_the_reviewer & declared_no_conflict)
rules.add_perm("calls.manage_review", runs)

rules.add_perm("calls.view_award", runs | applies)
rules.add_perm("calls.change_award", runs)
