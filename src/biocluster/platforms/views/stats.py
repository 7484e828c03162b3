"""Usage statistics of a platform (managers, cluster staff) and of all platforms (cluster staff)."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from biocluster.core.access import require

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


def chart(title: str, rows, attribute: str, unit: str) -> dict:
    drawn = bars(rows, attribute)
    return {"title": title, "bars": drawn, "unit": unit, "height": len(drawn) * 22 + 8}


def bars(rows, attribute: str, width: int = 400) -> list[dict]:
    """Bar lengths (in SVG units) for a chart of `attribute` over `rows`."""
    values = [float(getattr(row, attribute) or 0) for row in rows]
    top = max(values, default=0) or 1
    return [
        {"label": row.label, "value": value, "width": round(value / top * width, 1), "y": index * 22}
        for index, (row, value) in enumerate(zip(rows, values, strict=True))
    ]


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
                chart(_("Hours used by instrument"), report.by_instrument, "hours_used", "h"),
                chart(_("Revenue by user category"), report.by_category, "revenue", "€"),
                chart(_("Revenue by month"), report.by_month, "revenue", "€"),
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
