"""What event staff do: create, edit, publish and cancel events; their programme; registrations and export."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_child_or_404, require
from biocluster.core.spreadsheets import csv_writer

from .. import services
from ..forms import CancelEventForm, EventForm, SessionForm, VisitForm
from ..models import DelegationVisit, Session
from ..querysets import manages_events
from .common import add_error, event_or_404


def _require_manager(request):
    if not manages_events(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied


def _posted_zone(request, default: str) -> ZoneInfo:
    try:
        return ZoneInfo(request.POST.get("time_zone") or default)
    except (ValueError, KeyError):
        return ZoneInfo(default)


def _save_event(request, form, event=None):
    data, visiting = form.service_fields()
    if event is None:
        return services.create_event(actor=request.user, visiting_organisations=visiting, **data)
    return services.update_event(event=event, actor=request.user, visiting_organisations=visiting, **data)


def _event_form(request, event=None):
    zone = _posted_zone(request, event.time_zone if event else "Europe/Paris")
    with timezone.override(zone):  # the times are typed in the event's zone
        form = EventForm(request.POST or None, instance=event)
        valid = request.method == "POST" and form.is_valid()
    if valid:
        try:
            saved = _save_event(request, form, event)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:event_detail", pk=saved.pk)
    with timezone.override(zone):
        return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def event_create(request):
    _require_manager(request)
    return _event_form(request)


@login_required
def event_edit(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "events.manage_event", event)
    return _event_form(request, event)


@login_required
@require_POST
def event_publish(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "events.manage_event", event)
    try:
        services.publish_event(event=event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is published."))
    return redirect("events:event_detail", pk=pk)


@login_required
def event_cancel(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "events.manage_event", event)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.cancel_event(event=event, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(
                request, _("The event is cancelled; %(count)s registrants are told.") % {"count": told}
            )
            return redirect("events:event_detail", pk=pk)
    return render(request, "events/event_cancel.html", {"event": event, "form": form})


@login_required
def registrations(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "events.manage_event", event)
    rows = event.registrations.select_related("organisation").order_by("status", "created_at", "id")
    status = request.GET.get("status", "")
    if status in ("confirmed", "waiting", "cancelled"):
        rows = rows.filter(status=status)
    with timezone.override(event.tz):
        return render(
            request,
            "events/registrations.html",
            {"event": event, "registrations": rows[:1000], "count": rows.count(), "status": status},
        )


CSV_COLUMNS = [
    "name",
    "email",
    "organisation",
    "organisation kind",
    "status",
    "attendance",
    "language",
    "registered",
    "checked in",
]


@login_required
def registrations_csv(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "events.manage_event", event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.csv"'
    writer = csv_writer(response)
    writer.writerow(CSV_COLUMNS)
    tz = event.tz
    for r in event.registrations.select_related("organisation").order_by("created_at", "id").iterator():
        writer.writerow(
            [
                r.name,
                r.email,
                str(r.organisation or ""),
                r.organisation.kind if r.organisation else "",
                r.status,
                r.mode,
                r.language,
                r.created_at.astimezone(tz).isoformat(timespec="minutes"),
                r.checked_in_at.astimezone(tz).isoformat(timespec="minutes") if r.checked_in_at else "",
            ]
        )
    return response


# --------------------------------------------------------------------------- programme


def _add_item(request, pk: int, form_class, add, done, title):
    """A programme item (a session, a visit) added to an event by its staff, in the event's zone."""
    event = event_or_404(request, pk)
    require(request.user, "events.manage_event", event)
    with timezone.override(event.tz):
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                add(event=event, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_error(form, error)
            else:
                messages.success(request, done)
                return redirect("events:event_detail", pk=pk)
        return render(request, "events/item_form.html", {"event": event, "form": form, "title": title})


@login_required
def session_add(request, pk: int):
    return _add_item(
        request, pk, SessionForm, services.add_session, _("The session is added."), _("Add a session")
    )


@login_required
def session_edit(request, pk: int):
    """Move or change a session: its room's booking follows, or the form says what is in the way."""
    session = get_child_or_404(Session.objects.select_related("event"), request.user, through="event", pk=pk)
    event = session.event
    require(request.user, "events.manage_event", event)
    with timezone.override(event.tz):
        form = SessionForm(request.POST or None, instance=session)
        if request.method == "POST" and form.is_valid():
            try:
                services.update_session(session=session, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_error(form, error)
            else:
                messages.success(request, _("The session is changed."))
                return redirect("events:event_detail", pk=event.pk)
        title = _("Change a session")
        return render(request, "events/item_form.html", {"event": event, "form": form, "title": title})


@login_required
@require_POST
def session_delete(request, pk: int):
    session = get_child_or_404(Session.objects, request.user, through="event", pk=pk)
    require(request.user, "events.manage_event", session.event)
    services.delete_session(session=session, actor=request.user)
    return redirect("events:event_detail", pk=session.event_id)


@login_required
def visit_add(request, pk: int):
    return _add_item(request, pk, VisitForm, services.add_visit, _("The visit is added."), _("Add a visit"))


@login_required
@require_POST
def visit_delete(request, pk: int):
    visit = get_child_or_404(DelegationVisit.objects, request.user, through="event", pk=pk)
    require(request.user, "events.manage_event", visit.event)
    services.delete_visit(visit=visit, actor=request.user)
    return redirect("events:event_detail", pk=visit.event_id)
