"""Every write to the staff's relations, whether from a page, the API, the admin or the demo.

Each function takes the acting user, runs in a transaction and records its audit
event; a rule it refuses is a `ValidationError` naming the field. Who may call them
is the rules' business (`rules.py`), checked by the callers as everywhere else.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.accounts.roles import roles_of
from biocluster.audit import services as audit
from biocluster.directory.filters import OrganisationFilter
from biocluster.directory.models import Organisation, Person

from .models import Interaction, InteractionKind, Segment, Task

PEOPLE = ("people",)
MAX_NOTES = 10000
# Parameters of the directory's list that are not filters: the page shown is no part of a segment.
NOT_FILTERS = ("page",)


def _apply(obj, changes: dict, allowed: tuple[str, ...], text: str) -> None:
    """Set the `allowed` fields of `obj` from `changes` (`text`, a typed text, stripped); refuse others."""
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError({name: [_("This cannot be changed.")]})
        setattr(obj, name, value.strip() if name == text and isinstance(value, str) else value)


def _check_date(field: str, value) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({field: [_("Enter a date.")]})
    return value


def _check_interaction(interaction: Interaction) -> None:
    if interaction.kind not in InteractionKind.values:
        raise ValidationError({"kind": [_("Choose a meeting, a call, an e-mail or a visit.")]})
    _check_date("happened_on", interaction.happened_on)
    if interaction.happened_on > timezone.localdate():
        raise ValidationError(
            {
                "happened_on": [
                    _("An interaction is logged once it happened: the date cannot be in the future.")
                ]
            }
        )
    if len(interaction.notes or "") > MAX_NOTES:
        raise ValidationError({"notes": [_("At most %(limit)s characters.") % {"limit": MAX_NOTES}]})


def _people(people) -> list[Person]:
    people = list(people or [])
    if any(not isinstance(person, Person) for person in people):
        raise ValidationError({"people": [_("Choose people of the directory.")]})
    return people


@transaction.atomic
def log_interaction(
    *,
    actor,
    organisation: Organisation,
    kind: str,
    happened_on: datetime.date,
    people=(),
    notes: str = "",
    source: str = "",
) -> Interaction:
    """Record a meeting, call, e-mail or visit with `organisation`; `actor` is its author."""
    interaction = Interaction(
        organisation=organisation,
        kind=kind,
        happened_on=happened_on,
        author=actor if actor is not None and actor.is_authenticated else None,
        notes=(notes or "").strip(),
        source=source,
    )
    _check_interaction(interaction)
    people = _people(people)
    interaction.full_clean()
    interaction.save()
    interaction.people.set(people)
    audit.record_create(actor=actor, obj=interaction, action="relations.interaction.logged", m2m=PEOPLE)
    return interaction


@transaction.atomic
def update_interaction(*, actor, interaction: Interaction, **changes) -> Interaction:
    """Change the kind, date, people or notes (the organisation and the author stay)."""
    before = audit.snapshot(Interaction.objects.get(pk=interaction.pk), PEOPLE)
    people = changes.pop("people", None)
    _apply(interaction, changes, ("kind", "happened_on", "notes"), "notes")
    _check_interaction(interaction)
    interaction.full_clean()
    interaction.save()
    if people is not None:
        interaction.people.set(_people(people))
    audit.record_update(
        actor=actor, obj=interaction, action="relations.interaction.updated", before=before, m2m=PEOPLE
    )
    return interaction


@transaction.atomic
def delete_interaction(*, actor, interaction: Interaction) -> None:
    """Its tasks stay, no longer linked to it."""
    audit.record_delete(actor=actor, obj=interaction, action="relations.interaction.deleted", m2m=PEOPLE)
    interaction.delete()


def _check_task(task: Task) -> None:
    if not (task.title or "").strip():
        raise ValidationError({"title": [_("Say what is to be done.")]})
    _check_date("due_on", task.due_on)
    if task.owner_id is None or not roles_of(task.owner).is_cluster_staff:
        raise ValidationError({"owner": [_("A follow-up task is owned by a member of the cluster staff.")]})
    if task.interaction_id is not None and task.interaction.organisation_id != task.organisation_id:
        raise ValidationError({"interaction": [_("This interaction is with another organisation.")]})


@transaction.atomic
def add_task(
    *,
    actor,
    organisation: Organisation,
    title: str,
    due_on: datetime.date,
    owner,
    interaction: Interaction | None = None,
    source: str = "",
) -> Task:
    task = Task(
        organisation=organisation,
        title=(title or "").strip(),
        due_on=due_on,
        owner=owner,
        interaction=interaction,
        source=source,
    )
    _check_task(task)
    task.full_clean()
    task.save()
    audit.record_create(actor=actor, obj=task, action="relations.task.created")
    return task


@transaction.atomic
def update_task(*, actor, task: Task, **changes) -> Task:
    """Change the title, due date, owner or interaction; done and undone have their own functions."""
    before = audit.snapshot(Task.objects.get(pk=task.pk))
    _apply(task, changes, ("title", "due_on", "owner", "interaction"), "title")
    _check_task(task)
    task.full_clean()
    task.save()
    audit.record_update(actor=actor, obj=task, action="relations.task.updated", before=before)
    return task


@transaction.atomic
def complete_task(*, actor, task: Task) -> Task:
    """Done, by `actor`, now."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.is_done:
        raise ValidationError(_("This task is already done."), code="done")
    before = audit.snapshot(task)
    task.done_at = timezone.now()
    task.done_by = actor
    task.save(update_fields=["done_at", "done_by", "updated_at"])
    audit.record_update(actor=actor, obj=task, action="relations.task.completed", before=before)
    return task


