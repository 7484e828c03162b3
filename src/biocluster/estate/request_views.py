"""Space requests' pages: asking for space (a member for its organisation or its programme
enrolment, staff for anyone or a prospect), the staff's list, and a request's page where
staff see the candidate units, record visits, offer units, and sign or lose it. The
requester's members see their own requests and their state; anyone else finds nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.accounts.roles import roles_of
from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error
from biocluster.directory.models import Organisation
from biocluster.directory.querysets import organisation_ids_of
from biocluster.programmes.models import Enrolment

from . import services, space_requests
from .forms_flow import LoseForm, OfferUnitsForm, SignForm, SpaceRequestFilter, SpaceRequestForm, VisitForm
from .models import SpaceRequest, Unit, Visit

PER_PAGE = 50
CANDIDATES = 50


def _enrolments():
    return Enrolment.objects.select_related("organisation", "cohort")


def _requests(user):
    visits = Prefetch(
        "visits", queryset=Visit.objects.prefetch_related("units__building").order_by("on", "id")
    )
    return (
        SpaceRequest.objects.visible_to(user)
        .select_related("organisation", "enrolment__cohort", "agreement")
        .prefetch_related("offered_units__building", visits)
    )


@login_required
def request_list(request):
    """Staff: every request, filtered by state, kind, area and date. A member: its organisations'."""
    require(request.user, "estate.request_space")
    rows = _requests(request.user).order_by("-created_at", "-id")
    form = SpaceRequestFilter(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["min_area"] is not None:
            rows = rows.filter(area__gte=data["min_area"])
        if data["max_area"] is not None:
            rows = rows.filter(area__lte=data["max_area"])
        if data["wanted_after"]:
            rows = rows.filter(wanted_from__gte=data["wanted_after"])
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "estate/request_list.html",
        {"form": form, "page": page, "staff": request.user.has_perm("estate.manage_space_requests")},
    )


@login_required
def request_create(request):
    require(request.user, "estate.request_space")
    staff = roles_of(request.user).is_cluster_staff
    if staff:
        organisations = Organisation.objects.all()
        enrolments = _enrolments().filter(status="active")
    else:
        mine = organisation_ids_of(request.user)
        organisations = Organisation.objects.filter(pk__in=mine)
        enrolments = _enrolments().filter(organisation_id__in=mine)
    initial = {"wanted_from": timezone.localdate(), "months": 12}
    enrolment = enrolments.filter(pk=request.GET.get("enrolment") or 0).first()
    if enrolment is not None:
        initial |= {"enrolment": enrolment.pk, "organisation": enrolment.organisation_id}
    elif staff and request.GET.get("soft_landing", "").isdigit():
        initial["soft_landing"] = int(request.GET["soft_landing"])
    elif organisations.count() == 1 and not staff:
        initial["organisation"] = organisations.get().pk
    form = SpaceRequestForm(
        request.POST or None, organisations=organisations, enrolments=enrolments, staff=staff, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if not staff:
                space_requests.check_not_in_the_past(data["wanted_from"], today=timezone.localdate())
            row = services.request_space(
                actor=request.user,
                organisation=data["organisation"],
                prospect=data.get("prospect", ""),
                soft_landing=data.get("soft_landing"),
                enrolment=data["enrolment"],
                kind=data["kind"],
                area=data["area"],
                wanted_from=data["wanted_from"],
                months=data["months"],
                needs=data["needs"],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Space request recorded."))
            return redirect("estate:request_detail", pk=row.pk)
    return render(request, "estate/request_form.html", {"form": form})


def _units_at_hand(space_request: SpaceRequest, candidates) -> object:
    """The units staff may visit or offer: the candidates, and those offered or visited already."""
    ids = {unit.pk for unit in candidates} | {unit.pk for unit in space_request.offered_units.all()}
    for visit in space_request.visits.all():
        ids |= {unit.pk for unit in visit.units.all()}
    return (
        Unit.objects.filter(pk__in=ids).select_related("building__campus").order_by("building__name", "code")
    )


@login_required
def request_detail(request, pk: int):
    space_request = get_visible_or_404(_requests(request.user), request.user, pk=pk)
    require(request.user, "estate.view_space_request", space_request)
    context = {"space_request": space_request, "visits": space_request.visits.all()}
    if request.user.has_perm("estate.manage_space_requests", space_request):
        candidates = list(services.candidates(space_request).order_by("area", "pk")[:CANDIDATES])
        units = _units_at_hand(space_request, candidates)
        offered = [unit.pk for unit in space_request.offered_units.all()]
        context |= {
            "manage": True,
            "candidates": candidates,
            "visit_form": VisitForm(units=units, initial={"on": timezone.localdate()}),
            "offer_form": OfferUnitsForm(units=units, initial={"units": offered}),
            "sign_form": SignForm(initial={"language": "fr"}),
            "lose_form": LoseForm(),
        }
    return render(request, "estate/request_detail.html", context)


def _managed(request, pk: int) -> SpaceRequest:
    space_request = get_visible_or_404(_requests(request.user), request.user, pk=pk)
    require(request.user, "estate.manage_space_requests", space_request)
    return space_request


def _refused(request, form=None, error: ValidationError | None = None) -> None:
    texts = error.messages if error is not None else [m for errors in form.errors.values() for m in errors]
    messages.error(request, " ".join(str(text) for text in texts))


@login_required
@require_POST
def request_visit(request, pk: int):
    space_request = _managed(request, pk)
    form = VisitForm(request.POST, units=_units_at_hand(space_request, services.candidates(space_request)))
    if not form.is_valid():
        _refused(request, form)
    else:
        try:
            space_requests.record_visit(actor=request.user, space_request=space_request, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error=error)
        else:
            messages.success(request, _("Visit recorded."))
    return redirect("estate:request_detail", pk=space_request.pk)


@login_required
@require_POST
def request_offer(request, pk: int):
    space_request = _managed(request, pk)
    form = OfferUnitsForm(
        request.POST, units=_units_at_hand(space_request, services.candidates(space_request))
    )
    if not form.is_valid():
        _refused(request, form)
    else:
        try:
            services.offer_units(
                actor=request.user, space_request=space_request, units=list(form.cleaned_data["units"])
            )
        except ValidationError as error:
            _refused(request, error=error)
        else:
            messages.success(request, _("Offer recorded."))
    return redirect("estate:request_detail", pk=space_request.pk)


@login_required
@require_POST
def request_sign(request, pk: int):
    space_request = _managed(request, pk)
    form = SignForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("estate:request_detail", pk=space_request.pk)
    terms = dict(form.cleaned_data)
    organisation = terms.pop("organisation")
    try:
        with transaction.atomic():  # a prospect linked for nothing if the signing is refused: undone
            if organisation is not None and space_request.organisation_id is None:
                space_requests.link_prospect(
                    actor=request.user, space_request=space_request, organisation=organisation
                )
            agreement = services.sign_request(actor=request.user, space_request=space_request, **terms)
    except ValidationError as error:
        _refused(request, error=error)
        return redirect("estate:request_detail", pk=space_request.pk)
    messages.success(request, _("Agreement %(reference)s signed.") % {"reference": agreement.reference})
    return redirect("estate:agreement_detail", pk=agreement.pk)


@login_required
@require_POST
def request_lose(request, pk: int):
    space_request = _managed(request, pk)
    form = LoseForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
    else:
        try:
            services.lose_request(actor=request.user, space_request=space_request, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error=error)
        else:
            messages.success(request, _("Request recorded as lost."))
    return redirect("estate:request_detail", pk=space_request.pk)
