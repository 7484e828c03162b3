"""/api/interactions and /api/follow-ups: the staff's relations with organisations.

Cluster staff only, as on the pages: others find nothing (404) and may not write
(401 anonymous, 403 otherwise). Writes go through the same services.
"""

from datetime import date, datetime
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, OptionalId, Text
from biocluster.directory.models import Organisation, Person

from . import services
from .filters import InteractionFilter, TaskFilter
from .models import Interaction, Task

router = Router(tags=["relations"])

Kind = Literal["meeting", "call", "email", "visit"]


class InteractionOut(Schema):
    id: int
    organisation: int
    organisation_name: str
    kind: str
    happened_on: date
    people: list[int]
    author: str
    notes: str
    source: str


class InteractionQuery(Schema):
    organisation: int | None = Field(None, ge=1, le=MAX_ID)
    kind: Kind | None = None
    person: int | None = Field(None, ge=1, le=MAX_ID)


class InteractionIn(Schema):
    organisation: int = Field(ge=1, le=MAX_ID)
    kind: Kind
    happened_on: date
    people: list[int] = Field(default_factory=list, max_length=200)
    notes: Text(10000) = ""


class InteractionPatch(Schema):
    kind: Kind | None = None
    happened_on: date | None = None
    people: list[int] | None = Field(None, max_length=200)
    notes: Text(10000) | None = None


class TaskOut(Schema):
    id: int
    organisation: int
    organisation_name: str
    interaction: int | None
    title: str
    due_on: date
    owner: int
    owner_name: str
    done_at: datetime | None
    done_by: int | None
    source: str


class TaskQuery(Schema):
    organisation: int | None = Field(None, ge=1, le=MAX_ID)
    owner: int | None = Field(None, ge=1, le=MAX_ID)
    mine: bool | None = None
    open: bool | None = None


class TaskIn(Schema):
    organisation: int = Field(ge=1, le=MAX_ID)
    title: Text(200, 1)
    due_on: date
    owner: int | None = Field(None, ge=1, le=MAX_ID, description="A staff member; you by default.")
    interaction: OptionalId = None


class TaskPatch(Schema):
    title: Text(200, 1) | None = None
    due_on: date | None = None
    owner: int | None = Field(None, ge=1, le=MAX_ID)
    interaction: OptionalId = None


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def interaction_out(interaction: Interaction) -> dict:
    return {
        "id": interaction.pk,
        "organisation": interaction.organisation_id,
        "organisation_name": interaction.organisation.name,
        "kind": interaction.kind,
        "happened_on": interaction.happened_on,
        "people": [person.pk for person in interaction.people.all()],
        "author": _name(interaction.author),
        "notes": interaction.notes,
        "source": interaction.source,
    }


def task_out(task: Task) -> dict:
    return {
        "id": task.pk,
        "organisation": task.organisation_id,
        "organisation_name": task.organisation.name,
        "interaction": task.interaction_id,
        "title": task.title,
        "due_on": task.due_on,
        "owner": task.owner_id,
        "owner_name": _name(task.owner),
        "done_at": task.done_at,
        "done_by": task.done_by_id,
        "source": task.source,
    }


def _interactions(request):
    return (
        Interaction.objects.visible_to(request.user)
        .select_related("organisation", "author")
        .prefetch_related("people")
    )


def _tasks(request):
    return Task.objects.visible_to(request.user).select_related("organisation", "owner")


def _organisation(request, pk: int) -> Organisation:
    organisation = Organisation.objects.visible_to(request.user).filter(pk=pk).first()
    if organisation is None:
        raise ValidationError({"organisation": [_("No such organisation.")]})
    return organisation


def _people(ids) -> list[Person]:
    wanted = set(ids)
    people = list(Person.objects.filter(pk__in=wanted))
    if len(people) != len(wanted):
        raise ValidationError({"people": [_("Choose people of the directory.")]})
    return people


def _owner(pk):
    owner = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if owner is None:
        raise ValidationError({"owner": [_("A follow-up task is owned by a member of the cluster staff.")]})
    return owner


def _interaction_of(request, pk):
    if pk is None:
        return None
    interaction = Interaction.objects.visible_to(request.user).filter(pk=pk).first()
    if interaction is None:
        raise ValidationError({"interaction": [_("No such interaction.")]})
    return interaction


# -- interactions


@router.get("/interactions", response=list[InteractionOut], summary="Interactions with organisations (staff)")
@paginate
def list_interactions(request, query: Query[InteractionQuery]):
    require(request.user, "relations.view_relations")
    return Shaped(filtered(InteractionFilter, query, _interactions(request)), interaction_out)


