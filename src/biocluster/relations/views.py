"""The staff's relations on an organisation's page (htmx forms), and segments.

Every form works with htmx (the form replaces itself; a save redraws the section)
and without it (a page of its own; a save goes back to the organisation).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error
from biocluster.directory.filters import OrganisationFilter
from biocluster.directory.models import Organisation, Person

from . import segments, services
from .forms import InteractionForm, SegmentForm, TaskForm
from .models import Interaction, Segment, Task

SECTION_ID = "relations"


# -- the section on the organisation's page


def _section_context(request, organisation) -> dict:
    people = Prefetch("people", queryset=Person.objects.order_by("last_name", "first_name"))
    interactions = (
        Interaction.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("author")
        .prefetch_related(people)
    )
    tasks = (
        Task.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("owner", "done_by", "interaction")
    )
    return {
        "organisation": organisation,
        "interactions": interactions,
        "tasks": tasks,
        "today": timezone.localdate(),
        "can_add": request.user.has_perm("relations.add_interaction", organisation),
        # The pickers' scripts, for the forms htmx brings into the section.
        "media": InteractionForm(organisation=organisation).media,
    }


def organisation_section(request, organisation) -> str:
    """The staff's interactions and tasks with `organisation`, for its page ("" for anyone else)."""
    if not request.user.has_perm("relations.view_relations", organisation):
        return ""
    return render_to_string("relations/_section.html", _section_context(request, organisation), request)


def _saved(request, organisation, message: str):
    """After a write: the section again (htmx swaps it in place of the form's), or back to the page."""
    if request.htmx:
        response = HttpResponse(organisation_section(request, organisation))
        response["HX-Retarget"] = f"#{SECTION_ID}"
        response["HX-Reswap"] = "outerHTML"
        return response
    if message:
        messages.success(request, message)
    return redirect(reverse("directory:organisation_detail", args=[organisation.pk]) + f"#{SECTION_ID}")


def _form_page(request, organisation, form, *, title: str, action: str):
    template = "relations/form.html#form" if request.htmx else "relations/form.html"
    context = {"organisation": organisation, "form": form, "title": title, "action": action}
    return render(request, template, context)


def _organisation(request, pk: int, permission: str) -> Organisation:
    organisation = get_visible_or_404(Organisation.objects, request.user, pk=pk)
    require(request.user, permission, organisation)
    return organisation


def _save(form, write) -> bool:
    """Call the service; its refusal goes on the form."""
    try:
        write()
    except ValidationError as error:
        add_error(form, error)
        return False
    return True


# -- interactions


@login_required
def interaction_create(request, pk: int):
    organisation = _organisation(request, pk, "relations.add_interaction")
    form = InteractionForm(request.POST or None, organisation=organisation)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.log_interaction(actor=request.user, organisation=organisation, **form.values()),
        )
    ):
        return _saved(request, organisation, _("Interaction logged."))
    return _form_page(
        request,
        organisation,
        form,
        title=_("Log an interaction"),
        action=reverse("relations:interaction_create", args=[pk]),
    )


def _interaction(request, pk: int, permission: str) -> Interaction:
    interaction = get_visible_or_404(Interaction.objects.select_related("organisation"), request.user, pk=pk)
    require(request.user, permission, interaction)
    return interaction


@login_required
def interaction_edit(request, pk: int):
    interaction = _interaction(request, pk, "relations.change_interaction")
    organisation = interaction.organisation
    form = InteractionForm(request.POST or None, organisation=organisation, interaction=interaction)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.update_interaction(actor=request.user, interaction=interaction, **form.values()),
        )
    ):
        return _saved(request, organisation, _("Changes saved."))
    return _form_page(
        request,
        organisation,
        form,
        title=_("Change the interaction"),
        action=reverse("relations:interaction_edit", args=[pk]),
    )


@login_required
@require_POST
def interaction_delete(request, pk: int):
    interaction = _interaction(request, pk, "relations.delete_interaction")
    services.delete_interaction(actor=request.user, interaction=interaction)
    return _saved(request, interaction.organisation, _("Interaction deleted."))


# -- follow-up tasks


@login_required
def task_create(request, pk: int):
    organisation = _organisation(request, pk, "relations.add_task")
    initial = {"owner": request.user.pk, "interaction": request.GET.get("interaction")}
    form = TaskForm(request.POST or None, organisation=organisation, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.add_task(actor=request.user, organisation=organisation, **form.cleaned_data),
        )
    ):
        return _saved(request, organisation, _("Task added."))
    return _form_page(
        request,
        organisation,
        form,
        title=_("Add a follow-up task"),
        action=reverse("relations:task_create", args=[pk]),
    )


def _task(request, pk: int, permission: str) -> Task:
    task = get_visible_or_404(Task.objects.select_related("organisation", "interaction"), request.user, pk=pk)
    require(request.user, permission, task)
    return task


