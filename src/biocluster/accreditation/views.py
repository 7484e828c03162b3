"""Pages of the register: the public list, one accreditation, and the staff register with its forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.audit.models import AuditEvent
from biocluster.core.access import get_visible_or_404, require
from biocluster.core.charts import BarChart
from biocluster.core.forms import add_error
from biocluster.core.spreadsheets import csv_writer

from . import services
from .filters import AccreditationFilter
from .forms import DecisionForm, StatusForm
from .models import Accreditation, AccreditationStatus, Status
from .register import counts_per_year, filter_register
from .rules import REGISTER

PER_PAGE = 50


def _annotated(queryset):
    statuses = Prefetch("statuses", queryset=AccreditationStatus.objects.order_by("since", "id"))
    return queryset.with_current_status().select_related("organisation").prefetch_related(statuses)


def _listing(request, register, template: str, extra: dict, *, public: bool = False):
    filters = AccreditationFilter(request.GET or None, queryset=_annotated(register))
    if public:  # the public list holds accepted decisions only
        del filters.form.fields["decision"]
    chosen = filters.chosen()
    rows = filters.qs.order_by("-decided_on", "organisation__name", "pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    counts = counts_per_year(
        filter_register(register.with_current_status(), status=chosen["status"]), _last_year()
    )
    context = {
        "filters": filters.form,
        "page": page,
        "chosen": chosen,
        "querystring": _without_page(request),
        "chart": _year_chart(counts),
        "counts": counts,
        **extra,
    }
    return render(request, template, context)


def _year_chart(counts) -> BarChart:
    total = sum(row.count for row in counts)
    companies = ngettext("%(total)d company", "%(total)d companies", total) % {"total": total}
    return BarChart(
        f"{_('Companies accredited per year')} · {companies}",
        [(row.label, row.count) for row in counts] if total else [],
        columns=True,
        label_heading=_("Year"),
        empty=_("No accreditation matches these filters."),
    )


def _last_year() -> int:
    return timezone.localdate().year


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def register_list(request):
    """The public register: accepted accreditations of companies listed in the directory."""
    return _listing(
        request,
        Accreditation.objects.public(),
        "accreditation/register_list.html",
        {"can_view_register": request.user.has_perm("accreditation.view_register", REGISTER)},
        public=True,
    )


@login_required
def register_manage(request):
    """The whole register, refusals included: cluster staff read it, the Entreprises department keeps it."""
    require(request.user, "accreditation.view_register", REGISTER)
    return _listing(
        request,
        Accreditation.objects.visible_to(request.user),
        "accreditation/register_manage.html",
        {"can_manage": request.user.has_perm("accreditation.manage_register", REGISTER)},
    )


def _events(accreditation: Accreditation):
    """The audit trail of the decision and of each status change, newest first."""
    types = ContentType.objects.get_for_models(Accreditation, AccreditationStatus)
    status_ids = [str(pk) for pk in accreditation.statuses.values_list("pk", flat=True)]
    return (
        AuditEvent.objects.filter(
            Q(content_type=types[Accreditation], object_id=str(accreditation.pk))
            | Q(content_type=types[AccreditationStatus], object_id__in=status_ids)
        )
        .select_related("actor")
        .order_by("-at", "-id")[:50]
    )


def accreditation_detail(request, pk: int):
    accreditation = get_visible_or_404(_annotated(Accreditation.objects), request.user, pk=pk)
    staff = request.user.has_perm("accreditation.view_register", REGISTER)
    return render(
        request,
        "accreditation/accreditation_detail.html",
        {
            "accreditation": accreditation,
            "staff": staff,
            "reads_notes": request.user.has_perm("accreditation.view_committee_notes", accreditation),
            "can_manage": request.user.has_perm("accreditation.manage_register", accreditation),
            "events": _events(accreditation) if staff else None,
        },
    )


@login_required
def decide(request):
    require(request.user, "accreditation.manage_register", REGISTER)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accreditation = services.decide(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("accreditation:detail", pk=accreditation.pk)
    return render(
        request, "accreditation/form.html", {"form": form, "title": _("Record an accreditation decision")}
    )


@login_required
def change_status(request, pk: int):
    accreditation = get_visible_or_404(
        Accreditation.objects.select_related("organisation"), request.user, pk=pk
    )
    require(request.user, "accreditation.manage_register", accreditation)
    form = StatusForm(request.POST or None, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(actor=request.user, accreditation=accreditation, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The status change is recorded."))
            return redirect("accreditation:detail", pk=accreditation.pk)
    title = _("Change the status of %(name)s") % {"name": accreditation.organisation.name}
    return render(
        request, "accreditation/form.html", {"form": form, "title": title, "accreditation": accreditation}
    )


@login_required
def export_csv(request):
    """The register as the staff see it, one row per accreditation, with the filters of the page."""
    require(request.user, "accreditation.view_register", REGISTER)
    notes = request.user.has_perm("accreditation.view_committee_notes", REGISTER)
    visible = _annotated(Accreditation.objects.visible_to(request.user))
    rows = AccreditationFilter(request.GET or None, queryset=visible).qs
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="accreditations.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv_writer(response)
    writer.writerow(
        [
            _("Company"),
            _("Kind"),
            _("Decision date"),
            _("Decision"),
            _("Decided by"),
            _("Status"),
            _("Status since"),
            _("Listed in the directory"),
            _("Committee notes"),
            _("Source"),
        ]
    )
    for accreditation in rows.order_by("decided_on", "organisation__name"):
        statuses = list(accreditation.statuses.all())
        writer.writerow(
            [
                accreditation.organisation.name,
                accreditation.organisation.get_kind_display(),
                accreditation.decided_on.isoformat(),
                accreditation.get_decision_display(),
                accreditation.decided_by,
                Status(accreditation.current_status).label if accreditation.current_status else "",
                statuses[-1].since.isoformat() if statuses else "",
                _("yes") if accreditation.organisation.is_listed else _("no"),
                accreditation.committee_notes if notes else "",
                accreditation.source,
            ]
        )
    return response
