"""Usage, statements (and their exports), and service requests."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.core.access import get_visible_or_404, require

from .. import exports, services, timeutils
from ..categories import billable_organisations
from ..filters import StatementFilter
from ..forms import MonthForm, ServiceRequestForm, ServiceStepForm
from ..models import Service, ServiceRequest, Statement, UsageRecord
from ..services.billing import month_bounds
from .common import add_error, platform_or_404, render_in


def _month(request) -> date:
    try:
        month = date.fromisoformat((request.GET.get("month") or "") + "-01")
    except ValueError:
        month = None
    return month if timeutils.plausible(month) else timezone.localdate().replace(day=1)


@login_required
def usage_list(request, pk: int):
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.record_usage", platform)
    month = _month(request)
    first, last = month_bounds(month)
    lines = (
        UsageRecord.objects.filter(platform=platform, day__gte=first, day__lte=last)
        .select_related("instrument", "user", "organisation", "statement", "booking")
        .order_by("day", "pk")
    )
    return render_in(
        request,
        platform.tz,
        "platforms/usage_list.html",
        {
            "platform": platform,
            "month": first,
            "lines": lines,
            "total": lines.aggregate(t=Sum("amount"))["t"] or 0,
        },
    )


@login_required
def statement_list(request, pk: int):
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.issue_statement", platform)
    form = MonthForm(request.POST or None, initial={"month": timezone.localdate().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.issue_month(
                actor=request.user, platform=platform, month=form.cleaned_data["month"]
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("%(count)s statement(s) issued.") % {"count": len(issued)})
            return redirect("platforms:statement_list", pk=pk)
    statements = Statement.objects.filter(platform=platform).select_related("organisation")
    return render(
        request,
        "platforms/statement_list.html",
        {"platform": platform, "form": form, "statements": statements},
    )


PAGE_SIZE = 50


@login_required
def my_statements(request):
    """The statements one may see, filtered by `StatementFilter` (platform, organisation, month), in pages."""
    filters = StatementFilter(request.GET, queryset=Statement.objects.visible_to(request.user))
    statements = filters.qs.select_related("platform__organisation", "organisation").order_by(
        "-month", "number"
    )
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "platforms/my_statements.html", {"statements": page, "page": page})


def _statement(request, pk: int) -> Statement:
    statement = get_visible_or_404(
        Statement.objects.select_related("platform__organisation", "organisation"), request.user, pk=pk
    )
    require(request.user, "platforms.view_statement", statement)
    return statement


@login_required
def statement_detail(request, pk: int):
    statement = _statement(request, pk)
    header, rows = exports.statement_rows(statement)
    return render(
        request, "platforms/statement_detail.html", {"statement": statement, "header": header, "rows": rows}
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def statement_csv(request, pk: int):
    statement = _statement(request, pk)
    return _download(exports.statement_csv(statement), "text/csv; charset=utf-8", f"{statement.number}.csv")


@login_required
def statement_xlsx(request, pk: int):
    statement = _statement(request, pk)
    return _download(
        exports.statement_xlsx(statement),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{statement.number}.xlsx",
    )


@login_required
def statement_pdf(request, pk: int):
    statement = _statement(request, pk)
    return _download(exports.statement_pdf(statement), "application/pdf", f"{statement.number}.pdf")


@login_required
def accounting_export(request, pk: int):
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.issue_statement", platform)
    month = _month(request)
    statements = Statement.objects.filter(platform=platform, month=month).select_related(
        "platform__organisation", "organisation"
    )
    return _download(
        exports.accounting_csv(statements),
        "text/csv; charset=utf-8",
        f"accounting-{platform.pk}-{month:%Y-%m}.csv",
    )


@login_required
def service_request_create(request, pk: int):
    service = get_visible_or_404(
        Service.objects.select_related("platform__organisation"), request.user, pk=pk
    )
    require(request.user, "platforms.request_service", service)
    organisations = billable_organisations(request.user)
    form = ServiceRequestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.request_service(
                actor=request.user,
                service=service,
                description=data["description"],
                quantity=data["quantity"],
                organisation=next((o for o in organisations if o.pk == data["organisation"]), None),
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Request sent to the platform."))
            return redirect("platforms:service_request_detail", pk=made.pk)
    return render(
        request,
        "platforms/service_request_form.html",
        {"form": form, "service": service, "organisations": organisations},
    )


@login_required
def service_request_detail(request, pk: int):
    service_request = get_visible_or_404(
        ServiceRequest.objects.select_related(
            "platform__organisation", "service", "organisation", "requester"
        ),
        request.user,
        pk=pk,
    )
    require(request.user, "platforms.view_service_request", service_request)
    form = ServiceStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.advance_service_request(
                actor=request.user,
                request=service_request,
                action=data["action"],
                quote_amount=data["quote_amount"],
                note=data["note"],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Request updated."))
            return redirect("platforms:service_request_detail", pk=pk)
    user = request.user
    return render(
        request,
        "platforms/service_request_detail.html",
        {
            "request_": service_request,
            "form": form,
            "can_quote": user.has_perm("platforms.quote_service_request", service_request),
            "can_accept": user.has_perm("platforms.accept_service_request", service_request),
        },
    )
