"""What the staff's occupancy page shows beyond the figures at a date: the occupancy month by
month over a chosen range, the expiry profile of the 36 months to come, the WALT and the
vacancy, each figure with the indicator page that lists its records (the drill-down)."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core import indicators as ind
from biocluster.core.charts import BarChart

from . import expiry, lease_indicators
from .series import series


def drill_down(code: str, at: datetime.date, by: str | None = None) -> str:
    """The indicator's page on that date: its value, its breakdown and its records."""
    query = {"at": at.isoformat()} | ({"by": by} if by else {})
    return f"{reverse('indicators:detail', args=[code])}?{urlencode(query)}"


def _quarter(day: datetime.date) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}


def monthly_charts(first: datetime.date, last: datetime.date, **units) -> list[BarChart]:
    months = series(first, last, **units)
    rate = [(f"{day:%Y-%m}", (f.area_let / f.area_total) if f.area_total else 0) for day, f in months]
    area = [(f"{day:%Y-%m}", f.area_let) for day, f in months]
    common = {"months": True, "columns": True, "label_heading": _("Month")}
    return [
        BarChart(_("Share of the area let, on the first of each month"), rate, percent=True, **common),
        BarChart(_("Area let, on the first of each month"), area, unit="m²", **common),
    ]


def expiry_charts(at: datetime.date, **units) -> list[BarChart]:
    terms = [term for _key, term in lease_indicators.terms(at, **units)]
    quarters = expiry.profile(terms, at, quarters=True)
    common = {
        "columns": True,
        "label_heading": _("Quarter"),
        "empty": _("No agreement ends in the 36 months."),
    }
    if not any(area for _day, area, _rent in quarters):
        quarters = []
    return [
        BarChart(
            _("Area whose agreement ends, by quarter"),
            [(_quarter(day), area) for day, area, _rent in quarters],
            unit="m²",
            **common,
        ),
        BarChart(
            _("Yearly base rent whose agreement ends, by quarter"),
            [(_quarter(day), rent) for day, _area, rent in quarters],
            unit="€",
            **common,
        ),
    ]


def key_figures(at: datetime.date) -> list[dict]:
    """Each figure of the estate's register on that date, in its unit, with its drill-down."""
    codes = [
        "estate.walt_rent",
        "estate.walt_area",
        "estate.walt_rent_to_break",
        "estate.walt_area_to_break",
        "estate.area_expiring",
        "estate.rent_expiring",
        "estate.vacancy_days",
        "estate.rent_roll",
        "estate.companies_hosted",
        "estate.area_planned",
    ]
    figures = []
    for code in codes:
        indicator = ind.get(code)
        result = indicator.compute(indicator.period(at=at))
        figures.append(
            {
                "name": indicator.name,
                "value": result.value,
                "unit": indicator.unit,
                "url": drill_down(code, at),
            }
        )
    return figures


def range_label(first: datetime.date, last: datetime.date) -> str:
    return _("%(first)s to %(last)s") % {"first": formatting.month(first), "last": formatting.month(last)}