@router.get("/interactions/{pk}", response={200: InteractionOut, 404: Error})
def get_interaction(request, pk: ObjectId):
    return interaction_out(get_visible_or_404(_interactions(request), request.user, pk=pk))


@router.post(
    "/interactions", response={201: InteractionOut, 403: Error, 422: Error}, summary="Log an interaction"
)
def create_interaction(request, payload: InteractionIn):
    require(request.user, "relations.view_relations")
    organisation = _organisation(request, payload.organisation)
    require(request.user, "relations.add_interaction", organisation)
    interaction = services.log_interaction(
        actor=request.user,
        organisation=organisation,
        kind=payload.kind,
        happened_on=payload.happened_on,
        people=_people(payload.people),
        notes=payload.notes,
    )
    return Status(201, interaction_out(_interactions(request).get(pk=interaction.pk)))


@router.patch("/interactions/{pk}", response={200: InteractionOut, 403: Error, 404: Error, 422: Error})
def update_interaction(request, pk: ObjectId, payload: InteractionPatch):
    interaction = get_visible_or_404(_interactions(request), request.user, pk=pk)
    require(request.user, "relations.change_interaction", interaction)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    if "people" in changes:
        changes["people"] = _people(changes["people"])
    services.update_interaction(actor=request.user, interaction=interaction, **changes)
    return interaction_out(_interactions(request).get(pk=pk))


@router.delete("/interactions/{pk}", response={204: None, 403: Error, 404: Error})
def delete_interaction(request, pk: ObjectId):
    interaction = get_visible_or_404(_interactions(request), request.user, pk=pk)
    require(request.user, "relations.delete_interaction", interaction)
    services.delete_interaction(actor=request.user, interaction=interaction)
    return Status(204, None)


# -- follow-up tasks


@router.get("/follow-ups", response=list[TaskOut], summary="Follow-up tasks (staff)")
@paginate
def list_tasks(request, query: Query[TaskQuery]):
    require(request.user, "relations.view_relations")
    return Shaped(filtered(TaskFilter, query, _tasks(request), request), task_out)


@router.get("/follow-ups/{pk}", response={200: TaskOut, 404: Error})
def get_task(request, pk: ObjectId):
    return task_out(get_visible_or_404(_tasks(request), request.user, pk=pk))


@router.post("/follow-ups", response={201: TaskOut, 403: Error, 422: Error}, summary="Add a follow-up task")
def create_task(request, payload: TaskIn):
    require(request.user, "relations.view_relations")
    organisation = _organisation(request, payload.organisation)
    require(request.user, "relations.add_task", organisation)
    task = services.add_task(
        actor=request.user,
        organisation=organisation,
        title=payload.title,
        due_on=payload.due_on,
        owner=_owner(payload.owner) if payload.owner else request.user,
        interaction=_interaction_of(request, payload.interaction),
    )
    return Status(201, task_out(_tasks(request).get(pk=task.pk)))


@router.patch("/follow-ups/{pk}", response={200: TaskOut, 403: Error, 404: Error, 422: Error})
def update_task(request, pk: ObjectId, payload: TaskPatch):
    task = get_visible_or_404(_tasks(request), request.user, pk=pk)
    require(request.user, "relations.change_task", task)
    changes = payload.dict(exclude_unset=True)
    if "owner" in changes:
        changes["owner"] = _owner(changes["owner"])
    if "interaction" in changes:
        changes["interaction"] = _interaction_of(request, changes["interaction"])
    changes = {name: value for name, value in changes.items() if value is not None or name == "interaction"}
    services.update_task(actor=request.user, task=task, **changes)
    return task_out(_tasks(request).get(pk=pk))


@router.post("/follow-ups/{pk}/done", response={200: TaskOut, 403: Error, 404: Error, 422: Error})
def complete_task(request, pk: ObjectId):
    task = get_visible_or_404(_tasks(request), request.user, pk=pk)
    require(request.user, "relations.change_task", task)
    services.complete_task(actor=request.user, task=task)
    return task_out(_tasks(request).get(pk=pk))


@router.post("/follow-ups/{pk}/reopen", response={200: TaskOut, 403: Error, 404: Error, 422: Error})
def reopen_task(request, pk: ObjectId):
    task = get_visible_or_404(_tasks(request), request.user, pk=pk)
    require(request.user, "relations.change_task", task)
    services.reopen_task(actor=request.user, task=task)
    return task_out(_tasks(request).get(pk=pk))


@router.delete("/follow-ups/{pk}", response={204: None, 403: Error, 404: Error})
def delete_task(request, pk: ObjectId):
    task = get_visible_or_404(_tasks(request), request.user, pk=pk)
    require(request.user, "relations.delete_task", task)
    services.delete_task(actor=request.user, task=task)
    return Status(204, None)
