"""Staff pages: the dashboard of every indicator for a year, and one indicator's drill-down."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core import indicators as ind
from biocluster.core.access import require
from biocluster.core.arithmetic import last_years
from biocluster.core.charts import BarChart
from biocluster.core.forms import add_error
from biocluster.core.spreadsheets import csv_writer, xlsx_row

from . import computed, services
from .forms import HistoricalValueForm, PeriodForm
from .templatetags.indicators import in_unit

TREND_YEARS = 5
RECORDS_PER_PAGE = 50


def _indicator(request, code: str) -> ind.Indicator:
    require(request.user, "indicators.view_indicators")
    try:
        return ind.get(code)
    except LookupError:
        raise Http404 from None


def _trend_chart(indicator, rows: list, *, later: bool = False) -> BarChart:
    """The computed values of the last years; a percentage drawn out of 100; nothing when unknown.
    `later`: drawn by the background worker when no process has drawn it (core.charts.drawn_later)."""
    scale = 100 if indicator.unit == ind.PERCENT else 1
    known = any(value is not None for _, value in rows)  # a figure not collected yet: no chart
    bars = [(str(y), 0 if value is None else value * scale) for y, value in rows] if known else []
    return BarChart(
        str(indicator.name),
        bars,
        unit="%" if indicator.unit == ind.PERCENT else "",
        columns=True,
        label_heading=_("Year"),
        later=later,
    )


@login_required
def dashboard(request):
    """The list of indicators; each row's figures arrive in their own request (`figure_row`),
    so that the page answers at once and a slow indicator holds up only its own row."""
    require(request.user, "indicators.view_indicators")
    form = PeriodForm(request.GET or None, default_year=services.last_full_year())
    arguments = form.period_arguments()
    year = arguments["year"] if "year" in arguments else arguments["at"].year
    context = {
        "form": form,
        "indicators": ind.all_indicators(),
        "year": year,
        "querystring": _without_page(request) or f"year={year}",
        "kept_minutes": computed.KEPT // 60,
    }
    return render(request, "indicators/dashboard.html", context)


@login_required
def figure_row(request, code: str):
    """One row of the dashboard: the value, its provenance and its trend over the last years."""
    indicator = _indicator(request, code)
    form = PeriodForm(request.GET or None, default_year=services.last_full_year())
    arguments = form.period_arguments()
    year = arguments["year"] if "year" in arguments else arguments["at"].year
    figure, trend = services.kept_figure(indicator, trend_years=last_years(year, TREND_YEARS), **arguments)
    chart = _trend_chart(indicator, trend, later=True)
    # The renderer's start costs seconds in a fresh process: the worker draws the trend, the row
    # shows its value and figures meanwhile, says the chart is coming and asks again (`again`).
    drawing = bool(chart.bars) and not chart.svg()
    context = {
        "figure": figure,
        "chart": chart,
        "indicator": indicator,
        "again": request.get_full_path() if drawing else "",
    }
    # A fragment: rendered without the request's context processors (the menus' queries were
    # half of a kept row's time), nothing in it reads them.
    return HttpResponse(render_to_string("indicators/_figure_row.html", context))


@login_required
@require_POST
def recompute(request):
    """Staff who have just changed records drop the kept values: the rows are computed afresh."""
    require(request.user, "indicators.view_indicators")
    computed.recompute()
    messages.success(request, _("Every figure is computed afresh."))
    return redirect(f"{reverse('indicators:dashboard')}?{request.POST.get('querystring', '')}")


@login_required
def detail(request, code: str):
    indicator = _indicator(request, code)
    form = PeriodForm(
        request.GET or None, breakdowns=indicator.breakdowns, default_year=services.last_full_year()
    )
    arguments = form.period_arguments()
    figure = services.figure(indicator, by=form.breakdown(), **arguments)
    page = Paginator(figure.result.records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    sources = getattr(figure.result.records, "sources", ())
    openable = ind.openable(page.object_list, sources, request.user)
    context = {
        # Records kept without their sources (none today) link as they always did.
        "rows": [(record, not sources or (record.type, record.target) in openable) for record in page],
        "indicator": indicator,
        "form": form,
        "figure": figure,
        "page": page,
        **_trend_context(indicator, figure.period.year),
        "querystring": _without_page(request),
        "versions": services.definition_versions(indicator.code),
    }
    return render(request, "indicators/detail.html", context)


def _trend_context(indicator, year: int) -> dict:
    """The trend beside a drill-down, drawn by the worker when no process has drawn it (as the
    dashboard's rows): the page answers with the figures and fetches the drawing when it is there."""
    chart = _trend_chart(indicator, services.trend(indicator, last_years(year, TREND_YEARS)), later=True)
    drawing = bool(chart.bars) and not chart.svg()
    again = f"{reverse('indicators:trend', args=[indicator.code])}?year={year}" if drawing else ""
    return {"chart": chart, "again": again}


@login_required
def trend(request, code: str):
    """The drill-down's trend alone, asked again by the page until its drawing is there."""
    indicator = _indicator(request, code)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = services.last_full_year()
    if not 1900 <= year <= 2200:
        year = services.last_full_year()
    context = _trend_context(indicator, year)
    return HttpResponse(render_to_string("indicators/_trend.html", context))


@login_required
def historical_value(request, code: str):
    """Staff enter (or correct) a figure published for a year, with its source."""
    indicator = _indicator(request, code)
    require(request.user, "indicators.enter_historical_value")
    form = HistoricalValueForm(request.POST or None, initial={"year": services.last_full_year()})
    if request.method == "POST" and form.is_valid():
        try:
            row = services.enter_historical_value(
                actor=request.user, code=indicator.code, **form.cleaned_data
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The published figure is recorded."))
            return redirect(f"{reverse('indicators:detail', args=[indicator.code])}?year={row.year}")
    return render(request, "indicators/historical_form.html", {"form": form, "indicator": indicator})


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _records(request, code: str):
    indicator = _indicator(request, code)
    form = PeriodForm(request.GET or None, default_year=services.last_full_year())
    figure = services.figure(indicator, **form.period_arguments())
    header = [_("Type"), _("Id"), _("Record"), _("Organisation"), _("Date"), _("Value"), _("Address")]
    rows = (
        [r.type, r.id, r.label, r.organisation, r.date, r.value, request.build_absolute_uri(r.url)]
        for r in figure.result.records
    )
    name = f"{indicator.code}-{figure.period.key.replace(':', '-')}"
    return figure, header, rows, name


@login_required
def export_csv(request, code: str):
    figure, header, rows, name = _records(request, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv_writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([value.isoformat() if hasattr(value, "isoformat") else value for value in row])
    writer.writerow([_("Total"), "", "", "", "", figure.value, in_unit(figure.value, figure.indicator.unit)])
    return response


@login_required
def export_xlsx(request, code: str):
    from openpyxl import Workbook  # imported on first use: heavy

    figure, header, rows, name = _records(request, code)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Records")[:31])
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        sheet.append(
            xlsx_row(sheet, [value.isoformat() if hasattr(value, "isoformat") else value for value in row])
        )
    sheet.append(xlsx_row(sheet, [_("Total"), None, None, None, None, figure.value, None]))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