@transaction.atomic
def reopen_task(*, actor, task: Task) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not task.is_done:
        raise ValidationError(_("This task is not done."), code="open")
    before = audit.snapshot(task)
    task.done_at = None
    task.done_by = None
    task.save(update_fields=["done_at", "done_by", "updated_at"])
    audit.record_update(actor=actor, obj=task, action="relations.task.reopened", before=before)
    return task


@transaction.atomic
def delete_task(*, actor, task: Task) -> None:
    audit.record_delete(actor=actor, obj=task, action="relations.task.deleted")
    task.delete()


def open_tasks_of(user, *, today: datetime.date | None = None) -> list[tuple[Task, bool]]:
    """`user`'s open tasks, soonest due first, each with whether it is overdue on `today`."""
    today = today or timezone.localdate()
    tasks = Task.objects.visible_to(user).open().filter(owner=user).select_related("organisation")
    return [(task, task.is_overdue(today)) for task in tasks.order_by("due_on", "id")]


# -- segments


def normalise_query(query: str) -> str:
    """The directory filters of `query`, checked by the directory's own filter set; the page dropped."""
    params = QueryDict(query or "", mutable=True)
    for name in NOT_FILTERS:
        params.pop(name, None)
    known = set(OrganisationFilter.base_filters)
    unknown = sorted(set(params) - known)
    if unknown:
        raise ValidationError(
            {"query": [_("Not a filter of the directory: %(names)s.") % {"names": ", ".join(unknown)}]}
        )
    filterset = OrganisationFilter(params, queryset=Organisation.objects.none())
    if not filterset.is_valid():
        raise ValidationError({"query": [" ".join(m for msgs in filterset.errors.values() for m in msgs)]})
    for name in list(params):  # an empty filter filters nothing
        if not any(value.strip() for value in params.getlist(name)):
            del params[name]
    return params.urlencode()


def _check_segment(segment: Segment) -> None:
    if not (segment.name or "").strip():
        raise ValidationError({"name": [_("Give the segment a name.")]})
    segment.query = normalise_query(segment.query)


@transaction.atomic
def save_segment(*, actor, name: str, query: str, is_shared: bool = False) -> Segment:
    segment = Segment(name=(name or "").strip(), query=query, is_shared=bool(is_shared), owner=actor)
    _check_segment(segment)
    segment.full_clean()
    segment.save()
    audit.record_create(actor=actor, obj=segment, action="relations.segment.saved")
    return segment


@transaction.atomic
def update_segment(*, actor, segment: Segment, **changes) -> Segment:
    before = audit.snapshot(Segment.objects.get(pk=segment.pk))
    _apply(segment, changes, ("name", "query", "is_shared"), "name")
    _check_segment(segment)
    segment.full_clean()
    segment.save()
    audit.record_update(actor=actor, obj=segment, action="relations.segment.updated", before=before)
    return segment


@transaction.atomic
def delete_segment(*, actor, segment: Segment) -> None:
    audit.record_delete(actor=actor, obj=segment, action="relations.segment.deleted")
    segment.delete()
