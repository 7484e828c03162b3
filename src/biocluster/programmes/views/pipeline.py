"""The staff's pipeline (counts, funnel, median time, funds per cohort, charts) and the alerts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from biocluster.core.access import require
from biocluster.core.charts import BarChart

from .. import pipeline
from ..models import Programme

STAGES = {
    "applied": pgettext_lazy("funnel step", "Applied"),
    "accepted": gettext_lazy("Accepted"),
    "graduated": gettext_lazy("Graduated"),
    "accredited": gettext_lazy("Accredited"),
}


def _programme(request):
    pk = request.GET.get("programme", "")
    return Programme.objects.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 10 else None


@login_required
def pipeline_view(request):
    require(request.user, "programmes.view_pipeline")
    programme = _programme(request)
    rows = pipeline.cohort_rows(programme)
    funnel = pipeline.funnel(programme)
    charts = [
        BarChart(_("Funnel"), [(STAGES[s.stage], s.count) for s in funnel], label_heading=_("Step")),
        BarChart(
            _("Funds raised by cohort"),
            [(r.label, float(r.funds) / 1_000_000) for r in rows if r.funds],
            unit="M€",
            label_heading=_("Cohort"),
        ),
        BarChart(
            _("Companies in each cohort"),
            [(r.label, r.active + r.graduated + r.exited) for r in rows],
            label_heading=_("Cohort"),
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
    require(request.user, "programmes.view_pipeline")
    return render(
        request,
        "programmes/alerts.html",
        {
            "ending": pipeline.ending_soon(),
            "overdue": pipeline.overdue(),
            "reviews_overdue": pipeline.reviews_overdue(),
            "renewals": pipeline.renewals_to_decide(),
            "milestones": pipeline.milestones_to_validate(),
            "alert_days": pipeline.ALERT_DAYS,
        },
    )
