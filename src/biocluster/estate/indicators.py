"""The estate's indicators: occupancy rate, let area, companies hosted, rent roll, area planned.

Each at a date, by campus (and but for the organisations, by kind of unit); the figures are
those of `occupancy.py` (the API's and the pages'). The indicators of the leases' terms,
vacancy and expiry are in `lease_indicators.py`.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.core.arithmetic import rate
from biocluster.directory.models import Organisation

from .lease_indicators import LINE_GROUPS, OCCUPANCY_GROUPS, UNIT_GROUPS, yearly_rent
from .models import AgreementUnit, Unit, UnitStatusKind
from .occupancy import occupancy, occupancy_by
from .querysets import status_at

CAMPUS = LINE_GROUPS  # by campus and by kind of unit


def _lines(period):
    """The active lines covering the period's last day: one per let unit (the database sees to it)."""
    return AgreementUnit.objects.filter(active=True, start__lte=period.end, end__gte=period.end)


def _line_source(rows, value: str) -> ind.Source:
    return ind.Source(
        "estate.agreementunit",
        rows,
        label="unit__code",
        date="start",
        url=("estate:agreement_detail", "agreement_id"),
        value=value,
        organisation="agreement__organisation",
        groups=CAMPUS,
    )


def area_let(period, by=None):
    return ind.measure(_line_source(_lines(period).filter(unit__kind__in=_lettable()), "unit__area"), by)


def _lettable():
    from .models import LETTABLE_KINDS

    return LETTABLE_KINDS


def rent_roll(period, by=None):
    """The yearly base rent of the units let on that date (rent per m² times area)."""
    rows = _lines(period).annotate(yearly_rent=yearly_rent())
    return ind.measure(_line_source(rows, "yearly_rent"), by)


def occupancy_rate(period, by=None):
    """The let share of the area in service: a ratio (0..1), as every percent indicator."""
    result = ind.measure(_line_source(_lines(period).filter(unit__kind__in=_lettable()), "unit__area"))
    groups = None
    if by:
        groups = {
            str(LINE_GROUPS[by].label(key)): rate(figures.area_let, figures.area_total)
            for key, figures in occupancy_by(period.end, OCCUPANCY_GROUPS[by]).items()
        }
    figures = occupancy(period.end)
    return ind.Result(rate(figures.area_let, figures.area_total), result.records, groups)


def companies_hosted(period, by=None):
    hosted = _lines(period).filter(agreement__organisation=OuterRef("pk"))
    rows = Organisation.objects.filter(Exists(hosted))
    source = ind.Source(
        "directory.organisation",
        rows,
        label="name",
        date="created_at",
        url=("directory:organisation_detail", "pk"),
        organisation=ind.SELF,
        groups={ind.BY_CAMPUS: ind.Group("campus__name")},
    )
    return ind.measure(source, by)


def area_planned(period, by=None):
    """Units planned or under works on that date: the area to come."""
    rows = Unit.objects.annotate(status_then=status_at(period.end)).filter(
        status_then__in=(UnitStatusKind.PLANNED, UnitStatusKind.UNDER_WORKS)
    )
    source = ind.Source(
        "estate.unit",
        rows,
        label="code",
        date="created_at",
        url=("estate:unit_detail", "pk"),
        value="area",
        organisation=None,
        groups=UNIT_GROUPS,
    )
    return ind.measure(source, by)


def register() -> None:
    common = {"period_kind": ind.AT, "breakdowns": (ind.BY_CAMPUS, ind.BY_UNIT_KIND)}
    ind.register(
        ind.Indicator(
            code="estate.occupancy_rate",
            name=_("Occupancy rate"),
            definition=_(
                "The let share of the lettable area in service (available or let) on that date; "
                "meeting rooms, the auditorium and residence studios are booked, not let."
            ),
            unit=ind.PERCENT,
            additive=False,
            compute=occupancy_rate,
            order=80,
            **common,
        )
    )
    ind.register(
        ind.Indicator(
            code="estate.area_let",
            name=_("Area let"),
            definition=_(
                "The area of the lettable units under a lease, a licence or a free occupation on that date."
            ),
            unit=ind.M2,
            compute=area_let,
            order=81,
            **common,
        )
    )
    ind.register(
        ind.Indicator(
            code="estate.companies_hosted",
            name=_("Organisations hosted"),
            definition=_("Organisations occupying at least one unit of the estate on that date."),
            unit=ind.COUNT,
            compute=companies_hosted,
            order=82,
            **(common | {"breakdowns": (ind.BY_CAMPUS,)}),
        )
    )
    ind.register(
        ind.Indicator(
            code="estate.rent_roll",
            name=_("Rent roll"),
            definition=_(
                "The yearly base rent (before indexation and service charges) of the units let on that date."
            ),
            unit=ind.EUR,
            compute=rent_roll,
            order=83,
            **common,
        )
    )
    ind.register(
        ind.Indicator(
            code="estate.area_planned",
            name=_("Area planned or under works"),
            definition=_("The area of the units planned or under works on that date, not yet in service."),
            unit=ind.M2,
            compute=area_planned,
            order=84,
            **common,
        )
    )
    from . import lease_indicators, vacancy

    lease_indicators.register()
    vacancy.register()
