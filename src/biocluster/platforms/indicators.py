"""The platforms' indicators: hours used, revenue, use by user category (core/indicators.py).

Both read the usage records, the ledger the statements are made of.
"""

from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.directory.indicators import ORGANISATION_BREAKDOWNS, organisation_groups

from .models import TariffUnit, UsageKind, UsageRecord, UserCategory


def _usage(rows, value: str, by):
    source = ind.Source(
        "platforms.usagerecord",
        rows,
        label="platform__organisation__name",
        date="day",
        value=value,
        url=("platforms:platform_detail", "platform_id"),
        groups={
            ind.BY_USER_CATEGORY: ind.Group("category", dict(UserCategory.choices)),
            **organisation_groups(),
        },
    )
    return ind.measure(source, by)


def hours_used(period, by=None):
    rows = UsageRecord.objects.filter(kind=UsageKind.USE, unit=TariffUnit.HOUR)
    return _usage(ind.within(rows, "day", period), "quantity", by)


def revenue(period, by=None):
    return _usage(ind.within(UsageRecord.objects.all(), "day", period), "amount", by)


def register() -> None:
    breakdowns = (ind.BY_YEAR, ind.BY_USER_CATEGORY, *ORGANISATION_BREAKDOWNS)
    ind.register(
        ind.Indicator(
            code="platforms.hours_used",
            name=_("Platform hours used"),
            definition=_("Hours of instrument use recorded in the platforms' ledger during the year."),
            unit=ind.HOURS,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=hours_used,
            order=40,
        )
    )
    ind.register(
        ind.Indicator(
            code="platforms.revenue",
            name=_("Platform revenue"),
            definition=_(
                "Amounts (EUR, excluding VAT) of the platforms' usage records of the year: use, "
                "services, late cancellations and no-shows."
            ),
            unit=ind.EUR,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=revenue,
            order=41,
        )
    )
