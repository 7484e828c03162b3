"""Usage statistics of a platform (managers, cluster staff) and of all platforms (cluster staff)."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from biocluster.core.access import require
from biocluster.core.charts import BarChart

from .. import stats, timeutils
from .common import platform_or_404


def _dates(request) -> tuple[date, date]:
    def parse(name):
        try:
            day = date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            return None
        return day if timeutils.plausible(day) else None

    return stats.period(parse("start"), parse("end"))


def chart(title: str, rows, attribute: str, unit: str, heading: str, *, months: bool = False) -> BarChart:
    values = [(row.label, getattr(row, attribute)) for row in rows]
    return BarChart(
        title, values, unit=unit, months=months, label_heading=heading, empty=_("No data for this period.")
    )


@login_required
def platform_stats(request, pk: int):
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.view_platform_stats", platform)
    start, end = _dates(request)
    report = stats.platform_report(platform, start, end)
    return render(
        request,
        "platforms/stats.html",
        {
            "platform": platform,
            "report": report,
            "charts": [
                chart(
                    _("Hours used by instrument"), report.by_instrument, "hours_used", "h", _("Instrument")
                ),
                chart(_("Revenue by user category"), report.by_category, "revenue", "€", _("User category")),
                chart(_("Revenue by month"), report.by_month, "revenue", "€", _("Month"), months=True),
            ],
        },
    )


@login_required
def all_stats(request):
    require(request.user, "platforms.view_all_stats")
    start, end = _dates(request)
    rows = stats.overview(start, end)
    return render(
        request,
        "platforms/all_stats.html",
        {"rows": rows, "start": start, "end": end, "figures": stats.key_figures(end.year)},
    )
