"""The EU projects' rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff, platform_manager,
reviewer, administrator. The member's organisation ("Member Bio") is a partner of `eu_project`
(not its coordinator) and owns `eu_deliverable`; the staff fixture is assigned to `eu_project`,
not to `eu_project_other`, where the member's organisation takes no part. Cluster staff see
every project; partners see theirs (404 on others'); the coordinator's people (assigned staff,
administrators) edit; partners move their own deliverables.
"""

from biocluster.core.tests.admin_matrix import admin_rows

SIGNED_IN = "302 200 200 200 200 200 200"
STAFF_ONLY = "302 403 403 200 403 403 200"
STAFF_WRITES = "302 403 403 302 403 403 302"
PARTNERS_SEE = "302 200 200 200 404 404 200"
OTHERS = "302 404 404 200 404 404 200"
COORDINATOR = "302 403 403 200 404 404 200"
COORDINATOR_WRITES = "302 403 403 302 404 404 302"

KINDS = ("participant", "work_package", "task", "deliverable", "milestone", "period", "effort")

PAGES = {
    ("euprojects:project_list", None, "get"): SIGNED_IN,
    ("euprojects:due", None, "get"): SIGNED_IN,
    ("euprojects:project_create", None, "get"): STAFF_ONLY,
    ("euprojects:project_create", None, "post"): STAFF_WRITES,
    ("euprojects:project_detail", "eu_project", "get"): PARTNERS_SEE,
    ("euprojects:project_detail", "eu_project_other", "get"): OTHERS,
    ("euprojects:project_edit", "eu_project", "get"): COORDINATOR,
    ("euprojects:project_edit", "eu_project", "post"): COORDINATOR_WRITES,
    ("euprojects:project_edit", "eu_project_other", "get"): "302 404 404 403 404 404 200",
    ("euprojects:project_delete", "eu_project", "post"): COORDINATOR_WRITES,
    ("euprojects:deliverable_move", "eu_deliverable", "post"): "302 302 302 302 404 404 302",
    ("euprojects:deliverable_move", "eu_deliverable_other_owner", "post"): "302 403 403 302 404 404 302",
}
for kind in KINDS:
    PAGES |= {
        (f"euprojects:{kind}_create", "eu_project", "get"): COORDINATOR,
        (f"euprojects:{kind}_create", "eu_project", "post"): COORDINATOR_WRITES,
        (f"euprojects:{kind}_edit", f"eu_{kind}", "get"): COORDINATOR,
        (f"euprojects:{kind}_edit", f"eu_{kind}", "post"): COORDINATOR_WRITES,
        (f"euprojects:{kind}_delete", f"eu_{kind}", "post"): COORDINATOR_WRITES,
    }

API = {
    ("/api/projects", None, "get"): "401 200 200 200 200 200 200",
    ("/api/projects", None, "post"): "401 403 403 201 403 403 201",
    ("/api/projects/{pk}", "eu_project", "get"): "404 200 200 200 404 404 200",
    ("/api/projects/{pk}", "eu_project_other", "get"): "404 404 404 200 404 404 200",
    ("/api/projects/{pk}", "eu_project", "patch"): "401 403 403 200 404 404 200",
    ("/api/projects/{pk}/work-packages", "eu_project", "post"): "401 403 403 201 404 404 201",
    ("/api/projects/{pk}/deliverables", "eu_project", "post"): "401 403 403 201 404 404 201",
    ("/api/projects/{pk}/milestones", "eu_project", "post"): "401 403 403 201 404 404 201",
    ("/api/deliverables/{pk}/moves", "eu_deliverable", "post"): "401 201 201 201 404 404 201",
}

