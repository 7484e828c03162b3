"""The partner recommendation rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff, platform_manager,
reviewer, administrator. An organisation's suggestions are its members' and the staff's:
`member_organisation` (unlisted: the platform manager and the reviewer do not even see it)
and `rec_organisation` (listed: seen by all, its suggestions by the staff only). A
participant's "Suggested for you" is theirs alone (`rec_profile`, the member's profile at
an event): organisers included, everyone else gets 404. The model's page and the network's
suggested connections are the staff's.

The API's decline row puts the organisation's own id for the candidate (the matrix fills
every `{…}` with the target's id): whoever may decline is told 422 (an organisation is never
suggested to itself), which still shows who gets past the permission; test_api.py checks 201.
"""

from biocluster.core.tests.admin_matrix import admin_rows

MEMBERS = "302 200 200 200 404 404 200"
MEMBERS_WRITE = "302 302 302 302 404 404 302"
STAFF_ON_LISTED = "302 404 404 200 404 404 200"
STAFF_ONLY = "302 403 403 200 403 403 200"
STAFF_WRITES = "302 403 403 302 403 403 302"
PARTICIPANT = "302 200 404 404 404 404 404"
PARTICIPANT_WRITES = "302 302 404 404 404 404 404"

PAGES = {
    ("recommendations:organisation", "member_organisation", "get"): MEMBERS,
    ("recommendations:organisation", "rec_organisation", "get"): STAFF_ON_LISTED,
    ("recommendations:decline", "member_organisation", "post"): MEMBERS_WRITE,
    ("recommendations:decline", "rec_organisation", "post"): "302 404 404 302 404 404 302",
    ("recommendations:introduce", "rec_organisation", "post"): STAFF_WRITES,
    ("recommendations:participant", "rec_profile", "get"): PARTICIPANT,
    ("recommendations:participant_decline", "rec_profile", "post"): PARTICIPANT_WRITES,
    ("recommendations:participant_request", "rec_profile", "post"): PARTICIPANT_WRITES,
    ("recommendations:network", None, "get"): STAFF_ONLY,
    ("recommendations:build", None, "get"): STAFF_ONLY,
    ("recommendations:build", None, "post"): STAFF_WRITES,
    ("recommendations:build_progress", "rec_build", "get"): STAFF_ONLY,
}

API = {
    ("/api/organisations/{pk}/suggestions", "member_organisation", "get"): "404 200 200 200 404 404 200",
    ("/api/organisations/{pk}/suggestions", "rec_organisation", "get"): "404 404 404 200 404 404 200",
    ("/api/organisations/{pk}/suggestions/{candidate}/decline", "member_organisation", "post"): (
        "401 422 422 422 404 404 422"
    ),
}

BODIES = {
    ("recommendations:decline", "post"): {"candidate": 0},
    ("recommendations:introduce", "post"): {"candidate": 0, "message": "Meet them"},
    ("recommendations:participant_decline", "post"): {"other": 0},
    ("recommendations:participant_request", "post"): {"other": 0},
}


def world(request) -> dict:
    from biocluster.directory.tests.factories import OrganisationFactory
    from biocluster.partnering.tests.factories import EventFactory, participant
    from biocluster.recommendations.models import Decline, Introduction, ModelBuild

    member = request.getfixturevalue("member")
    member_organisation = request.getfixturevalue("member_organisation")
    candidate = OrganisationFactory(name="Candidate Bio", is_listed=True)
    event = EventFactory()
    mine = participant(event, user=member, organisation=member_organisation)
    other = participant(event, organisation=candidate)
    for key in (("recommendations:decline", "post"), ("recommendations:introduce", "post")):
        BODIES[key]["candidate"] = candidate.pk
    for key in (
        ("recommendations:participant_decline", "post"),
        ("recommendations:participant_request", "post"),
    ):
        BODIES[key]["other"] = other.pk
    return {
        "member_organisation": member_organisation,
        "rec_organisation": OrganisationFactory(name="Listed Bio", is_listed=True),
        "rec_profile": mine,
        "rec_build": ModelBuild.objects.create(status="done", total_rows=1000, processed_rows=1000),
        "rec_decline": Decline.objects.create(
            user=member, organisation=member_organisation, candidate=candidate
        ),
        "rec_introduction": Introduction.objects.create(organisation=member_organisation, partner=candidate),
    }


ADMIN = (
    admin_rows("recommendations.modelbuild", "rec_build")
    | admin_rows("recommendations.decline", "rec_decline")
    | admin_rows("recommendations.introduction", "rec_introduction")
)
