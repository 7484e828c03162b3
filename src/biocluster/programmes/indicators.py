"""The programmes' indicators: funds raised, enrolments, graduations, coaching (core/indicators.py)."""

from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from biocluster.accreditation.models import CLUSTER_FOUNDED_ON
from biocluster.core import indicators as ind
from biocluster.core.arithmetic import rate
from biocluster.core.models import bilingual
from biocluster.directory.indicators import ORGANISATION_BREAKDOWNS, organisation_groups

from .models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Programme,
    Round,
    Session,
)
from .quota import HOURS_PER_DAY


def _groups(enrolment: str) -> dict[str, ind.Group]:
    """Breakdowns of rows reached through an enrolment (`enrolment` is the path to it, or "")."""
    prefix = f"{enrolment}__" if enrolment else ""
    programmes = {pk: bilingual(programme, "name") for pk, programme in Programme.objects.in_bulk().items()}
    cohorts = {row["pk"]: row["name"] for row in Cohort.objects.values("pk", "name")}
    return {
        ind.BY_PROGRAMME: ind.Group(f"{prefix}cohort__programme_id", programmes),
        ind.BY_COHORT: ind.Group(f"{prefix}cohort_id", cohorts),
        **organisation_groups(f"{prefix}organisation"),
    }


def _raises(period, by, *, value: str | None = "amount", **only):
    rows = Milestone.objects.filter(kind=MilestoneKind.FUND_RAISE, status=MilestoneStatus.VALIDATED, **only)
    source = ind.Source(
        "programmes.milestone",
        ind.within(rows, "date", period),
        label="title",
        date="date",
        value=value,
        url=("programmes:enrolment_detail", "enrolment_id"),
        organisation="enrolment__organisation",
        groups=_groups("enrolment") if by else {},
    )
    return ind.measure(source, by)


def funds_raised(period, by=None):
    return _raises(period, by)


def listed_companies(period, by=None):
    """Initial public offerings recorded as validated milestones: one per company listed."""
    return _raises(period, by, value=None, round=Round.IPO)


def _enrolments(rows, date: str, by):
    source = ind.Source(
        "programmes.enrolment",
        rows,
        label="organisation__name",
        date=date,
        url=("programmes:enrolment_detail", "pk"),
        groups=_groups("") if by else {},
    )
    return ind.measure(source, by)


def enrolments(period, by=None):
    return _enrolments(ind.within(Enrolment.objects.all(), "start_date", period), "start_date", by)


def graduations(period, by=None):
    rows = ind.within(Enrolment.objects.filter(status=EnrolmentStatus.GRADUATED), "ended_on", period)
    return _enrolments(rows, "ended_on", by)


def coaching_hours(period, by=None):
    source = ind.Source(
        "programmes.session",
        ind.within(Session.objects.all(), "date", period),
        label="topic",
        date="date",
        value="hours",
        url=("programmes:enrolment_detail", "enrolment_id"),
        organisation="enrolment__organisation",
        groups=_groups("enrolment") if by else {},
    )
    return ind.measure(source, by)


HOURS = DecimalField(max_digits=12, decimal_places=2)


def coaching_against_quota(period, by=None):
    """Hours logged against the quota of the enrolments in the programme during the period.

    Each record is an enrolment with a quota, valued at the hours logged from its start to the
    period's end; the value is their sum over the sum of their quotas (days, 7 hours each).
    """
    logged = (
        Session.objects.filter(enrolment=OuterRef("pk"), date__lte=period.end)
        .values("enrolment")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    rows = (
        Enrolment.objects.filter(cohort__programme__days_quota__isnull=False, start_date__lte=period.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start or period.end))
        .annotate(
            used_hours=Coalesce(Subquery(logged, output_field=HOURS), Value(Decimal(0)), output_field=HOURS),
            quota_hours=ExpressionWrapper(
                F("cohort__programme__days_quota") * HOURS_PER_DAY, output_field=HOURS
            ),
        )
    )

    def source(value: str) -> ind.Source:
        return ind.Source(
            "programmes.enrolment",
            rows,
            label="organisation__name",
            date="start_date",
            value=value,
            url=("programmes:enrolment_detail", "pk"),
            groups=_groups("") if by else {},
        )

    used, quota = ind.measure(source("used_hours"), by), ind.measure(source("quota_hours"), by)
    groups = None
    if by:
        groups = {key: rate(used.groups.get(key, 0), hours) for key, hours in quota.groups.items()}
    return ind.Result(rate(used.value, quota.value), used.records, groups)


def register() -> None:
    breakdowns = (ind.BY_YEAR, ind.BY_PROGRAMME, ind.BY_COHORT, *ORGANISATION_BREAKDOWNS)
    funds = _(
        "Amounts of the fund-raising milestones of the companies in the programmes, as validated by staff."
    )
    ind.register(
        ind.Indicator(
            code="programmes.funds_raised",
            name=_("Funds raised"),
            definition=funds,
            unit=ind.EUR,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=funds_raised,
            order=30,
        )
    )
    ind.register(
        ind.Indicator(
            code="programmes.funds_raised_since_founding",
            name=_("Funds raised since 1998"),
            definition=funds,
            unit=ind.EUR,
            period_kind=ind.CUMULATIVE,
            since=CLUSTER_FOUNDED_ON,
            breakdowns=breakdowns,
            compute=funds_raised,
            order=31,
        )
    )
    ind.register(
        ind.Indicator(
            code="programmes.listed_companies",
            name=_("Listed companies"),
            definition=_(
                "Companies of the programmes listed on a stock market since 1998: their initial public "
                "offerings, recorded as milestones and validated by staff."
            ),
            unit=ind.COUNT,
            period_kind=ind.CUMULATIVE,
            since=CLUSTER_FOUNDED_ON,
            breakdowns=breakdowns,
            compute=listed_companies,
            order=35,
        )
    )
    ind.register(
        ind.Indicator(
            code="programmes.enrolments",
            name=_("Enrolments in the programmes"),
            definition=_("Companies and projects that started a programme during the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=enrolments,
            order=32,
        )
    )
    ind.register(
        ind.Indicator(
            code="programmes.graduations",
            name=_("Graduations from the programmes"),
            definition=_("Enrolments that ended with a graduation during the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=graduations,
            order=33,
        )
    )
    ind.register(
        ind.Indicator(
            code="programmes.coaching_hours",
            name=_("Coaching delivered"),
            definition=_("Hours of training, coaching and mentoring sessions logged during the year."),
            unit=ind.HOURS,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=coaching_hours,
            order=34,
        )
    )
    ind.register(
        ind.Indicator(
            code="programmes.coaching_against_quota",
            name=_("Coaching quota used"),
            definition=_(
                "For the enrolments in a programme with a quota during the year, the hours of support "
                "logged since their start against the hours of their quotas (7 hours a day)."
            ),
            unit=ind.PERCENT,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            additive=False,
            compute=coaching_against_quota,
            order=36,
        )
    )
