"""The EU projects' pages: the list, a project with its plan, warnings and timeline, the forms
of each row of its plan, the review chain's moves and the deliverables due soon."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error

from . import forms, plan, services
from .charts import Timeline
from .filters import ProjectFilter
from .models import (
    Deliverable,
    DeliverableStep,
    Effort,
    Milestone,
    Participant,
    Project,
    ReportingPeriod,
    Task,
    WorkPackage,
)


@dataclass(frozen=True)
class Kind:
    """One kind of row of a project's plan, with its form and services."""

    model: type
    form: type
    change_form: type
    create: object
    update: object
    delete: object
    noun: str  # the row's name in the forms' titles
    anchor: str  # the section of the project's page


def _create_task(*, actor, project, work_package, **values):
    return services.add_task(actor=actor, work_package=work_package, **values)


def _create_effort(*, actor, project, **values):
    return services.record_effort(actor=actor, **values)


def _update_effort(*, actor, effort, **values):
    values.pop("participant", None)
    values.pop("period", None)
    return services.record_effort(actor=actor, participant=effort.participant, period=effort.period, **values)


KINDS = {
    "participant": Kind(
        Participant,
        forms.ParticipantForm,
        forms.ParticipantChangeForm,
        services.add_participant,
        services.update_participant,
        services.remove_participant,
        gettext_lazy("consortium partner"),
        "consortium",
    ),
    "work-package": Kind(
        WorkPackage,
        forms.WorkPackageForm,
        forms.WorkPackageForm,
        services.add_work_package,
        services.update_work_package,
        services.delete_work_package,
        gettext_lazy("work package"),
        "work-packages",
    ),
    "task": Kind(
        Task,
        forms.TaskForm,
        forms.TaskChangeForm,
        _create_task,
        services.update_task,
        services.delete_task,
        gettext_lazy("task"),
        "work-packages",
    ),
    "deliverable": Kind(
        Deliverable,
        forms.DeliverableForm,
        forms.DeliverableForm,
        services.add_deliverable,
        services.update_deliverable,
        services.delete_deliverable,
        gettext_lazy("deliverable"),
        "deliverables",
    ),
    "milestone": Kind(
        Milestone,
        forms.MilestoneForm,
        forms.MilestoneForm,
        services.add_milestone,
        services.update_milestone,
        services.delete_milestone,
        gettext_lazy("milestone"),
        "milestones",
    ),
    "period": Kind(
        ReportingPeriod,
        forms.PeriodForm,
        forms.PeriodForm,
        services.add_period,
        services.update_period,
        services.delete_period,
        gettext_lazy("reporting period"),
        "effort",
    ),
    "effort": Kind(
        Effort,
        forms.EffortForm,
        forms.EffortForm,
        _create_effort,
        _update_effort,
        services.delete_effort,
        gettext_lazy("effort"),
        "effort",
    ),
}
# The keyword each kind's update and delete services take their row by.
ROW_ARGUMENT = {
    "participant": "participant",
    "work-package": "work_package",
    "task": "task",
    "deliverable": "deliverable",
    "milestone": "milestone",
    "period": "period",
    "effort": "effort",
}


def _kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise Http404 from None


def _project(request, pk: int, permission: str | None = None) -> Project:
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    if permission:
        require(request.user, permission, project)
    return project


def _row_project(row) -> Project:
    for path in ("project", "work_package", "period"):
        target = getattr(row, path, None)
        if isinstance(target, Project):
            return target
        if target is not None and hasattr(target, "project"):
            return target.project
    raise Http404


def _row(request, kind: Kind, pk: int, permission: str):
    row = kind.model.objects.filter(pk=pk).first()
    if row is None:
        raise Http404
    project = _row_project(row)
    _project(request, project.pk, permission)
    return row, project


# -- projects


@login_required
def project_list(request):
    projects = Project.objects.visible_to(request.user).prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("organisation"))
    )
    filters = ProjectFilter(request.GET or None, queryset=projects)
    rows = filters.qs if filters.is_valid() else projects
    return render(
        request,
        "euprojects/project_list.html",
        {
            "filters": filters,
            "projects": rows,
            "today": timezone.localdate(),
            "can_add": request.user.has_perm("euprojects.add_project"),
        },
    )


def _save(form, write):
    try:
        return write()
    except ValidationError as error:
        add_error(form, error)
        return None


@login_required
def project_create(request):
    require(request.user, "euprojects.add_project")
    form = forms.NewProjectForm(request.POST or None, initial={"staff": [str(request.user.pk)]})
    if request.method == "POST" and form.is_valid():
        project = _save(form, lambda: services.create_project(actor=request.user, **form.values()))
        if project is not None:
            messages.success(request, _("Project created."))
            return redirect("euprojects:project_detail", pk=project.pk)
    return render(request, "euprojects/project_form.html", {"form": form, "title": _("New EU project")})


@login_required
def project_edit(request, pk: int):
    project = _project(request, pk, "euprojects.change_project")
    initial = {name: getattr(project, name) for name in forms.ProjectForm.base_fields if name != "staff"}
    initial["staff"] = [str(user) for user in project.staff.values_list("pk", flat=True)]
    form = forms.ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form, lambda: services.update_project(actor=request.user, project=project, **form.values())
        )
        if saved is not None:
            messages.success(request, _("Changes saved."))
            return redirect("euprojects:project_detail", pk=project.pk)
    return render(
        request,
        "euprojects/project_form.html",
        {"form": form, "project": project, "title": _("Change the project")},
    )


@login_required
@require_POST
def project_delete(request, pk: int):
    project = _project(request, pk, "euprojects.delete_project")
    services.delete_project(actor=request.user, project=project)
    messages.success(request, _("Project deleted."))
    return redirect("euprojects:project_list")


