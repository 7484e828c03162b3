"""What everyone sees: the events, one event with its programme, registering, one's registrations and badge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import require
from biocluster.directory.models import Organisation
from biocluster.directory.querysets import organisation_ids_of

from .. import display, services
from ..filters import EventFilter
from ..forms import RegisterForm
from ..models import Event as EventModel
from ..models import EventKind, EventStatus, Registration
from .common import add_error, event_or_404, registration_or_404

PAGE_SIZE = 50


def event_list(request):
    """Events to come, then past ones, each list in pages (none is cut short)."""
    filters = EventFilter(request.GET, queryset=EventModel.objects.visible_to(request.user))
    events = filters.qs.select_related("organiser")
    now = timezone.now()
    upcoming = Paginator(events.filter(ends_at__gte=now).order_by("starts_at", "id"), PAGE_SIZE)
    past = Paginator(events.filter(ends_at__lt=now).order_by("-starts_at", "id"), PAGE_SIZE)
    upcoming_page = upcoming.get_page(request.GET.get("upcoming"))
    past_page = past.get_page(request.GET.get("past"))
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": [(e, display.times(e)) for e in upcoming_page],
            "past": [(e, display.times(e)) for e in past_page],
            "upcoming_page": upcoming_page,
            "past_page": past_page,
            "kinds": EventKind.choices,
            "kind": filters.form.cleaned_data.get("kind") or "",
            "can_manage": request.user.has_perm("events.manage_event"),
        },
    )


def _mine(request, event):
    if not request.user.is_authenticated:
        return None
    return event.registrations.active().filter(user=request.user).first()


def event_detail(request, pk: int):
    event = event_or_404(request, pk)
    sessions = event.sessions.select_related("room").order_by("starts_at", "id")
    visits = event.visits.select_related("organisation").order_by("starts_at", "id")
    can_manage = request.user.has_perm("events.manage_event", event)
    problem = services.registration_problem(event, (event.modes() or ["on_site"])[0])
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "times": display.times(event),
            "sessions": [(s, display.times(event, s.starts_at, s.ends_at)) for s in sessions],
            "visits": [
                (v, display.times(event, v.starts_at, v.ends_at) if v.starts_at and v.ends_at else None)
                for v in visits
            ],
            "visiting": event.visiting_organisations.order_by("name"),
            "mine": _mine(request, event),
            "registration_open": problem is None,
            "registration_problem": " ".join(problem.messages) if problem else "",
            "can_manage": can_manage,
            "can_publish": can_manage and event.status == EventStatus.DRAFT,
            "can_cancel": can_manage and event.status != EventStatus.CANCELLED,
        },
    )


def _organisations(user):
    return Organisation.objects.filter(pk__in=organisation_ids_of(user)).order_by("name")


@login_required
def register(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "events.register", event)
    organisations = _organisations(request.user)
    form = RegisterForm(
        request.POST or None,
        event=event,
        organisations=organisations,
        initial={"language": request.user.preferred_language, "organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                event=event,
                user=request.user,
                actor=request.user,
                mode=form.cleaned_data["mode"],
                organisation=form.cleaned_data["organisation"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            if registration.status == "waiting":
                messages.info(request, _("The event is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are registered: a confirmation is on its way by email."))
            return redirect("events:event_detail", pk=event.pk)
    problem = services.registration_problem(event, (event.modes() or ["on_site"])[0])
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "times": display.times(event),
            "problem": problem and " ".join(problem.messages),
        },
    )


@login_required
def my_registrations(request):
    mine = (
        Registration.objects.filter(user=request.user)
        .select_related("event", "organisation")
        .order_by("-event__starts_at", "id")
    )
    return render(
        request,
        "events/my_registrations.html",
        {"registrations": [(r, display.times(r.event)) for r in mine[:200]]},
    )


@login_required
def badge(request, pk: int):
    registration = registration_or_404(request, pk)
    require(request.user, "events.view_registration", registration)
    if registration.status != "confirmed":
        messages.error(request, _("A badge is issued once the registration is confirmed."))
        return redirect("events:my_registrations")
    from ..badge import (
        badge_pdf,
    )  # heavy: imported on first use

    pdf = badge_pdf(registration, base=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{registration.pk}.pdf"'
    return response


@login_required
@require_POST
def cancel_registration(request, pk: int):
    registration = registration_or_404(request, pk)
    require(request.user, "events.cancel_registration", registration)
    try:
        services.cancel_registration(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration is cancelled."))
    if registration.user_id == request.user.pk:
        return redirect("events:my_registrations")
    return redirect("events:registrations", pk=registration.event_id)
