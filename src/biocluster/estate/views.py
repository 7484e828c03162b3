"""The estate's pages: the public offer, the units and buildings (with the staff's stacking
plan), the staff's availability search, occupancy and agreements. Views are thin: the
rules are in the services, who may see what in `rules.py` and `querysets.py`."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error

from . import notices, occupancy_figures, plan, rent, services, views_lineage, views_tenant_requests
from .forms import AgreementForm, OccupancyForm, OfferForm, SearchForm, TerminateForm, UnitStatusForm
from .models import Agreement, AgreementUnit, Building, Unit, UnitKind, UnitStatus
from .occupancy import occupancy, occupancy_by

PER_PAGE = 50


def _filtered(units, data: dict):
    if data.get("kind"):
        units = units.filter(kind=data["kind"])
    if data.get("campus"):
        units = units.filter(building__campus=data["campus"])
    if data.get("min_area") is not None:
        units = units.filter(area__gte=data["min_area"])
    if data.get("max_area") is not None:
        units = units.filter(area__lte=data["max_area"])
    return units


def offer(request):
    """What the cluster offers today: lettable units in service and free today, by kind, size and campus."""
    today = timezone.localdate()
    form = OfferForm(request.GET or None)
    units = Unit.objects.lettable().free_between(today, today).select_related("building__campus", "floor")
    if form.is_valid():
        units = _filtered(units, form.cleaned_data)
    page = Paginator(units.order_by("building__campus__name", "kind", "area", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "estate/offer.html",
        {"form": form, "page": page, "can_search": request.user.has_perm("estate.search_availability")},
    )


@login_required
def search(request):
    """The staff's availability search: units free for the whole period asked."""
    require(request.user, "estate.search_availability")
    form = SearchForm(request.GET or None, initial={"free_from": timezone.localdate(), "months": 12})
    units, first, last = None, None, None
    if request.GET and form.is_valid():
        first = form.cleaned_data["free_from"]
        last = rent.add_months(first, form.cleaned_data["months"]) - datetime.timedelta(days=1)
        units = _filtered(services.units_free(first=first, last=last), form.cleaned_data).order_by(
            "building__campus__name", "area", "pk"
        )[:200]
    buildings = Building.objects.select_related("campus").order_by("campus__name", "name")
    return render(
        request,
        "estate/search.html",
        {"form": form, "units": units, "first": first, "last": last, "buildings": buildings},
    )


def unit_detail(request, pk: int):
    unit = get_visible_or_404(Unit.objects.select_related("building__campus", "floor"), request.user, pk=pk)
    context = {"unit": unit, "can_manage": request.user.has_perm("estate.manage_estate")}
    context |= views_lineage.unit_context(request, unit)
    if request.user.has_perm("estate.view_unit_history"):
        context["statuses"] = UnitStatus.objects.filter(unit=unit).order_by("-since", "-id")
        context["lines"] = (
            AgreementUnit.objects.filter(unit=unit)
            .select_related("agreement__organisation")
            .order_by("-start")
        )
        context["status_form"] = UnitStatusForm()
    return render(request, "estate/unit_detail.html", context)


