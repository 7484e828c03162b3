"""What the calls give a person to do, for their home page (`core.registry.add_todo`).

A reviewer: the interests to declare and the proposals to score (one query for both). An
applicant or co-applicant: each draft in a call still open, with its deadline. The staff
running a call that has closed: the decisions still to record. Each provider lists only
what the person may open, and counts rather than loads (drafts and calls: a few lines at most).
"""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core.formatting import number
from biocluster.core.registry import ToDo

from .models import Call, CallStatus, Conflict, Proposal, ProposalStatus, Review, ReviewStatus

MAX_LINES = 5  # drafts, or calls to decide, listed at most


def _area() -> str:
    return _("Calls")


def reviews_to_do(user) -> list[ToDo]:
    """The reviewer's open assignments: first declare their interests, then score."""
    undeclared = Q(conflict=Conflict.UNDECLARED)
    cleared = Q(conflict=Conflict.NONE)
    counts = (
        Review.objects.filter(
            reviewer=user, status=ReviewStatus.ASSIGNED, proposal__status=ProposalStatus.SUBMITTED
        )
        .exclude(proposal__call__status=CallStatus.DECIDED)
        .aggregate(
            declare=Count("pk", filter=undeclared),
            declare_due=Min("due_at", filter=undeclared),
            score=Count("pk", filter=cleared),
            score_due=Min("due_at", filter=cleared),
        )
    )
    now = timezone.now()
    url = reverse("calls:review_list")
    lines = (
        (
            counts["declare"],
            counts["declare_due"],
            ngettext(
                "Declare your interests in %(count)s proposal",
                "Declare your interests in %(count)s proposals",
                counts["declare"],
            ),
        ),
        (
            counts["score"],
            counts["score_due"],
            ngettext("Score %(count)s proposal", "Score %(count)s proposals", counts["score"]),
        ),
    )
    return [
        ToDo(
            _area(),
            title % {"count": number(count)},
            url,
            count=count,
            due=due,
            overdue=due is not None and due < now,
        )
        for count, due, title in lines
        if count
    ]


def drafts_to_submit(user) -> list[ToDo]:
    """The user's drafts (as applicant or co-applicant) in calls open now, soonest deadline first."""
    now = timezone.now()
    drafts = (
        Proposal.objects.owned_by(user)
        .filter(
            status=ProposalStatus.DRAFT,
            call__status=CallStatus.PUBLISHED,
            call__opens_at__lte=now,
            call__closes_at__gte=now,
        )
        .select_related("call")
        .order_by("call__closes_at", "pk")[:MAX_LINES]
    )
    return [
        ToDo(
            _area(),
            _("Submit “%(proposal)s” to %(call)s") % {"proposal": draft.title, "call": draft.call.title},
            reverse("calls:proposal_edit", args=[draft.pk]),
            due=draft.call.closes_at,
        )
        for draft in drafts
    ]


def decisions_to_record(user) -> list[ToDo]:
    """The calls the user runs that have closed, with submitted proposals still undecided."""
    if not user.is_authenticated:
        return []
    undecided = Q(proposals__status=ProposalStatus.SUBMITTED, proposals__decision__isnull=True)
    calls = (
        Call.objects.managed_by(user)
        .filter(status=CallStatus.PUBLISHED, closes_at__lt=timezone.now())
        .annotate(undecided=Count("proposals", filter=undecided))
        .filter(undecided__gt=0)
        .order_by("closes_at", "pk")[:MAX_LINES]
    )
    return [
        ToDo(
            _area(),
            ngettext(
                "Record the decision on %(count)s proposal to %(call)s",
                "Record the decisions on %(count)s proposals to %(call)s",
                call.undecided,
            )
            % {"count": number(call.undecided), "call": call.title},
            reverse("calls:call_ranking", args=[call.pk]),
            count=call.undecided,
        )
        for call in calls
    ]
