"""The accreditation rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. The shared staff fixture is in the
communication department: cluster staff read the whole register but only the
Entreprises department (not among these roles) and administrators keep it.
Targets: an accepted accreditation of a listed company (public), a refused one
(staff only) and an accepted one of the member's unlisted company (its people
and the staff).
"""

from biocluster.core.tests.admin_matrix import admin_rows

PAGES = {
    ("accreditation:register_list", None, "get"): "200 200 200 200 200 200 200",
    ("accreditation:detail", "accreditation", "get"): "200 200 200 200 200 200 200",
    ("accreditation:detail", "accreditation_refused", "get"): "404 404 404 200 404 404 200",
    ("accreditation:detail", "accreditation_own", "get"): "404 200 200 200 404 404 200",
    ("accreditation:change_status", "accreditation", "get"): "302 403 403 403 403 403 200",
    ("accreditation:change_status", "accreditation", "post"): "302 403 403 403 403 403 302",
    ("accreditation:change_status", "accreditation_refused", "get"): "302 404 404 403 404 404 200",
    ("accreditation:register_manage", None, "get"): "302 403 403 200 403 403 200",
    ("accreditation:decide", None, "get"): "302 403 403 403 403 403 200",
    ("accreditation:decide", None, "post"): "302 403 403 403 403 403 302",
    ("accreditation:export_csv", None, "get"): "302 403 403 200 403 403 200",
}

API = {
    ("/api/accreditations", None, "get"): "200 200 200 200 200 200 200",
    ("/api/accreditations/{pk}", "accreditation", "get"): "200 200 200 200 200 200 200",
    ("/api/accreditations/{pk}", "accreditation_refused", "get"): "404 404 404 200 404 404 200",
    ("/api/accreditations/{pk}", "accreditation_own", "get"): "404 200 200 200 404 404 200",
    ("/api/accreditations", None, "post"): "401 403 403 403 403 403 201",
    ("/api/accreditations/{pk}/statuses", "accreditation", "post"): "401 403 403 403 403 403 201",
}

BODIES = {
    ("accreditation:change_status", "post"): {"status": "moved_away", "since": "2020-02-03", "note": "Lyon"},
    ("accreditation:decide", "post"): {"organisation": 0, "decided_on": "2019-05-06", "decision": "accepted"},
    ("/api/accreditations", "post"): {"organisation": 0, "decided_on": "2019-05-06", "decision": "accepted"},
    ("/api/accreditations/{pk}/statuses", "post"): {"status": "acquired", "since": "2021-03-04"},
}


def world(request) -> dict:
    from biocluster.directory.tests.factories import OrganisationFactory

    from .factories import AccreditationFactory

    own = request.getfixturevalue("member_organisation")
    candidate = OrganisationFactory(name="Candidate Therapeutics")
    BODIES[("accreditation:decide", "post")]["organisation"] = candidate.pk
    BODIES[("/api/accreditations", "post")]["organisation"] = candidate.pk
    return {
        "accreditation": AccreditationFactory(organisation__name="Listed Genomics", decided_on="2012-04-05"),
        "accreditation_refused": AccreditationFactory(organisation__name="Refused Bio", decision="refused"),
        "accreditation_own": AccreditationFactory(organisation=own, decided_on="2016-09-10"),
    }


# The Django admin (see core/tests/admin_matrix.py): the register is shown only.
def _status(world):
    return world["accreditation"].statuses.create(since="2013-01-01", status="active")


ADMIN = admin_rows("accreditation.accreditation", "accreditation") | admin_rows(
    "accreditation.accreditationstatus"
)
ADMIN_OBJECTS = {"accreditation.accreditationstatus": _status}


def more(request, user) -> None:
    """A few more rows in each list (see core/tests/test_query_budgets.py): accepted, listed
    companies with their status history, and a refusal."""
    from .factories import AccreditationFactory

    for _ in range(3):
        accreditation = AccreditationFactory(decided_on="2015-03-02")
        accreditation.statuses.create(since="2016-01-01", status="active")
    AccreditationFactory(decision="refused")
