"""/api/projects: the EU and international projects, with their plan nested in the detail.

Cluster staff see every project, a consortium partner's members theirs (404 on others'), as
on the pages. Writes go through the same services: the coordinator's people create and plan;
a partner's members move the deliverables their organisation owns.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, Text
from biocluster.directory.models import Organisation

from . import services
from .filters import ProjectFilter
from .models import Deliverable, DeliverableStep, Participant, Project, Task, WorkPackage

router = Router(tags=["eu-projects"])

RoleName = Literal["coordinator", "partner"]
StatusName = Literal["draft", "review", "final", "submitted", "accepted"]
Level = Literal["PU", "SEN"]


def Month():
    return Field(ge=1, le=999)


def Amount():
    return Field(Decimal(0), ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)


class EuConsortiumPartnerOut(Schema):
    organisation: int
    organisation_name: str
    role: str
    is_cluster: bool
    budget: Decimal
    eu_contribution: Decimal


class EuTaskOut(Schema):
    id: int
    number: int
    title: str
    start_month: int
    end_month: int


class EuWorkPackageOut(Schema):
    id: int
    number: int
    title: str
    leader: int
    leader_name: str
    start_month: int
    end_month: int
    tasks: list[EuTaskOut]


class EuDeliverableStepOut(Schema):
    status: str
    moved_on: date
    moved_by: str
    note: str


class EuDeliverableOut(Schema):
    id: int
    number: str
    title: str
    work_package: int
    due_month: int
    due_on: date
    owner: int
    owner_name: str
    dissemination: str
    status: str
    steps: list[EuDeliverableStepOut]


class EuMilestoneOut(Schema):
    id: int
    number: int
    title: str
    month: int
    verification: str


class EuReportingPeriodOut(Schema):
    id: int
    number: int
    start_month: int
    end_month: int


class EuProjectOut(Schema):
    id: int
    acronym: str
    title: str
    programme: str
    call: str
    starts_on: date
    ends_on: date
    signed_on: date | None
    months: int
    cluster_role: str | None
    source: str


class EuProjectDetailOut(EuProjectOut):
    objectives: str
    participants: list[EuConsortiumPartnerOut]
    work_packages: list[EuWorkPackageOut]
    deliverables: list[EuDeliverableOut]
    milestones: list[EuMilestoneOut]
    reporting_periods: list[EuReportingPeriodOut]
    warnings: list[str]


class EuProjectQuery(Schema):
    q: Text(100) | None = None
    programme: Text(120) | None = None
    role: RoleName | None = None
    year: int | None = Field(None, ge=1900, le=2200)


class EuProjectIn(Schema):
    acronym: Text(40, 1)
    title: Text(300, 1)
    programme: Text(120, 1)
    call: Text(200) = ""
    starts_on: date
    ends_on: date
    signed_on: date | None = None
    objectives: Text(5000) = ""
    cluster: int = Field(ge=1, le=MAX_ID, description="The cluster's organisation in the directory.")
    cluster_role: RoleName
    budget: Decimal = Amount()
    eu_contribution: Decimal = Amount()


class EuProjectPatch(Schema):
    acronym: Text(40, 1) | None = None
    title: Text(300, 1) | None = None
    programme: Text(120, 1) | None = None
    call: Text(200) | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    signed_on: date | None = None
    objectives: Text(5000) | None = None


class EuWorkPackageIn(Schema):
    number: int = Field(ge=1, le=999)
    title: Text(200, 1)
    leader: int = Field(ge=1, le=MAX_ID, description="An organisation of the directory.")
    start_month: int = Month()
    end_month: int = Month()


class EuDeliverableIn(Schema):
    number: Text(20, 1)
    title: Text(200, 1)
    work_package: int = Field(ge=1, le=MAX_ID)
    due_month: int = Month()
    owner: int = Field(ge=1, le=MAX_ID, description="An organisation of the consortium.")
    dissemination: Level = "PU"


class EuMilestoneIn(Schema):
    number: int = Field(ge=1, le=999)
    title: Text(200, 1)
    month: int = Month()
    verification: Text(300) = ""


class EuDeliverableMoveIn(Schema):
    status: StatusName
    moved_on: date | None = Field(None, description="The day of the step; today by default.")
    note: Text(500) = ""


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def _cluster_role(project: Project) -> str | None:
    return next((p.role for p in project.participants.all() if p.is_cluster), None)


def project_out(project: Project) -> dict:
    return {
        "id": project.pk,
        "acronym": project.acronym,
        "title": project.title,
        "programme": project.programme,
        "call": project.call,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "signed_on": project.signed_on,
        "months": project.months,
        "cluster_role": _cluster_role(project),
        "source": project.source,
    }


def deliverable_out(deliverable: Deliverable, project: Project) -> dict:
    return {
        "id": deliverable.pk,
        "number": deliverable.number,
        "title": deliverable.title,
        "work_package": deliverable.work_package_id,
        "due_month": deliverable.due_month,
        "due_on": project.month_ends(deliverable.due_month),
        "owner": deliverable.owner_id,
        "owner_name": deliverable.owner.name,
        "dissemination": deliverable.dissemination,
        "status": deliverable.status,
        "steps": [
            {"status": s.status, "moved_on": s.moved_on, "moved_by": _name(s.moved_by), "note": s.note}
            for s in deliverable.steps.all()
        ],
    }


def project_detail_out(project: Project) -> dict:
    participants = Prefetch("participants", queryset=Participant.objects.select_related("organisation"))
    project = Project.objects.prefetch_related(
        participants,
        Prefetch(
            "work_packages",
            queryset=WorkPackage.objects.select_related("leader").prefetch_related(
                Prefetch("tasks", queryset=Task.objects.order_by("number"))
            ),
        ),
        Prefetch(
            "deliverables",
            queryset=Deliverable.objects.select_related("owner").prefetch_related(
                Prefetch("steps", queryset=DeliverableStep.objects.select_related("moved_by").order_by("id"))
            ),
        ),
        "milestones",
        "periods",
    ).get(pk=project.pk)
    return project_out(project) | {
        "objectives": project.objectives,
        "participants": [
            {
                "organisation": p.organisation_id,
                "organisation_name": p.organisation.name,
                "role": p.role,
                "is_cluster": p.is_cluster,
                "budget": p.budget,
                "eu_contribution": p.eu_contribution,
            }
            for p in project.participants.all()
        ],
        "work_packages": [
            {
                "id": wp.pk,
                "number": wp.number,
                "title": wp.title,
                "leader": wp.leader_id,
                "leader_name": wp.leader.name,
                "start_month": wp.start_month,
                "end_month": wp.end_month,
                "tasks": [
                    {
                        "id": t.pk,
                        "number": t.number,
                        "title": t.title,
                        "start_month": t.start_month,
                        "end_month": t.end_month,
                    }
                    for t in wp.tasks.all()
                ],
            }
            for wp in project.work_packages.all()
        ],
        "deliverables": [deliverable_out(d, project) for d in project.deliverables.all()],
        "milestones": [
            {
                "id": m.pk,
                "number": m.number,
                "title": m.title,
                "month": m.month,
                "verification": m.verification,
            }
            for m in project.milestones.all()
        ],
        "reporting_periods": [
            {"id": p.pk, "number": p.number, "start_month": p.start_month, "end_month": p.end_month}
            for p in project.periods.all()
        ],
        "warnings": services.warnings(project),
    }


def _projects(request):
    return Project.objects.visible_to(request.user).prefetch_related("participants")


def _organisation(request, pk: int, field: str) -> Organisation:
    organisation = Organisation.objects.visible_to(request.user).filter(pk=pk).first()
    if organisation is None:
        raise ValidationError({field: [_("No such organisation.")]})
    return organisation


def _editable(request, pk: int) -> Project:
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    require(request.user, "euprojects.change_project", project)
    return project


@router.get("/projects", response=list[EuProjectOut], summary="EU and international projects")
@paginate
def list_projects(request, query: Query[EuProjectQuery]):
    require(request.user, "euprojects.view_due_deliverables")  # signed in: each sees the projects they may
    return Shaped(filtered(ProjectFilter, query, _projects(request)), project_out)


@router.get("/projects/{pk}", response={200: EuProjectDetailOut, 404: Error})
def get_project(request, pk: ObjectId):
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    return project_detail_out(project)


@router.post(
    "/projects", response={201: EuProjectDetailOut, 403: Error, 422: Error}, summary="Create a project"
)
def create_project(request, payload: EuProjectIn):
    require(request.user, "euprojects.add_project")
    values = payload.dict()
    values["cluster"] = _organisation(request, payload.cluster, "cluster")
    project = services.create_project(actor=request.user, **values)
    return Status(201, project_detail_out(project))


@router.patch("/projects/{pk}", response={200: EuProjectDetailOut, 403: Error, 404: Error, 422: Error})
def update_project(request, pk: ObjectId, payload: EuProjectPatch):
    project = _editable(request, pk)
    changes = payload.dict(exclude_unset=True)
    changes = {name: value for name, value in changes.items() if value is not None or name == "signed_on"}
    services.update_project(actor=request.user, project=project, **changes)
    return project_detail_out(project)


@router.post(
    "/projects/{pk}/work-packages", response={201: EuWorkPackageOut, 403: Error, 404: Error, 422: Error}
)
def create_work_package(request, pk: ObjectId, payload: EuWorkPackageIn):
    project = _editable(request, pk)
    values = payload.dict()
    values["leader"] = _organisation(request, payload.leader, "leader")
    wp = services.add_work_package(actor=request.user, project=project, **values)
    return Status(
        201,
        {
            "id": wp.pk,
            "number": wp.number,
            "title": wp.title,
            "leader": wp.leader_id,
            "leader_name": wp.leader.name,
            "start_month": wp.start_month,
            "end_month": wp.end_month,
            "tasks": [],
        },
    )


@router.post(
    "/projects/{pk}/deliverables", response={201: EuDeliverableOut, 403: Error, 404: Error, 422: Error}
)
def create_deliverable(request, pk: ObjectId, payload: EuDeliverableIn):
    project = _editable(request, pk)
    values = payload.dict()
    values["owner"] = _organisation(request, payload.owner, "owner")
    work_package = project.work_packages.filter(pk=payload.work_package).first()
    if work_package is None:
        raise ValidationError({"work_package": [_("Choose a work package of this project.")]})
    values["work_package"] = work_package
    deliverable = services.add_deliverable(actor=request.user, project=project, **values)
    return Status(201, deliverable_out(deliverable, project))


@router.post("/projects/{pk}/milestones", response={201: EuMilestoneOut, 403: Error, 404: Error, 422: Error})
def create_milestone(request, pk: ObjectId, payload: EuMilestoneIn):
    project = _editable(request, pk)
    milestone = services.add_milestone(actor=request.user, project=project, **payload.dict())
    return Status(
        201,
        {
            "id": milestone.pk,
            "number": milestone.number,
            "title": milestone.title,
            "month": milestone.month,
            "verification": milestone.verification,
        },
    )


@router.post(
    "/deliverables/{pk}/moves",
    response={201: EuDeliverableOut, 403: Error, 404: Error, 422: Error},
    summary="Move a deliverable along its review chain",
)
def move_deliverable(request, pk: ObjectId, payload: EuDeliverableMoveIn):
    deliverable = get_visible_or_404(Deliverable.objects.select_related("project"), request.user, pk=pk)
    require(request.user, "euprojects.move_deliverable", deliverable)
    services.move_deliverable(
        actor=request.user,
        deliverable=deliverable,
        status=payload.status,
        on=payload.moved_on,
        note=payload.note,
    )
    deliverable = (
        Deliverable.objects.select_related("owner", "project").prefetch_related("steps__moved_by").get(pk=pk)
    )
    return Status(201, deliverable_out(deliverable, deliverable.project))
