"""The programmes' catalogue (public) and their configuration and cohorts (entreprises staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.calls.models import Call, CallStatus, Phase
from biocluster.core.access import get_child_or_404, get_visible_or_404, require

from .. import services
from ..forms import CohortForm, ProgrammeForm
from ..models import Cohort, Programme
from .common import add_error


def programme_list(request):
    return render(
        request, "programmes/programme_list.html", {"programmes": Programme.objects.visible_to(request.user)}
    )


def programme_detail(request, pk: int):
    programme = get_visible_or_404(Programme.objects, request.user, pk=pk)
    cohorts = (
        programme.cohorts.order_by("-start_date")
        if request.user.has_perm("programmes.manage_programmes")
        else None
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {"programme": programme, "cohorts": cohorts, "intakes": open_intakes(programme, request.user)},
    )


def open_intakes(programme: Programme, user) -> list[tuple[Call, object]]:
    """The programme's intake calls open now, with their deadline in the call's own time zone."""
    now = timezone.now()
    calls = (
        Call.objects.visible_to(user)
        .filter(kind="programme_intake", status=CallStatus.PUBLISHED, cohorts__programme=programme)
        .filter(opens_at__lte=now, closes_at__gte=now.replace(microsecond=0))
        .distinct()
        .order_by("closes_at", "pk")
    )
    return [(call, call.local(call.closes_at)) for call in calls if call.phase(now) == Phase.OPEN]


def _programme_form(request, programme: Programme | None):
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = services.save_programme(
                actor=request.user,
                programme=Programme.objects.filter(pk=getattr(programme, "pk", None)).first(),
                **data,
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("programmes:programme_detail", saved.pk)
    title = _("New programme") if programme is None else _("Edit %(name)s") % {"name": programme.name}
    return render(request, "programmes/form.html", {"form": form, "title": title})


@login_required
def programme_create(request):
    require(request.user, "programmes.manage_programmes")
    return _programme_form(request, None)


@login_required
def programme_edit(request, pk: int):
    require(request.user, "programmes.manage_programmes")
    return _programme_form(request, get_visible_or_404(Programme.objects, request.user, pk=pk))


@login_required
def cohort_create(request, pk: int):
    require(request.user, "programmes.manage_programmes")
    programme = get_visible_or_404(Programme.objects, request.user, pk=pk)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.create_cohort(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The cohort is created."))
            return redirect("programmes:cohort_detail", cohort.pk)
    title = _("New cohort of %(name)s") % {"name": programme.name}
    return render(request, "programmes/form.html", {"form": form, "title": title})


@login_required
def cohort_detail(request, pk: int):
    require(request.user, "programmes.manage_programmes")
    cohort = get_child_or_404(
        Cohort.objects.select_related("intake_call"), request.user, through="programme", pk=pk
    )
    enrolments = cohort.enrolments.select_related("organisation").order_by("organisation__name")
    return render(request, "programmes/cohort_detail.html", {"cohort": cohort, "enrolments": enrolments})