BODIES = {
    ("euprojects:project_create", "post"): {
        "acronym": "NEWPRJ",
        "title": "A new project",
        "programme": "Interreg",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "cluster": 0,
        "cluster_role": "coordinator",
        "budget": "0",
        "eu_contribution": "0",
    },
    ("euprojects:project_edit", "post"): {
        "acronym": "MATRIX",
        "title": "Changed",
        "programme": "Interreg",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
    },
    ("euprojects:deliverable_move", "post"): {"status": "review"},
    ("euprojects:participant_create", "post"): {
        "organisation": 0,
        "role": "partner",
        "budget": "10",
        "eu_contribution": "5",
    },
    ("euprojects:participant_edit", "post"): {"role": "partner", "budget": "100", "eu_contribution": "50"},
    ("euprojects:work_package_create", "post"): {
        "number": 5,
        "title": "Dissemination",
        "leader": 0,
        "start_month": 1,
        "end_month": 6,
    },
    ("euprojects:work_package_edit", "post"): {
        "number": 1,
        "title": "Management",
        "leader": 0,
        "start_month": 1,
        "end_month": 12,
    },
    ("euprojects:task_create", "post"): {
        "work_package": 0,
        "number": 9,
        "title": "Survey",
        "start_month": 1,
        "end_month": 3,
    },
    ("euprojects:task_edit", "post"): {"number": 1, "title": "Survey", "start_month": 1, "end_month": 3},
    ("euprojects:deliverable_create", "post"): {
        "number": "D9.9",
        "title": "Report",
        "work_package": 0,
        "due_month": 3,
        "owner": 0,
        "dissemination": "PU",
    },
    ("euprojects:deliverable_edit", "post"): {
        "number": "D1.1",
        "title": "Report",
        "work_package": 0,
        "due_month": 4,
        "owner": 0,
        "dissemination": "SEN",
    },
    ("euprojects:milestone_create", "post"): {
        "number": 9,
        "title": "Kick-off",
        "month": 1,
        "verification": "Minutes",
    },
    ("euprojects:milestone_edit", "post"): {
        "number": 1,
        "title": "Kick-off",
        "month": 2,
        "verification": "Minutes",
    },
    ("euprojects:period_create", "post"): {"number": 5, "start_month": 13, "end_month": 24},
    ("euprojects:period_edit", "post"): {"number": 1, "start_month": 1, "end_month": 12},
    ("euprojects:effort_create", "post"): {"participant": 0, "period": 0, "planned": "3"},
    ("euprojects:effort_edit", "post"): {"participant": 0, "period": 0, "planned": "4", "declared": "2"},
    ("/api/projects", "post"): {
        "acronym": "APIPRJ",
        "title": "A project",
        "programme": "Interreg",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "cluster": 0,
        "cluster_role": "partner",
    },
    ("/api/projects/{pk}", "patch"): {"title": "Changed through the API"},
    ("/api/projects/{pk}/work-packages", "post"): {
        "number": 7,
        "title": "Exploitation",
        "leader": 0,
        "start_month": 1,
        "end_month": 6,
    },
    ("/api/projects/{pk}/deliverables", "post"): {
        "number": "D7.1",
        "title": "Plan",
        "work_package": 0,
        "due_month": 6,
        "owner": 0,
    },
    ("/api/projects/{pk}/milestones", "post"): {"number": 7, "title": "Plan agreed", "month": 6},
    ("/api/deliverables/{pk}/moves", "post"): {"status": "review"},
}