@login_required
def task_edit(request, pk: int):
    task = _task(request, pk, "relations.change_task")
    organisation = task.organisation
    initial = {
        "title": task.title,
        "due_on": task.due_on,
        "owner": task.owner_id,
        "interaction": task.interaction_id,
    }
    form = TaskForm(request.POST or None, organisation=organisation, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(form, lambda: services.update_task(actor=request.user, task=task, **form.cleaned_data))
    ):
        return _saved(request, organisation, _("Changes saved."))
    return _form_page(
        request,
        organisation,
        form,
        title=_("Change the task"),
        action=reverse("relations:task_edit", args=[pk]),
    )


def _task_action(request, pk: int, permission: str, write, message: str):
    task = _task(request, pk, permission)
    try:
        write(actor=request.user, task=task)
    except ValidationError as error:  # done twice (two tabs): said, and the section shown as it is
        messages.error(request, " ".join(error.messages))
        message = ""
    return _saved(request, task.organisation, message)


@login_required
@require_POST
def task_done(request, pk: int):
    return _task_action(request, pk, "relations.change_task", services.complete_task, _("Task done."))


@login_required
@require_POST
def task_reopen(request, pk: int):
    return _task_action(request, pk, "relations.change_task", services.reopen_task, _("Task reopened."))


@login_required
@require_POST
def task_delete(request, pk: int):
    return _task_action(request, pk, "relations.delete_task", services.delete_task, _("Task deleted."))


# -- segments


@login_required
def segment_list(request):
    require(request.user, "relations.add_segment")
    rows = Segment.objects.visible_to(request.user).select_related("owner")
    return render(request, "relations/segment_list.html", {"segments": rows})


@login_required
def segment_create(request):
    """From the directory's list ("Save as segment"): its query comes along."""
    require(request.user, "relations.add_segment")
    try:
        query = services.normalise_query(request.GET.urlencode())
    except ValidationError:
        query = ""  # not filters of the directory: the whole directory, which the form shows
    form = SegmentForm(request.POST or None, initial={"query": query})
    if request.method == "POST" and form.is_valid():
        try:
            segment = services.save_segment(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Segment saved."))
            return redirect("relations:segment_detail", pk=segment.pk)
    preview = Segment(query=form["query"].value() or "")
    return render(
        request,
        "relations/segment_form.html",
        {"form": form, "filters": _filters(preview), "title": _("Save as segment")},
    )


def _value_labels(name: str, values: list[str]) -> list[str]:
    """A filter's values as people read them: a kind's label, a field's or a campus's name."""
    from biocluster.directory.models import Campus, TechnologyField, ValueChainStage

    codes = [code for value in values for code in value.split(",") if code]
    if name == "field":
        names = {f.code: f.name for f in TechnologyField.objects.filter(code__in=codes)}
    elif name == "stage":
        names = {s.code: s.name for s in ValueChainStage.objects.filter(code__in=codes)}
    elif name == "campus":
        names = {str(c.pk): c.name for c in Campus.objects.filter(pk__in=[c for c in codes if c.isdigit()])}
    else:
        names = {str(k): str(v) for k, v in OrganisationFilter.base_filters[name].extra.get("choices", [])}
    return [names.get(code, code) for code in codes]


def _filters(segment) -> list[tuple[str, str]]:
    """The segment's filters as people read them: the directory filter's label and the values."""
    labels = {name: str(f.label or name) for name, f in OrganisationFilter.base_filters.items()}
    query = QueryDict(segment.query)
    return [
        (labels.get(name, name), ", ".join(_value_labels(name, query.getlist(name))))
        for name in query
        if name in labels and any(v.strip() for v in query.getlist(name))
    ]


def _segment(request, pk: int, permission: str) -> Segment:
    segment = get_visible_or_404(Segment.objects.select_related("owner"), request.user, pk=pk)
    require(request.user, permission, segment)
    return segment


@login_required
def segment_detail(request, pk: int):
    segment = _segment(request, pk, "relations.view_segment")
    return render(
        request,
        "relations/segment_detail.html",
        {
            "segment": segment,
            "filters": _filters(segment),
            "counts": segments.counts(segment, request.user),
            "can_change": request.user.has_perm("relations.change_segment", segment),
            "can_export": request.user.has_perm("relations.export_segment", segment),
        },
    )


@login_required
def segment_edit(request, pk: int):
    segment = _segment(request, pk, "relations.change_segment")
    initial = {"name": segment.name, "query": segment.query, "is_shared": segment.is_shared}
    form = SegmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_segment(actor=request.user, segment=segment, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("relations:segment_detail", pk=segment.pk)
    return render(
        request,
        "relations/segment_form.html",
        {"form": form, "segment": segment, "filters": _filters(segment), "title": _("Change the segment")},
    )


@login_required
@require_POST
def segment_delete(request, pk: int):
    segment = _segment(request, pk, "relations.change_segment")
    services.delete_segment(actor=request.user, segment=segment)
    messages.success(request, _("Segment deleted."))
    return redirect("relations:segment_list")


@login_required
def segment_export(request, pk: int):
    """The segment's consenting contacts as CSV (the count is on the segment's page)."""
    segment = _segment(request, pk, "relations.export_segment")
    response = StreamingHttpResponse(
        segments.csv_lines(segment, request.user), content_type="text/csv; charset=utf-8"
    )
    name = slugify(segment.name) or "segment"
    response["Content-Disposition"] = f'attachment; filename="contacts-{name}.csv"'
    return response