@login_required
@require_POST
def unit_status(request, pk: int):
    unit = get_visible_or_404(Unit.objects.select_related("building"), request.user, pk=pk)
    require(request.user, "estate.manage_estate", unit)
    form = UnitStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_unit_status(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Status recorded."))
    else:
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect("estate:unit_detail", pk=unit.pk)


def building_detail(request, pk: int):
    building = get_visible_or_404(Building.objects.select_related("campus"), request.user, pk=pk)
    units = Unit.objects.filter(building=building).select_related("floor").order_by("floor__level", "code")
    context = {"building": building, "units": units}
    if request.user.has_perm("estate.view_occupancy"):
        at = _day(request.GET.get("at"))
        colour = "expiry" if request.GET.get("colour") == "expiry" else "status"
        context |= {"plan": plan.stacking_plan(building, at=at, colour=colour), "at": at, "colour": colour}
    if request.user.has_perm("estate.manage_tenant_requests"):
        context["open_requests"] = views_tenant_requests.open_in(building)
    return render(request, "estate/building_detail.html", context)


def _day(value) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@login_required
def occupancy_page(request):
    require(request.user, "estate.view_occupancy")
    form = OccupancyForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    at = data.get("at") or timezone.localdate()
    last = data.get("last") or at
    first = data.get("first") or (last.replace(day=1) - datetime.timedelta(days=35 * 30)).replace(day=1)
    units = {key: data[key] for key in ("campus", "kind") if data.get(key)}
    if "campus" in units:
        units = {"building__campus": units["campus"]} | ({"kind": units["kind"]} if "kind" in units else {})
    kinds = dict(UnitKind.choices)
    return render(
        request,
        "estate/occupancy.html",
        {
            "form": form,
            "at": at,
            "total": occupancy(at),
            "by_campus": occupancy_by(at, "campus").items(),
            "by_kind": [(kinds.get(key, key), figures) for key, figures in occupancy_by(at, "kind").items()],
            "range": occupancy_figures.range_label(first, last),
            "monthly_charts": occupancy_figures.monthly_charts(first, last, **units),
            "expiry_charts": occupancy_figures.expiry_charts(at, **units),
            "figures": occupancy_figures.key_figures(at),
            "links": {
                code.split(".")[1]: occupancy_figures.drill_down(code, at, by)
                for code, by in [
                    ("estate.occupancy_rate", "campus"),
                    ("estate.area_let", "campus"),
                    ("estate.unit_occupancy_rate", "unit_kind"),
                    ("estate.area_in_service", "campus"),
                    ("estate.area_expiring", "year"),
                ]
            },
        },
    )


# -- agreements


def _agreements(request):
    lines = Prefetch(
        "lines", queryset=AgreementUnit.objects.select_related("unit__building").order_by("unit_id")
    )
    return Agreement.objects.visible_to(request.user).select_related("organisation").prefetch_related(lines)


@login_required
def agreement_list(request):
    require(request.user, "estate.add_agreement")
    page = Paginator(_agreements(request).order_by("-start", "-id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "estate/agreement_list.html", {"page": page})


@login_required
def agreement_detail(request, pk: int):
    agreement = get_visible_or_404(_agreements(request), request.user, pk=pk)
    require(request.user, "estate.view_agreement", agreement)
    today = timezone.localdate()
    dues = notices.schedule(agreement)
    current = next((i for i, due in enumerate(dues) if due.last >= today), len(dues))
    dues = dues[max(current - 2, 0) : current + 4]
    issued = {
        notice.first: notice for notice in agreement.notices.filter(first__in=[due.first for due in dues])
    }
    return render(
        request,
        "estate/agreement_detail.html",
        {
            "agreement": agreement,
            "dues": [(due, issued.get(due.first)) for due in dues],
            "events": agreement.events.all(),
            "can_change": request.user.has_perm("estate.change_agreement", agreement),
            "terminate_form": TerminateForm(),
        },
    )


@login_required
def agreement_create(request):
    require(request.user, "estate.add_agreement")
    unit_ids = request.POST.getlist("units") if request.method == "POST" else request.GET.getlist("units")
    initial = {"start": request.GET.get("start"), "end": request.GET.get("end")}
    form = AgreementForm(request.POST or None, unit_ids=unit_ids, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        values["units"] = list(values["units"])
        try:
            agreement = services.create_agreement(actor=request.user, **values)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(
                request, _("Agreement %(reference)s signed.") % {"reference": agreement.reference}
            )
            return redirect("estate:agreement_detail", pk=agreement.pk)
    return render(request, "estate/agreement_form.html", {"form": form})


@login_required
@require_POST
def agreement_terminate(request, pk: int):
    agreement = get_visible_or_404(Agreement.objects, request.user, pk=pk)
    require(request.user, "estate.change_agreement", agreement)
    form = TerminateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(" ".join(str(m) for errors in form.errors.values() for m in errors))
        services.terminate_agreement(actor=request.user, agreement=agreement, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Agreement terminated."))
    return redirect("estate:agreement_detail", pk=agreement.pk)


@login_required
def agreement_notice(request, pk: int):
    """The payment notice of the period containing `on` (today by default), as a PDF in the tenant's
    language: the notice as issued when it was (its own address), else a draft from the schedule."""
    agreement = get_visible_or_404(_agreements(request), request.user, pk=pk)
    require(request.user, "estate.view_agreement", agreement)
    on = _day(request.GET.get("on"))
    due = notices.due_on(agreement, on)
    # Issued: the notice covering that day (an early end may have taken it off the schedule since)
    # or the schedule's period (the first one, asked before the start).
    issued = Q(first__lte=on, last__gte=on)
    if due is not None:
        issued |= Q(first=due.first)
    notice = agreement.notices.filter(issued).order_by("first").first()
    if notice is not None:
        return redirect("estate:notice_pdf", pk=notice.pk)
    if due is None:
        messages.error(request, _("This agreement has no period to pay on that date."))
        return redirect("estate:agreement_detail", pk=agreement.pk)
    response = HttpResponse(
        notices.pdf(agreement, due, issued=timezone.localdate()), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="notice-{agreement.reference}-{due.first:%Y-%m-%d}-draft.pdf"'
    )
    return response