def world(request) -> dict:
    from decimal import Decimal

    from biocluster.directory.tests.factories import OrganisationFactory

    from .factories import (
        DeliverableFactory,
        EffortFactory,
        MilestoneFactory,
        ParticipantFactory,
        PeriodFactory,
        ProjectFactory,
        StepFactory,
        TaskFactory,
        WorkPackageFactory,
    )

    staff = request.getfixturevalue("staff_user")
    member_organisation = request.getfixturevalue("member_organisation")
    project = ProjectFactory(acronym="MATRIX", staff=[staff])
    cluster = ParticipantFactory(project=project, role="coordinator", is_cluster=True)
    partner = ParticipantFactory(project=project, organisation=member_organisation)
    other_partner = ParticipantFactory(project=project)
    wp = WorkPackageFactory(project=project, number=1, leader=cluster.organisation)
    period = PeriodFactory(project=project, number=1, start_month=1, end_month=12)
    other = ProjectFactory(acronym="OTHER")
    ParticipantFactory(project=other, role="coordinator", is_cluster=True)
    newcomer = OrganisationFactory(name="Newcomer Bio")
    ids = {"cluster": cluster.organisation.pk, "organisation": newcomer.pk}
    for body in BODIES.values():
        for name, value in (
            ("cluster", ids["cluster"]),
            ("organisation", ids["organisation"]),
            ("leader", cluster.pk),
            ("work_package", wp.pk),
            ("owner", partner.pk),
            ("participant", partner.pk),
            ("period", period.pk),
        ):
            if name in body:
                body[name] = value
    for route in ("/api/projects/{pk}/work-packages", "/api/projects/{pk}/deliverables"):
        body = BODIES[(route, "post")]
        if "leader" in body:
            body["leader"] = cluster.organisation.pk
        if "owner" in body:
            body["owner"] = member_organisation.pk
    BODIES[("/api/projects", "post")]["cluster"] = newcomer.pk
    return {
        "eu_project": project,
        "eu_project_other": other,
        "eu_deliverable": DeliverableFactory(work_package=wp, number="D1.1", owner=member_organisation),
        "eu_deliverable_other_owner": DeliverableFactory(
            work_package=wp, number="D1.2", owner=other_partner.organisation
        ),
        "eu_step": StepFactory(
            deliverable=DeliverableFactory(work_package=wp, number="D1.3", owner=member_organisation)
        ),
        "eu_participant": other_partner,
        "eu_work_package": wp,
        "eu_task": TaskFactory(work_package=wp, number=1),
        "eu_milestone": MilestoneFactory(project=project, number=1),
        "eu_period": period,
        "eu_effort": EffortFactory(participant=partner, period=period, planned=Decimal("6")),
    }


ADMIN = (
    admin_rows("euprojects.project", "eu_project", change=True, delete=True)
    | admin_rows("euprojects.participant", "eu_participant", change=True, delete=True)
    | admin_rows("euprojects.workpackage", "eu_work_package", add=True, change=True, delete=True)
    | admin_rows("euprojects.task", "eu_task", add=True, change=True, delete=True)
    | admin_rows("euprojects.deliverable", "eu_deliverable", change=True, delete=True)
    | admin_rows("euprojects.milestone", "eu_milestone", add=True, change=True, delete=True)
    | admin_rows("euprojects.reportingperiod", "eu_period", add=True, change=True, delete=True)
    | admin_rows("euprojects.effort", "eu_effort", add=True, change=True, delete=True)
)


# The pages that list the rows of one target (see core/tests/test_query_budgets.py).
LISTS = {("euprojects:project_detail", "eu_project")}


def more(request, user) -> None:
    """A few more rows in each list: projects with partners and deliverables due soon, and more
    rows of every kind in the world's project."""
    import datetime

    from django.utils import timezone

    from biocluster.euprojects.models import Project

    from .factories import (
        DeliverableFactory,
        MilestoneFactory,
        ParticipantFactory,
        StepFactory,
        TaskFactory,
        WorkPackageFactory,
        consortium,
    )

    start = timezone.localdate().replace(day=1) - datetime.timedelta(days=60)
    for _ in range(3):
        _project, _cluster, partners, wp = consortium(
            partners=2, starts_on=start, ends_on=start.replace(year=start.year + 2)
        )
        for n, partner in enumerate(partners):
            DeliverableFactory(work_package=wp, number=f"D1.{n + 1}", due_month=3, owner=partner.organisation)
    project = Project.objects.get(acronym="MATRIX")
    base = 10 + project.work_packages.count() + project.milestones.count()
    for n in range(base, base + 3):
        partner = ParticipantFactory(project=project)
        wp = WorkPackageFactory(project=project, number=n, leader=partner.organisation)
        TaskFactory(work_package=wp, number=1)
        StepFactory(
            deliverable=DeliverableFactory(work_package=wp, number=f"D9.{n}", owner=partner.organisation)
        )
        MilestoneFactory(project=project, number=n)
