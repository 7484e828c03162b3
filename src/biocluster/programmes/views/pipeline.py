"""The staff's pipeline (counts, funnel, median time, funds per cohort, charts) and the alerts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .. import pipeline
from ..models import Programme
from .common import require_programmes_staff

STAGES = {
    "applied": pgettext_lazy("funnel step", "Applied"),
    "accepted": gettext_lazy("Accepted"),
    "graduated": gettext_lazy("Graduated"),
    "accredited": gettext_lazy("Accredited"),
}


def chart(title: str, items: list[tuple[str, float]], unit: str, width: int = 360) -> dict:
    """Bars in SVG units (see platforms' charts): the longest is `width`."""
    top = max((value for _label, value in items), default=0) or 1
    bars = [
        {"label": label, "value": value, "width": round(value / top * width, 1), "y": index * 22}
        for index, (label, value) in enumerate(items)
    ]
    return {"title": title, "bars": bars, "unit": unit, "height": len(bars) * 22 + 8}


def _programme(request):
    pk = request.GET.get("programme", "")
    return Programme.objects.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 10 else None


@login_required
def pipeline_view(request):
    require_programmes_staff(request.user)
    programme = _programme(request)
    rows = pipeline.cohort_rows(programme)
    funnel = pipeline.funnel(programme)
    charts = [
        chart(_("Funnel"), [(str(STAGES[s.stage]), s.count) for s in funnel], ""),
        chart(
            _("Funds raised by cohort"),
            [(r.label, float(r.funds) / 1_000_000) for r in rows if r.funds],
            "M€",
        ),
        chart(
            _("Companies in each cohort"), [(r.label, r.active + r.graduated + r.exited) for r in rows], ""
        ),
    ]
    return render(
        request,
        "programmes/pipeline.html",
        {
            "programmes": Programme.objects.all(),
            "programme": programme,
            "rows": rows,
            "funnel": funnel,
            "stages": STAGES,
            "median": pipeline.median_months(programme),
            "charts": charts,
            "ending": pipeline.ending_soon(),
            "overdue": pipeline.overdue(),
            "reviews_overdue": pipeline.reviews_overdue(),
            "alert_days": pipeline.ALERT_DAYS,
        },
    )


@login_required
def alerts(request):
    require_programmes_staff(request.user)
    return render(
        request,
        "programmes/alerts.html",
        {
            "ending": pipeline.ending_soon(),
            "overdue": pipeline.overdue(),
            "reviews_overdue": pipeline.reviews_overdue(),
            "alert_days": pipeline.ALERT_DAYS,
        },
    )
