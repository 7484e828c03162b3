"""The organisers' pages: settings and tables, running the scheduler, publishing, analytics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_child_or_404, require
from biocluster.core.charts import BarChart
from biocluster.core.forms import add_error

from .. import analytics, services
from ..forms import LocationForm, SettingsForm
from ..models import Location, Meeting, MeetingRequest, ScheduleRun, Slot
from .common import event_or_404, partnering_events


def _organiser_event(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "partnering.manage_partnering", event)
    return event


@login_required
def manage(request, pk: int):
    event = _organiser_event(request, pk)
    config = services.settings_of(event)
    form = SettingsForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        try:
            services.configure(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("partnering:manage", event.pk)
    meetings = Meeting.objects.filter(event=event)
    return render(
        request,
        "partnering/manage.html",
        {
            "event": event,
            "event_is_over": event.is_over,
            "config": config,
            "form": form,
            "location_form": LocationForm(),
            "locations": Location.objects.filter(event=event),
            "slots": Slot.objects.filter(event=event).count(),
            "runs": ScheduleRun.objects.filter(event=event)[:10],
            "counts": {
                "requests": MeetingRequest.objects.filter(event=event).count(),
                "pending": MeetingRequest.objects.filter(event=event, status="pending").count(),
                "confirmed": meetings.filter(status="confirmed").count(),
                "placed": meetings.filter(status="confirmed", slot__isnull=False).count(),
            },
            "meetings": meetings.filter(status="confirmed")
            .select_related("slot__event", "location")
            .prefetch_related("participants__registration")
            .order_by("slot__starts_at", "pk")[:300],
        },
    )


@login_required
@require_POST
def location_add(request, pk: int):
    event = _organiser_event(request, pk)
    form = LocationForm(request.POST)
    if form.is_valid():
        try:
            services.add_location(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Location added."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect("partnering:manage", event.pk)


@login_required
@require_POST
def location_delete(request, pk: int):
    location = get_child_or_404(
        Location.objects, request.user, through="event", parents=partnering_events(request), pk=pk
    )
    event = _organiser_event(request, location.event_id)
    try:
        services.remove_location(location=location, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Location removed."))
    return redirect("partnering:manage", event.pk)


@login_required
@require_POST
def schedule(request, pk: int):
    event = _organiser_event(request, pk)
    try:
        run = services.start_run(event=event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnering:manage", event.pk)
    return redirect("partnering:run", run.pk)


@login_required
def run_detail(request, pk: int):
    run = get_child_or_404(
        ScheduleRun.objects.select_related("requested_by"),
        request.user,
        through="event",
        parents=partnering_events(request),
        pk=pk,
    )
    _organiser_event(request, run.event_id)
    context = {"run": run, "event": run.event}
    if request.headers.get("HX-Request"):
        return render(request, "partnering/run_detail.html#progress", context)
    return render(request, "partnering/run_detail.html", context)


@login_required
@require_POST
def publish(request, pk: int):
    event = _organiser_event(request, pk)
    try:
        count = services.publish(
            event=event, actor=request.user, past_confirmed=request.POST.get("past_confirmed") == "on"
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("partnering:manage", event.pk)
    messages.success(
        request, _("Agendas published (%(count)d meetings); participants are emailed.") % {"count": count}
    )
    return redirect("partnering:manage", event.pk)


@login_required
def analytics_page(request, pk: int):
    event = _organiser_event(request, pk)
    report = analytics.report(event)

    def chart(title, rows, attribute, heading=None, **options):
        values = [(row.label, getattr(row, attribute)) for row in rows]
        return BarChart(title, values, label_heading=heading or _("Participant kind"), **options)

    rates = [row for row in report.by_kind if row.no_show_rate is not None]
    bound_rows = [
        analytics.Row("placed", _("Priority placed"), requested=report.priority_placed),
        analytics.Row("bound", _("Upper bound"), requested=report.priority_bound),
    ]
    charts = [
        chart(_("From request to meeting"), analytics.funnel(report.totals), "requested", heading=_("Step")),
        chart(_("Requests sent, by participant kind"), report.by_kind, "requested"),
        chart(_("Meetings scheduled, by participant kind"), report.by_kind, "scheduled"),
        chart(
            _("Last run: priority placed and upper bound"),
            bound_rows if report.last_run else [],
            "requested",
            heading=_("Figure"),
        ),
    ]
    if rates:
        # A ratio, written as the cards and the table write it (`percent:1`).
        charts.append(chart(_("No-show rate, by participant kind"), rates, "no_show_rate", percent=True))
    return render(request, "partnering/analytics.html", {"event": event, "report": report, "charts": charts})
