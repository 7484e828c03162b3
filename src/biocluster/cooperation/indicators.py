"""International cooperation's indicators (core/indicators.py).

Delegations received are the events app's (`events.delegations`): not counted again here.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.core.formatting import country

from .models import AgreementStatus, PackSubscription, PartnershipAgreement, SoftLanding, Stage


def agreements_active(period, by=None):
    """Signed agreements in force on the period's last day (its 31 December for a year)."""
    day = period.end
    rows = (
        PartnershipAgreement.objects.exclude(status=AgreementStatus.DRAFT)
        .filter(signed_on__lte=day)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=day))
    )
    source = ind.Source(
        "cooperation.partnershipagreement",
        rows,
        label="title",
        date="signed_on",
        url=("cooperation:agreement_detail", "pk"),
        organisation="partner",
        groups={ind.BY_COUNTRY: ind.Group("partner__country", country)},
    )
    return ind.measure(source, by)


def soft_landings_installed(period, by=None):
    rows = ind.within(SoftLanding.objects.filter(stage=Stage.INSTALLED), "installed_on", period)
    source = ind.Source(
        "cooperation.softlanding",
        rows,
        label="name",
        date="installed_on",
        url=("cooperation:soft_landing_detail", "pk"),
        organisation="organisation",
        groups={ind.BY_COUNTRY: ind.Group("country", country)},
    )
    return ind.measure(source, by)


def companies_abroad(period, by=None):
    """Companies' subscriptions to the packs of missions abroad held in the period."""
    rows = ind.within(PackSubscription.objects.all(), "pack__mission__event__starts_at", period, moment=True)
    source = ind.Source(
        "cooperation.packsubscription",
        rows,
        label="pack__name",
        date="pack__mission__event__starts_at",
        url=("cooperation:mission_detail", "pack__mission_id"),
        organisation="organisation",
        groups={ind.BY_COUNTRY: ind.Group("pack__mission__event__country", country)},
    )
    return ind.measure(source, by)


def meetings_abroad(period, by=None):
    """Partnering meetings held at the events of the cluster's missions abroad."""
    from biocluster.partnering.models import Attendance, Meeting

    rows = Meeting.objects.filter(attendance=Attendance.HELD, event__cooperation_mission__isnull=False)
    source = ind.Source(
        "partnering.meeting",
        ind.within(rows, "event__starts_at", period, moment=True),
        label="event__title_en",
        date="event__starts_at",
        url=("partnering:meeting", "pk"),
        organisation="event__organiser",
        groups={ind.BY_COUNTRY: ind.Group("event__country", country)},
    )
    return ind.measure(source, by)


def register() -> None:
    ind.register(
        ind.Indicator(
            code="cooperation.agreements_active",
            name=_("Partnership agreements in force"),
            definition=_(
                "Agreements with foreign clusters, parks and institutes signed and in force on the date."
            ),
            unit=ind.COUNT,
            period_kind=ind.AT,
            breakdowns=(ind.BY_COUNTRY,),
            compute=agreements_active,
            order=90,
        )
    )
    ind.register(
        ind.Indicator(
            code="cooperation.soft_landings_installed",
            name=_("Companies installed through prospecting and soft landing"),
            definition=_("Companies of the pipeline installed during the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR, ind.BY_COUNTRY),
            compute=soft_landings_installed,
            order=91,
        )
    )
    ind.register(
        ind.Indicator(
            code="cooperation.companies_abroad",
            name=_("Companies taken abroad"),
            definition=_(
                "Companies' subscriptions to the packs of the cluster's missions abroad of the year."
            ),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR, ind.BY_COUNTRY),
            compute=companies_abroad,
            order=92,
        )
    )
    ind.register(
        ind.Indicator(
            code="cooperation.meetings_abroad",
            name=_("Partnering meetings held abroad"),
            definition=_(
                "Partnering meetings recorded as held at the events of the cluster's missions abroad."
            ),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR, ind.BY_COUNTRY),
            compute=meetings_abroad,
            order=93,
        )
    )
