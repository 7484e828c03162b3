"""The calls' indicators: proposals, success rate, amounts awarded (core/indicators.py)."""

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.core.arithmetic import rate
from biocluster.directory.indicators import ORGANISATION_BREAKDOWNS, organisation_groups

from .models import Award, Outcome, Proposal


def _proposals(rows, value: str | None = None) -> ind.Source:
    return ind.Source(
        "calls.proposal",
        rows,
        label="title",
        date="submitted_at",
        value=value,
        url=("calls:proposal_detail", "pk"),
        groups=organisation_groups(),
    )


def _submitted(period):
    return ind.within(
        Proposal.objects.filter(submitted_at__isnull=False), "submitted_at", period, moment=True
    )


def proposals(period, by=None):
    return ind.measure(_proposals(_submitted(period)), by)


def success_rate(period, by=None):
    """Of the proposals submitted in the period that were decided, the share funded.

    Each record is a decided proposal, valued 1 when funded and 0 otherwise.
    """
    rows = (
        _submitted(period)
        .filter(decision__isnull=False)
        .annotate(
            funded=Case(
                When(decision__outcome=Outcome.FUNDED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )
    source = _proposals(rows, value="funded")
    funded = ind.measure(source, by)
    decided = ind.measure(_proposals(rows), by)
    groups = None
    if by:
        groups = {key: rate(funded.groups.get(key, 0), count) for key, count in decided.groups.items()}
    return ind.Result(rate(funded.value, decided.value), funded.records, groups)


def amounts_awarded(period, by=None):
    source = ind.Source(
        "calls.award",
        ind.within(Award.objects.all(), "start_date", period),
        label="proposal__title",
        date="start_date",
        value="amount",
        url=("calls:award_detail", "pk"),
        organisation="proposal__organisation",
        groups=organisation_groups("proposal__organisation"),
    )
    return ind.measure(source, by)


def register() -> None:
    breakdowns = (ind.BY_YEAR, *ORGANISATION_BREAKDOWNS)
    ind.register(
        ind.Indicator(
            code="calls.proposals",
            name=_("Proposals submitted"),
            definition=_("Proposals submitted to the calls during the year, withdrawn ones included."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=proposals,
            order=50,
        )
    )
    ind.register(
        ind.Indicator(
            code="calls.success_rate",
            name=_("Success rate of the calls"),
            definition=_("Of the proposals submitted during the year and decided, the share funded."),
            unit=ind.PERCENT,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            additive=False,
            compute=success_rate,
            order=51,
        )
    )
    ind.register(
        ind.Indicator(
            code="calls.amounts_awarded",
            name=_("Amounts awarded"),
            definition=_("Amounts of the awards whose funded work starts during the year."),
            unit=ind.EUR,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=amounts_awarded,
            order=52,
        )
    )