def _timeline(project, packages, deliverables, milestones) -> Timeline:
    return Timeline(
        title=_("Timeline of %(project)s") % {"project": project.acronym},
        months=project.months,
        work_packages=[(f"WP{wp.number}", wp.title, wp.start_month, wp.end_month) for wp in packages],
        deliverables=[(d.number, d.title, d.work_package.number, d.due_month) for d in deliverables],
        milestones=[(f"MS{m.number}", m.title, m.month) for m in milestones],
    )


@login_required
def project_detail(request, pk: int):
    project = _project(request, pk, "euprojects.view_project")
    participants = list(project.participants.select_related("organisation"))
    packages = list(
        project.work_packages.select_related("leader").prefetch_related(
            Prefetch("tasks", queryset=Task.objects.order_by("number"))
        )
    )
    steps = Prefetch("steps", queryset=DeliverableStep.objects.select_related("moved_by").order_by("id"))
    deliverables = list(project.deliverables.select_related("owner", "work_package").prefetch_related(steps))
    milestones = list(project.milestones.all())
    periods = list(project.periods.all())
    efforts = {(e.participant_id, e.period_id): e for e in Effort.objects.filter(period__project=project)}
    can_change = request.user.has_perm("euprojects.change_project", project)
    # Who may move which deliverable, asked of the rules once per owner rather than once per row.
    may_move_owned_by = {}
    rows = []
    for deliverable in deliverables:
        if deliverable.owner_id not in may_move_owned_by:
            may_move_owned_by[deliverable.owner_id] = request.user.has_perm(
                "euprojects.move_deliverable", deliverable
            )
        may_move = may_move_owned_by[deliverable.owner_id]
        rows.append(
            {
                "deliverable": deliverable,
                "due_on": project.month_ends(deliverable.due_month),
                "moves": [
                    (status, dict(Deliverable._meta.get_field("status").choices)[status])
                    for status in plan.next_statuses(deliverable.status)
                ]
                if may_move
                else [],
            }
        )
    effort_rows = [
        {
            "participant": participant,
            "cells": [efforts.get((participant.pk, period.pk)) for period in periods],
        }
        for participant in participants
    ]
    return render(
        request,
        "euprojects/project_detail.html",
        {
            "project": project,
            "participants": participants,
            "packages": packages,
            "deliverables": rows,
            "milestones": milestones,
            "periods": periods,
            "effort_rows": effort_rows,
            "warnings": services.warnings(project),
            "timeline": _timeline(project, packages, deliverables, milestones),
            "can_change": can_change,
            "can_delete": request.user.has_perm("euprojects.delete_project", project),
            "move_form": forms.MoveForm(),
            "today": timezone.localdate(),
        },
    )


# -- the rows of a project's plan


def _form_page(request, form, *, project, title, action, delete_action=""):
    context = {
        "form": form,
        "project": project,
        "title": title,
        "action": action,
        "delete_action": delete_action,
    }
    return render(request, "euprojects/row_form.html", context)


def _back(project, kind: Kind):
    return redirect(reverse("euprojects:project_detail", args=[project.pk]) + f"#{kind.anchor}")


@login_required
def row_create(request, pk: int, kind: str):
    spec = _kind(kind)
    project = _project(request, pk, "euprojects.change_project")
    form = spec.form(request.POST or None, project=project)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(form, lambda: spec.create(actor=request.user, project=project, **form.values())) is not None
    ):
        messages.success(request, _("Saved."))
        return _back(project, spec)
    title = _("Add a %(noun)s") % {"noun": spec.noun}
    return _form_page(
        request,
        form,
        project=project,
        title=title,
        action=reverse(f"euprojects:{kind.replace('-', '_')}_create", args=[pk]),
    )


@login_required
def row_edit(request, kind: str, pk: int):
    spec = _kind(kind)
    row, project = _row(request, spec, pk, "euprojects.change_project")
    form = spec.change_form(request.POST or None, project=project, initial=spec.change_form.initial_of(row))
    if request.method == "POST" and form.is_valid():
        arguments = {ROW_ARGUMENT[kind]: row}
        if _save(form, lambda: spec.update(actor=request.user, **arguments, **form.values())) is not None:
            messages.success(request, _("Changes saved."))
            return _back(project, spec)
    title = _("Change the %(noun)s") % {"noun": spec.noun}
    return _form_page(
        request,
        form,
        project=project,
        title=title,
        action=reverse(f"euprojects:{kind.replace('-', '_')}_edit", args=[pk]),
        delete_action=reverse(f"euprojects:{kind.replace('-', '_')}_delete", args=[pk]),
    )


@login_required
@require_POST
def row_delete(request, kind: str, pk: int):
    spec = _kind(kind)
    row, project = _row(request, spec, pk, "euprojects.change_project")
    try:
        spec.delete(actor=request.user, **{ROW_ARGUMENT[kind]: row})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted."))
    return _back(project, spec)


# -- the review chain


@login_required
@require_POST
def deliverable_move(request, pk: int):
    deliverable = get_visible_or_404(Deliverable.objects.select_related("project"), request.user, pk=pk)
    require(request.user, "euprojects.move_deliverable", deliverable)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_deliverable(
                actor=request.user,
                deliverable=deliverable,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["moved_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            deliverable.refresh_from_db()
            messages.success(
                request,
                _("%(number)s is now “%(status)s”.")
                % {"number": deliverable.number, "status": deliverable.get_status_display()},
            )
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect(
        reverse("euprojects:project_detail", args=[deliverable.project_id]) + f"#deliverable-{pk}"
    )


# -- deliverables due soon


@login_required
def due(request):
    today = timezone.localdate()
    rows = services.due_deliverables(request.user, today=today)
    return render(request, "euprojects/due.html", {"rows": rows, "today": today})
