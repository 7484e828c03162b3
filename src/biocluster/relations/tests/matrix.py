"""The relations rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. The staff's relations are cluster
staff's (any department) and administrators': others may see the organisation
(403 on its forms) but never an interaction, a task or a segment (404). A segment
is its owner's (`segment`, the staff fixture's); another's is seen when shared
(`segment_shared`), never changed; a private one of another is not seen.
"""

from biocluster.core.tests.admin_matrix import admin_rows

STAFF_ONLY = "302 403 403 200 403 403 200"
STAFF_WRITES = "302 403 403 302 403 403 302"
STAFF_SEES = "302 404 404 200 404 404 200"
STAFF_SEES_WRITES = "302 404 404 302 404 404 302"

PAGES = {
    ("relations:interaction_create", "relations_organisation", "get"): STAFF_ONLY,
    ("relations:interaction_create", "relations_organisation", "post"): STAFF_WRITES,
    ("relations:interaction_edit", "interaction", "get"): STAFF_SEES,
    ("relations:interaction_edit", "interaction", "post"): STAFF_SEES_WRITES,
    ("relations:interaction_delete", "interaction", "post"): STAFF_SEES_WRITES,
    ("relations:task_create", "relations_organisation", "get"): STAFF_ONLY,
    ("relations:task_create", "relations_organisation", "post"): STAFF_WRITES,
    ("relations:task_edit", "task", "get"): STAFF_SEES,
    ("relations:task_edit", "task", "post"): STAFF_SEES_WRITES,
    ("relations:task_done", "task", "post"): STAFF_SEES_WRITES,
    ("relations:task_reopen", "task", "post"): STAFF_SEES_WRITES,
    ("relations:task_delete", "task", "post"): STAFF_SEES_WRITES,
    ("relations:segment_list", None, "get"): STAFF_ONLY,
    ("relations:segment_create", None, "get"): STAFF_ONLY,
    ("relations:segment_create", None, "post"): STAFF_WRITES,
    ("relations:segment_detail", "segment", "get"): STAFF_SEES,
    ("relations:segment_detail", "segment_shared", "get"): STAFF_SEES,
    ("relations:segment_detail", "segment_private", "get"): "302 404 404 404 404 404 200",
    ("relations:segment_edit", "segment", "get"): STAFF_SEES,
    ("relations:segment_edit", "segment", "post"): STAFF_SEES_WRITES,
    ("relations:segment_edit", "segment_shared", "get"): "302 404 404 403 404 404 200",
    ("relations:segment_delete", "segment", "post"): STAFF_SEES_WRITES,
    ("relations:segment_delete", "segment_shared", "post"): "302 404 404 403 404 404 302",
    ("relations:segment_export", "segment", "get"): STAFF_SEES,
    ("relations:segment_export", "segment_shared", "get"): STAFF_SEES,
    ("relations:segment_export", "segment_private", "get"): "302 404 404 404 404 404 200",
}

API = {
    ("/api/interactions", None, "get"): "401 403 403 200 403 403 200",
    ("/api/interactions", None, "post"): "401 403 403 201 403 403 201",
    ("/api/interactions/{pk}", "interaction", "get"): "404 404 404 200 404 404 200",
    ("/api/interactions/{pk}", "interaction", "patch"): "401 404 404 200 404 404 200",
    ("/api/interactions/{pk}", "interaction", "delete"): "401 404 404 204 404 404 204",
    ("/api/follow-ups", None, "get"): "401 403 403 200 403 403 200",
    ("/api/follow-ups", None, "post"): "401 403 403 201 403 403 201",
    ("/api/follow-ups/{pk}", "task", "get"): "404 404 404 200 404 404 200",
    ("/api/follow-ups/{pk}", "task", "patch"): "401 404 404 200 404 404 200",
    ("/api/follow-ups/{pk}", "task", "delete"): "401 404 404 204 404 404 204",
    ("/api/follow-ups/{pk}/done", "task", "post"): "401 404 404 200 404 404 200",
    ("/api/follow-ups/{pk}/reopen", "task_done", "post"): "401 404 404 200 404 404 200",
}

BODIES = {
    ("relations:interaction_create", "post"): {"kind": "call", "happened_on": "2020-05-06", "notes": "Hello"},
    ("relations:interaction_edit", "post"): {"kind": "visit", "happened_on": "2020-05-07", "notes": "Visit"},
    ("relations:task_create", "post"): {"title": "Send the offer", "due_on": "2030-01-02", "owner": 0},
    ("relations:task_edit", "post"): {"title": "Send the offer again", "due_on": "2030-01-03", "owner": 0},
    ("relations:segment_create", "post"): {"name": "Start-ups", "query": "kind=startup"},
    ("relations:segment_edit", "post"): {"name": "Start-ups and SMEs", "query": "kind=startup&kind=sme"},
    ("/api/interactions", "post"): {"organisation": 0, "kind": "meeting", "happened_on": "2020-05-06"},
    ("/api/interactions/{pk}", "patch"): {"notes": "Called back."},
    ("/api/follow-ups", "post"): {"organisation": 0, "title": "Call back", "due_on": "2030-01-02"},
    ("/api/follow-ups/{pk}", "patch"): {"due_on": "2030-02-03"},
}


def world(request) -> dict:
    from biocluster.accounts.models import Department, Role
    from biocluster.accounts.services import grant_role
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.directory.tests.factories import OrganisationFactory

    from .factories import InteractionFactory, SegmentFactory, TaskFactory

    staff = request.getfixturevalue("staff_user")
    other = UserFactory(email="relations-staff@example.org")
    grant_role(actor=None, user=other, role=Role.STAFF, department=Department.ENTREPRISES)
    organisation = OrganisationFactory(name="Relations Bio")
    for key in (("relations:task_create", "post"), ("relations:task_edit", "post")):
        BODIES[key]["owner"] = staff.pk
    for key in (("/api/interactions", "post"), ("/api/follow-ups", "post")):
        BODIES[key]["organisation"] = organisation.pk
    interaction = InteractionFactory(organisation=organisation, happened_on="2020-05-05")
    return {
        "relations_organisation": organisation,
        "interaction": interaction,
        "task": TaskFactory(organisation=organisation, owner=staff, interaction=interaction),
        "task_done": TaskFactory(organisation=organisation, owner=other, done_at="2020-05-06T10:00Z"),
        "segment": SegmentFactory(owner=staff),
        "segment_shared": SegmentFactory(owner=other, is_shared=True),
        "segment_private": SegmentFactory(owner=other),
    }


ADMIN = (
    admin_rows("relations.interaction", "interaction", add=True, change=True, delete=True)
    | admin_rows("relations.task", "task", add=True, change=True, delete=True)
    | admin_rows("relations.segment", "segment", add=True, change=True, delete=True)
)


def more(request, user) -> None:
    """A few more rows in each list (see core/tests/test_query_budgets.py)."""
    from biocluster.directory.tests.factories import PersonFactory

    from .factories import InteractionFactory, TaskFactory

    staff = request.getfixturevalue("staff_user")
    for _ in range(3):
        interaction = InteractionFactory(people=[PersonFactory(), PersonFactory()])
        TaskFactory(organisation=interaction.organisation, owner=staff, interaction=interaction)
