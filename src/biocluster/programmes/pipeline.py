"""The staff's pipeline: counts per stage and cohort, the funnel, time in programme, funds raised,
and the enrolments about to end. Queries here; the arithmetic is in `arithmetic.py`."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from . import arithmetic
from .dates import months_between
from .models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    PlanReview,
    Renewal,
    RenewalStatus,
)

ALERT_DAYS = 60


def accredited_on(organisation_ids) -> dict[int, date]:
    """The accreditation register's dates, read through its service; empty while it does not exist."""
    try:
        from biocluster.accreditation.services import accredited_on as register
    except ImportError:
        return {}
    return register(list(organisation_ids))


@dataclass
class CohortRow:
    cohort: Cohort
    active: int
    graduated: int
    exited: int
    funds: Decimal

    @property
    def label(self) -> str:
        return str(self.cohort)


def cohort_rows(programme=None) -> list[CohortRow]:
    cohorts = Cohort.objects.select_related("programme").annotate(
        active=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACTIVE)),
        graduated=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.GRADUATED)),
        exited=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.EXITED)),
    )
    if programme is not None:
        cohorts = cohorts.filter(programme=programme)
    funds = dict(
        Milestone.objects.filter(kind=MilestoneKind.FUND_RAISE, status=MilestoneStatus.VALIDATED)
        .values_list("enrolment__cohort_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return [
        CohortRow(c, c.active, c.graduated, c.exited, Decimal(funds.get(c.pk) or 0))
        for c in cohorts.order_by("start_date", "programme__position", "name")
    ]


def funnel(programme=None) -> list[arithmetic.FunnelStep]:
    enrolments = Enrolment.objects.all()
    if programme is not None:
        enrolments = enrolments.filter(cohort__programme=programme)
    from biocluster.calls.models import Proposal

    proposals = Proposal.objects.filter(status="submitted", call__cohorts__isnull=False)
    if programme is not None:
        proposals = proposals.filter(call__cohorts__programme=programme)
    historical = enrolments.filter(proposal__isnull=True).count()  # accepted before the calls engine
    organisation_ids = set(enrolments.values_list("organisation_id", flat=True))
    return arithmetic.funnel(
        {
            "applied": proposals.distinct().count() + historical,
            "accepted": enrolments.count(),
            "graduated": enrolments.filter(status=EnrolmentStatus.GRADUATED).count(),
            "accredited": len(accredited_on(organisation_ids)),
        }
    )


def median_months(programme=None) -> float | None:
    ended = Enrolment.objects.exclude(status=EnrolmentStatus.ACTIVE).filter(ended_on__isnull=False)
    if programme is not None:
        ended = ended.filter(cohort__programme=programme)
    return arithmetic.median(months_between(s, e) for s, e in ended.values_list("start_date", "ended_on"))


def ending_soon(days: int = ALERT_DAYS):
    today = timezone.localdate()
    return (
        Enrolment.objects.filter(
            status=EnrolmentStatus.ACTIVE, end_date__gte=today, end_date__lte=today + timedelta(days=days)
        )
        .select_related("organisation", "cohort__programme")
        .order_by("end_date")
    )


def overdue():
    """Active enrolments past their planned end: staff owe them a graduation, an exit or a renewal."""
    return (
        Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE, end_date__lt=timezone.localdate())
        .select_related("organisation", "cohort__programme")
        .order_by("end_date")
    )


def reviews_overdue():
    """Plan reviews whose date has passed with no review recorded, in enrolments still running."""
    return (
        PlanReview.objects.filter(
            held_on__isnull=True,
            due_date__lt=timezone.localdate(),
            enrolment__status=EnrolmentStatus.ACTIVE,
        )
        .select_related("enrolment__organisation", "enrolment__cohort__programme")
        .order_by("due_date")
    )


def renewals_to_decide():
    """Renewals asked for by enrolments still running, waiting for the staff's decision."""
    return (
        Renewal.objects.filter(status=RenewalStatus.REQUESTED, enrolment__status=EnrolmentStatus.ACTIVE)
        .select_related("enrolment__organisation", "enrolment__cohort__programme")
        .order_by("enrolment__end_date", "pk")
    )


def milestones_to_validate():
    """Milestones declared by the companies, for the staff to check against their evidence."""
    return (
        Milestone.objects.filter(status=MilestoneStatus.DECLARED)
        .select_related("enrolment__organisation", "enrolment__cohort__programme")
        .order_by("date", "pk")
    )
