"""The accreditation's indicators: accredited start-ups, new ones, active ones, closures."""

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.directory.indicators import ORGANISATION_BREAKDOWNS, organisation_groups

from .models import CLUSTER_FOUNDED_ON, Accreditation, AccreditationStatus, Decision, Status


def _source(rows, by_date: str = "decided_on") -> ind.Source:
    return ind.Source(
        "accreditation.accreditation",
        rows,
        label="organisation__name",
        date=by_date,
        url=("accreditation:detail", "pk"),
        groups=organisation_groups(),
    )


def accredited(period, by=None):
    rows = ind.within(Accreditation.objects.filter(decision=Decision.ACCEPTED), "decided_on", period)
    return ind.measure(_source(rows), by)


def active(period, by=None):
    """Accredited by that date, and neither gone nor closed on it (no status yet: active)."""
    latest = AccreditationStatus.objects.filter(accreditation=OuterRef("pk"), since__lte=period.end).order_by(
        "-since", "-id"
    )
    rows = (
        Accreditation.objects.filter(decision=Decision.ACCEPTED, decided_on__lte=period.end)
        .annotate(status_then=Subquery(latest.values("status")[:1]))
        .filter(Q(status_then__isnull=True) | Q(status_then=Status.ACTIVE))
    )
    return ind.measure(_source(rows), by)


def closures(period, by=None):
    rows = ind.within(AccreditationStatus.objects.filter(status=Status.CLOSED), "since", period)
    source = ind.Source(
        "accreditation.accreditationstatus",
        rows,
        label="accreditation__organisation__name",
        date="since",
        url=("accreditation:detail", "accreditation_id"),
        organisation="accreditation__organisation",
        groups=organisation_groups("accreditation__organisation"),
    )
    return ind.measure(source, by)


def register() -> None:
    breakdowns = (ind.BY_YEAR, *ORGANISATION_BREAKDOWNS)
    ind.register(
        ind.Indicator(
            code="accreditation.accredited_since_founding",
            name=_("Accredited start-ups since 1998"),
            definition=_(
                "Companies accredited by the committee since the cluster was founded, whatever became of them."
            ),
            unit=ind.COUNT,
            period_kind=ind.CUMULATIVE,
            since=CLUSTER_FOUNDED_ON,
            breakdowns=breakdowns,
            compute=accredited,
            order=20,
        )
    )
    ind.register(
        ind.Indicator(
            code="accreditation.active",
            name=_("Active accredited companies"),
            definition=_(
                "Companies accredited by that date that had not moved away, been acquired or closed."
            ),
            unit=ind.COUNT,
            period_kind=ind.AT,
            breakdowns=breakdowns,
            compute=active,
            order=21,
        )
    )
    ind.register(
        ind.Indicator(
            code="accreditation.new_companies",
            name=_("New accredited companies"),
            definition=_("Companies accredited by the committee during the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=accredited,
            order=22,
        )
    )
    ind.register(
        ind.Indicator(
            code="accreditation.closures",
            name=_("Closures of accredited companies"),
            definition=_("Accredited companies recorded as closed during the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=breakdowns,
            compute=closures,
            order=23,
        )
    )
