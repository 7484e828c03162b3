"""Tenant requests' pages: a member reports a problem and follows its requests; staff list them
with filters, assign and close them; the photo is sent only to staff and the tenant."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error

from . import tenant_requests
from .forms_tenant_requests import AssignForm, CloseForm, FilterForm, ReportForm
from .models import TenantRequest
from .models_tenant_requests import OPEN_STATUSES

PER_PAGE = 50


def _rows(request):
    return TenantRequest.objects.visible_to(request.user).select_related(
        "unit__building__campus", "organisation", "assigned_to"
    )


def open_in(building) -> list[TenantRequest]:
    """The building's open requests, oldest first (its page, for staff)."""
    return list(
        TenantRequest.objects.filter(unit__building=building, status__in=OPEN_STATUSES)
        .select_related("unit", "organisation")
        .order_by("created_at", "id")
    )


def filtered(rows, form: FilterForm):
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or ""
    if status == "":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        rows = rows.filter(status=status)
    if data.get("category"):
        rows = rows.filter(category=data["category"])
    if data.get("campus"):
        rows = rows.filter(unit__building__campus=data["campus"])
    if data.get("building"):
        rows = rows.filter(unit__building=data["building"])
    return rows


@login_required
def request_list(request):
    require(request.user, "estate.list_tenant_requests")
    form = FilterForm(request.GET or None)
    page = Paginator(filtered(_rows(request), form).order_by("-created_at", "-id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "estate/tenant_request_list.html",
        {
            "form": form,
            "page": page,
            "is_staff": request.user.has_perm("estate.manage_tenant_requests"),
            "can_report": request.user.has_perm("estate.report_problem"),
        },
    )


@login_required
def request_create(request):
    require(request.user, "estate.report_problem")
    today = timezone.localdate()
    units = tenant_requests.units_of(request.user, today)
    form = ReportForm(request.POST or None, request.FILES or None, units=units, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            row = tenant_requests.report_problem(actor=request.user, on=today, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Request %(reference)s sent.") % {"reference": row.reference})
            return redirect("estate:tenant_request_detail", pk=row.pk)
    return render(request, "estate/tenant_request_form.html", {"form": form, "has_units": units.exists()})


@login_required
def request_detail(request, pk: int):
    row = get_visible_or_404(_rows(request), request.user, pk=pk)
    can_manage = request.user.has_perm("estate.manage_tenant_requests")
    return render(
        request,
        "estate/tenant_request_detail.html",
        {
            "row": row,
            "can_manage": can_manage and row.is_open,
            "assign_form": AssignForm(initial={"assigned_to": row.assigned_to_id}),
            "close_form": CloseForm(),
        },
    )


def _act(request, pk: int, form_class, action):
    row = get_visible_or_404(TenantRequest.objects, request.user, pk=pk)
    require(request.user, "estate.manage_tenant_requests", row)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(" ".join(str(m) for errors in form.errors.values() for m in errors))
        action(row, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Request %(reference)s updated.") % {"reference": row.reference})
    return redirect("estate:tenant_request_detail", pk=row.pk)


@login_required
@require_POST
def request_assign(request, pk: int):
    return _act(
        request,
        pk,
        AssignForm,
        lambda row, data: tenant_requests.assign(
            actor=request.user, request=row, assignee=data["assigned_to"]
        ),
    )


@login_required
@require_POST
def request_close(request, pk: int):
    return _act(
        request,
        pk,
        CloseForm,
        lambda row, data: tenant_requests.close(
            actor=request.user, request=row, note=data["note"], on=timezone.localdate()
        ),
    )


@login_required
def request_photo(request, pk: int):
    """The photo, to staff and the tenant's members only; never from a public path."""
    row = get_visible_or_404(TenantRequest.objects, request.user, pk=pk)
    if not row.photo:
        raise Http404
    try:
        handle = row.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=row.photo_content_type or "application/octet-stream")
    response["Content-Disposition"] = f'inline; filename="{row.reference}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
