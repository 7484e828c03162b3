"""A start-up's own page (its members and the entreprises staff) and what is done from it:
the plan, the sessions against the quota, milestones, the renewal, graduation or exit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_child_or_404, get_visible_or_404, require

from .. import services
from ..filters import EnrolmentFilter
from ..forms import (
    ActionForm,
    CloseForm,
    MilestoneForm,
    ObjectiveForm,
    PlanForm,
    RenewalForm,
    ReviewForm,
    SessionForm,
)
from ..models import Action, ActionStatus, Enrolment, Milestone, Renewal, RenewalStatus
from ..services.common import today
from .common import add_error, enrolment_or_404

PAGE_SIZE = 50


@login_required
def enrolment_list(request):
    """The enrolments one may see, filtered as `/api/enrolments` is (`EnrolmentFilter`), in pages."""
    filters = EnrolmentFilter(request.GET, queryset=Enrolment.objects.visible_to(request.user))
    enrolments = filters.qs.select_related("cohort__programme", "organisation").order_by(
        "-start_date", "organisation__name", "pk"
    )
    page = Paginator(enrolments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/enrolment_list.html",
        {
            "enrolments": page,
            "page": page,
            "filters": filters,
            "staff": request.user.has_perm("programmes.manage_programmes"),
        },
    )


@login_required
def enrolment_detail(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    staff = request.user.has_perm("programmes.change_enrolment", enrolment)
    context = {
        "enrolment": enrolment,
        "programme": enrolment.cohort.programme,
        "staff": staff,
        "quota": services.quota_of(enrolment),
        "objectives": enrolment.objectives.prefetch_related("actions"),
        "past_reviews": enrolment.plan_reviews.filter(held_on__isnull=False).order_by("-held_on"),
        "next_review": services.next_review(enrolment),
        "today": today(),
        "sessions": enrolment.sessions.select_related("expert__person", "override__decided_by"),
        "milestones": enrolment.milestones.all(),
        "renewals": enrolment.renewals.all(),
        "founders": enrolment.founders.all(),
        "max_end": services.max_end(enrolment),
        "can_renew": request.user.has_perm("programmes.request_renewal", enrolment),
        "can_log": request.user.has_perm("programmes.log_session", enrolment),
    }
    if staff:
        context["plan_form"] = PlanForm(initial={"diagnosis": enrolment.diagnosis})
        context["objective_form"] = ObjectiveForm()
        context["action_form"] = ActionForm(enrolment=enrolment)
        context["action_statuses"] = ActionStatus.choices
    return render(request, "programmes/enrolment_detail.html", context)


def _form_page(request, enrolment, form, title: str, submit: str):
    return render(
        request,
        "programmes/enrolment_form.html",
        {"form": form, "title": title, "enrolment": enrolment, "submit": submit},
    )


@login_required
def plan_edit(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.change_enrolment", enrolment)
    form = PlanForm(request.POST or None, initial={"diagnosis": enrolment.diagnosis})
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["review_date"]
        try:
            services.save_plan(
                actor=request.user,
                enrolment=enrolment,
                diagnosis=form.cleaned_data["diagnosis"],
                review_dates=[day] if day else [],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The support plan is saved."))
            return redirect("programmes:enrolment_detail", enrolment.pk)
    return _form_page(request, enrolment, form, _("Diagnosis and reviews"), _("Save"))


@login_required
def objective_add(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.change_enrolment", enrolment)
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_objective(actor=request.user, enrolment=enrolment, title=form.cleaned_data["title"])
        messages.success(request, _("The objective is added."))
        return redirect("programmes:enrolment_detail", enrolment.pk)
    return _form_page(request, enrolment, form, _("Add an objective"), _("Add"))


@login_required
def action_add(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.change_enrolment", enrolment)
    form = ActionForm(request.POST or None, enrolment=enrolment)
    return _submit(
        request,
        enrolment,
        form,
        lambda: services.add_action(actor=request.user, **form.cleaned_data),
        _("The action is added."),
        _("Add an action"),
        _("Add"),
    )


@login_required
@require_POST
def action_status(request, pk: int):
    action = get_child_or_404(Action.objects, request.user, through="objective__enrolment", pk=pk)
    enrolment = action.objective.enrolment
    require(request.user, "programmes.change_enrolment", enrolment)
    try:
        services.set_action_status(actor=request.user, action=action, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("programmes:enrolment_detail", enrolment.pk)


@login_required
def session_add(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.log_session", enrolment)
    staff = request.user.has_perm("programmes.override_quota", enrolment)
    form = SessionForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_session(actor=request.user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The session is logged."))
            return redirect("programmes:enrolment_detail", enrolment.pk)
    return render(
        request,
        "programmes/enrolment_form.html",
        {
            "form": form,
            "title": _("Log a session"),
            "enrolment": enrolment,
            "submit": _("Log"),
            "quota": services.quota_of(enrolment),
        },
    )


def _submit(request, enrolment, form, act, done, title, button):
    """Run `act` on a valid form; a rule it breaks shows on the form, success returns to the enrolment."""
    if request.method == "POST" and form.is_valid():
        try:
            act()
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, done)
            return redirect("programmes:enrolment_detail", enrolment.pk)
    return _form_page(request, enrolment, form, title, button)


@login_required
def milestone_add(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.declare_milestone", enrolment)
    form = MilestoneForm(request.POST or None, request.FILES or None)
    return _submit(
        request,
        enrolment,
        form,
        lambda: services.declare_milestone(actor=request.user, enrolment=enrolment, **form.cleaned_data),
        _("The milestone is declared."),
        _("Declare a milestone"),
        _("Declare"),
    )


@login_required
def milestone_evidence(request, pk: int):
    """The evidence file, only to those who see the milestone; never served from a public path."""
    milestone = get_visible_or_404(Milestone.objects.all(), request.user, pk=pk)
    if not milestone.evidence_file:
        raise Http404
    try:
        handle = milestone.evidence_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=milestone.evidence_file_name,
        content_type=milestone.evidence_content_type or "application/octet-stream",
    )


@login_required
def review_add(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.change_enrolment", enrolment)
    upcoming = services.next_review(enrolment)
    form = ReviewForm(
        request.POST or None,
        enrolment=enrolment,
        initial={"review": upcoming, "held_on": today()},
    )
    return _submit(
        request,
        enrolment,
        form,
        lambda: services.hold_review(actor=request.user, enrolment=enrolment, **form.service_arguments()),
        _("The review is recorded."),
        _("Record a plan review"),
        _("Save"),
    )


@login_required
@require_POST
def milestone_review(request, pk: int):
    milestone = get_visible_or_404(Milestone.objects.select_related("enrolment"), request.user, pk=pk)
    enrolment = milestone.enrolment
    require(request.user, "programmes.validate_milestone", enrolment)
    services.review_milestone(
        actor=request.user, milestone=milestone, validate=request.POST.get("validate") == "yes"
    )
    messages.success(request, _("The milestone is checked."))
    return redirect("programmes:enrolment_detail", enrolment.pk)


@login_required
def renewal_request(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.request_renewal", enrolment)
    form = RenewalForm(request.POST or None, initial={"requested_end_date": services.max_end(enrolment)})
    return _submit(
        request,
        enrolment,
        form,
        lambda: services.request_renewal(actor=request.user, enrolment=enrolment, **form.cleaned_data),
        _("The renewal is requested."),
        _("Ask for the renewal"),
        _("Ask"),
    )


@login_required
@require_POST
def renewal_decide(request, pk: int):
    renewal = get_child_or_404(
        Renewal.objects, request.user, through="enrolment", pk=pk, status=RenewalStatus.REQUESTED
    )
    enrolment = renewal.enrolment
    require(request.user, "programmes.decide_renewal", enrolment)
    try:
        services.decide_renewal(
            actor=request.user,
            renewal=renewal,
            grant=request.POST.get("grant") == "yes",
            note=request.POST.get("note", "")[:3000],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The renewal is decided."))
    return redirect("programmes:enrolment_detail", enrolment.pk)


@login_required
def enrolment_close(request, pk: int):
    enrolment = enrolment_or_404(request, pk)
    require(request.user, "programmes.change_enrolment", enrolment)
    form = CloseForm(request.POST or None)
    form.fields["into_cohort"].queryset = form.fields["into_cohort"].queryset.exclude(
        programme=enrolment.cohort.programme
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["outcome"] == "graduate":
                result = services.graduate(
                    actor=request.user, enrolment=enrolment, on=data["on"], into_cohort=data["into_cohort"]
                )
            else:
                result = services.leave(
                    actor=request.user,
                    enrolment=enrolment,
                    on=data["on"],
                    reason=data["reason"],
                    note=data["note"],
                )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The enrolment is closed."))
            return redirect("programmes:enrolment_detail", result.pk)
    return _form_page(request, enrolment, form, _("Graduation or exit"), _("Save"))
