"""The directory's indicators: companies, labs and platforms on site (see core/indicators.py).

An organisation counts on a date when it had arrived on the cluster's site by that day and had
not left it yet (`Organisation.on_site_since`, `left_site_on`: one range scan of their index).
"""

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.core.formatting import country

from .models import COMPANY_KINDS, Organisation, OrganisationKind

ORGANISATION_BREAKDOWNS = (ind.BY_CAMPUS, ind.BY_ORGANISATION_KIND, ind.BY_COUNTRY)


def organisation_groups(path: str = "organisation") -> dict[str, ind.Group]:
    """The breakdowns any record tied to an organisation (at `path`) offers."""
    prefix = "" if path == ind.SELF else f"{path}__"
    return {
        ind.BY_CAMPUS: ind.Group(f"{prefix}campus__name"),
        ind.BY_ORGANISATION_KIND: ind.Group(f"{prefix}kind", dict(OrganisationKind.choices)),
        ind.BY_COUNTRY: ind.Group(f"{prefix}country", country),
    }


def on_site(day, queryset=None):
    """The organisations on the cluster's site on `day`: arrived by then, not left yet."""
    rows = Organisation.objects.all() if queryset is None else queryset
    return rows.filter(Q(left_site_on__isnull=True) | Q(left_site_on__gt=day), on_site_since__lte=day)


def _on_site(kinds, value: str | None = None):
    def compute(period, by=None):
        rows = Organisation.objects.filter(kind__in=kinds) if kinds else Organisation.objects.all()
        if value:
            rows = rows.filter(**{f"{value}__isnull": False})
        source = ind.Source(
            "directory.organisation",
            on_site(period.end, rows),
            label="name",
            date="on_site_since",
            url=("directory:organisation_detail", "pk"),
            value=value,
            organisation=ind.SELF,
            groups=organisation_groups(ind.SELF),
        )
        result = ind.measure(source, by)
        if value:
            result.provenance = ind.ESTIMATED
        return result

    return compute


ON_SITE = _(
    "On the cluster's site on that date: arrived by then and not gone yet (the dates of arrival "
    "and departure the directory records; an organisation whose arrival is unknown is not counted)."
)


LABS = {OrganisationKind.RESEARCH_LAB, OrganisationKind.RESEARCH_ORGANISATION}
ON_SITE_FIGURES = (  # code, name, what it counts, kinds
    (
        "directory.companies_on_site",
        _("Companies on site"),
        _("Start-ups, SMEs and large companies."),
        COMPANY_KINDS,
    ),
    (
        "directory.labs_on_site",
        _("Research labs on site"),
        _("Research labs and research organisations."),
        LABS,
    ),
    (
        "directory.platforms_on_site",
        _("Technology platforms on site"),
        _("Technology platforms."),
        {OrganisationKind.PLATFORM},
    ),
)


def register() -> None:
    for order, (code, name, counted, kinds) in enumerate(ON_SITE_FIGURES, start=10):
        ind.register(
            ind.Indicator(
                code=code,
                name=name,
                definition=format_lazy("{} {}", counted, ON_SITE),
                compute=_on_site(kinds),
                unit=ind.COUNT,
                period_kind=ind.AT,
                breakdowns=(ind.BY_YEAR, *ORGANISATION_BREAKDOWNS),
                version=2,  # was: on a campus today and in the directory by that date
                order=order,
            )
        )
    ind.register(
        ind.Indicator(
            code="directory.people_on_site",
            name=_("People on site"),
            definition=format_lazy(
                "{} {}",
                _(
                    "Estimated: the sum of the headcounts the directory holds today for the "
                    "organisations on site that day (the directory keeps no headcount history; "
                    "the survey's headcount is the declared one)."
                ),
                ON_SITE,
            ),
            compute=_on_site((), value="headcount"),
            unit=ind.COUNT,
            period_kind=ind.AT,
            breakdowns=(ind.BY_YEAR, *ORGANISATION_BREAKDOWNS),
            order=13,
        )
    )
