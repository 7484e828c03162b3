"""The EU projects' indicators (core/indicators.py): projects running, and the EU contribution
to the cluster and to its member companies.

A project runs in a year when it starts by its end and ends after its start; its record is
dated the day it counts from in that period (its start, or the period's first day), so that
every record falls in the period asked. The EU contribution counts in the year the project
starts: the cluster's own share (its participant) and that of the companies on a campus of
the cluster (start-ups, SMEs, large companies).
"""

from django.db.models import DateField, F, Q, Value
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.directory.indicators import ORGANISATION_BREAKDOWNS, organisation_groups
from biocluster.directory.models import COMPANY_KINDS

from .models import Participant, Project


def running(period, by=None):
    rows = Project.objects.filter(starts_on__lte=period.end)
    if period.start is not None:
        rows = rows.filter(ends_on__gte=period.start)
        counted_from = Greatest(F("starts_on"), Value(period.start, output_field=DateField()))
    else:
        counted_from = F("starts_on")
    source = ind.Source(
        "euprojects.project",
        rows.annotate(counted_from=counted_from),
        label="acronym",
        date="counted_from",
        url=("euprojects:project_detail", "pk"),
        organisation=None,
    )
    return ind.measure(source, by)


def the_cluster_and_member_companies():
    return Q(is_cluster=True) | Q(organisation__kind__in=COMPANY_KINDS, organisation__campus__isnull=False)


def eu_contribution(period, by=None):
    rows = Participant.objects.filter(the_cluster_and_member_companies())
    source = ind.Source(
        "euprojects.participant",
        ind.within(rows, "project__starts_on", period),
        label="project__acronym",
        date="project__starts_on",
        url=("euprojects:project_detail", "project_id"),
        value="eu_contribution",
        groups=organisation_groups(),
    )
    return ind.measure(source, by)


def register() -> None:
    ind.register(
        ind.Indicator(
            code="euprojects.running",
            name=_("EU projects running"),
            definition=_(
                "EU and international projects running during the year: started by its end, not ended before its start."
            ),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR,),
            compute=running,
            order=80,
        )
    )
    ind.register(
        ind.Indicator(
            code="euprojects.eu_contribution",
            name=_("EU contribution obtained"),
            definition=_(
                "EU contribution to the cluster and to the companies on its campuses in the projects "
                "starting during the year."
            ),
            unit=ind.EUR,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR, *ORGANISATION_BREAKDOWNS),
            compute=eu_contribution,
            order=81,
        )
    )
