"""The programmes rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. The member's organisation is enrolled in
a Shaker cohort: its member and its administrator follow the enrolment. The shared
fixtures' staff work in the communication department, not entreprises: like any
other user they do not see enrolments (404) nor run the programmes (403).
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from biocluster.core.tests.admin_matrix import admin_rows

STAFF_ONLY = "302 403 403 403 403 403 200"
FOLLOWERS = "302 200 200 404 404 404 200"
STAFF_ON_ENROLMENT = "302 403 403 404 404 404 200"
STAFF_POST_ON_ENROLMENT = "302 403 403 404 404 404 302"

PAGES = {
    ("programmes:programme_list", None, "get"): "200 200 200 200 200 200 200",
    ("programmes:programme_detail", "programme", "get"): "200 200 200 200 200 200 200",
    ("programmes:programme_create", None, "get"): STAFF_ONLY,
    ("programmes:programme_edit", "programme", "get"): STAFF_ONLY,
    ("programmes:cohort_create", "programme", "get"): STAFF_ONLY,
    ("programmes:cohort_detail", "cohort", "get"): STAFF_ONLY,
    ("programmes:pipeline", None, "get"): STAFF_ONLY,
    ("programmes:alerts", None, "get"): STAFF_ONLY,
    ("programmes:enrolment_list", None, "get"): "302 200 200 200 200 200 200",
    ("programmes:enrolment_detail", "enrolment", "get"): FOLLOWERS,
    ("programmes:plan_edit", "enrolment", "get"): STAFF_ON_ENROLMENT,
    ("programmes:review_add", "enrolment", "get"): STAFF_ON_ENROLMENT,
    ("programmes:objective_add", "enrolment", "get"): STAFF_ON_ENROLMENT,
    ("programmes:action_add", "enrolment", "get"): STAFF_ON_ENROLMENT,
    ("programmes:action_status", "action", "post"): STAFF_POST_ON_ENROLMENT,
    ("programmes:session_add", "enrolment", "get"): FOLLOWERS,
    ("programmes:milestone_add", "enrolment", "get"): FOLLOWERS,
    ("programmes:milestone_evidence", "milestone", "get"): FOLLOWERS,
    ("programmes:milestone_review", "milestone", "post"): STAFF_POST_ON_ENROLMENT,
    ("programmes:renewal_request", "enrolment", "get"): FOLLOWERS,
    ("programmes:renewal_decide", "renewal", "post"): STAFF_POST_ON_ENROLMENT,
    ("programmes:enrolment_close", "enrolment", "get"): STAFF_ON_ENROLMENT,
    # Founders in a programme read the experts; other users have no use for them.
    ("programmes:expert_list", None, "get"): "302 200 200 403 403 403 200",
    ("programmes:expert_add", None, "get"): STAFF_ONLY,
}

API = {
    ("/api/programmes", None, "get"): "200 200 200 200 200 200 200",
    ("/api/programmes/{pk}", "programme", "get"): "200 200 200 200 200 200 200",
    ("/api/enrolments", None, "get"): "200 200 200 200 200 200 200",
    ("/api/enrolments/{pk}", "enrolment", "get"): "404 200 200 404 404 404 200",
    ("/api/enrolments/{pk}/sessions", "enrolment", "post"): "401 201 201 404 404 404 201",
    ("/api/enrolments/{pk}/renewals", "enrolment", "post"): "401 201 201 404 404 404 201",
    ("/api/milestones", None, "get"): "200 200 200 200 200 200 200",
    ("/api/milestones/{pk}", "milestone", "get"): "404 200 200 404 404 404 200",
    ("/api/milestones", None, "post"): "401 201 201 404 404 404 201",
}

BODIES = {
    ("programmes:action_status", "post"): {"status": "done"},
    ("programmes:milestone_review", "post"): {"validate": "yes"},
    ("programmes:renewal_decide", "post"): {"grant": "no", "note": "Not now"},
    ("/api/enrolments/{pk}/sessions", "post"): {
        "date": "",
        "kind": "coaching",
        "topic": "Pitch deck",
        "hours": 2,
    },
    ("/api/enrolments/{pk}/renewals", "post"): {
        "requested_end_date": "",
        "reason": "Proof of concept running",
    },
    ("/api/milestones", "post"): {
        "enrolment": 0,
        "kind": "fund_raise",
        "date": "",
        "title": "Seed round",
        "evidence": "https://example.org/press",
        "amount": 400000,
        "round": "seed",
        "investors": "Business angels",
    },
}


def world(request) -> dict:
    from django.core.files.base import ContentFile

    from biocluster.programmes import services
    from biocluster.programmes.models import Renewal
    from biocluster.programmes.tests.factories import (
        CohortFactory,
        EnrolmentFactory,
        ExpertFactory,
        MilestoneFactory,
        ProgrammeFactory,
    )

    settings = request.getfixturevalue("settings")
    settings.CALLS_PRIVATE_ROOT = settings.PRIVATE_ROOT = request.getfixturevalue("tmp_path") / "private"
    organisation = request.getfixturevalue("member_organisation")
    today = timezone.localdate()
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme, name="Shaker matrix", start_date=today - timedelta(days=30))
    enrolment = EnrolmentFactory(cohort=cohort, organisation=organisation)
    objective = enrolment.objectives.create(title="Validate the market")
    action = objective.actions.create(title="Interview ten clients", owner="Founder", due_date=today)
    # An earlier enrolment, ended, with a renewal request left undecided.
    earlier = EnrolmentFactory(
        cohort=CohortFactory(
            programme=programme, name="Shaker earlier", start_date=today - timedelta(days=800)
        ),
        organisation=organisation,
        status="graduated",
        ended_on=today - timedelta(days=700),
    )
    renewal = Renewal.objects.create(
        enrolment=earlier, requested_end_date=earlier.end_date + timedelta(days=30), reason="r"
    )
    ExpertFactory()
    BODIES[("/api/enrolments/{pk}/sessions", "post")]["date"] = today.isoformat()
    BODIES[("/api/enrolments/{pk}/renewals", "post")]["requested_end_date"] = services.max_end(
        enrolment
    ).isoformat()
    body = BODIES[("/api/milestones", "post")]
    body.update(enrolment=enrolment.pk, date=(today - timedelta(days=3)).isoformat())
    # A milestone with its evidence file, so that the download answers 200 to those who may see it.
    milestone = MilestoneFactory(enrolment=enrolment, evidence_file_name="extract.pdf")
    milestone.evidence_file.save("extract.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return {
        "programme": programme,
        "cohort": cohort,
        "enrolment": enrolment,
        "action": action,
        "milestone": milestone,
        "renewal": renewal,
    }


# The Django admin (see core/tests/admin_matrix.py): programmes and experts through
# `save_programme` and `save_expert`, cohorts created through `create_cohort`; the rest is shown only.
def _session(world):
    from biocluster.programmes.models import Session

    return Session.objects.create(
        enrolment=world["enrolment"], date="2026-11-02", kind="coaching", topic="Pricing", hours=2
    )


ADMIN = (
    admin_rows("programmes.programme", "programme", add=True, change=True)
    | admin_rows("programmes.cohort", "cohort", add=True)
    | admin_rows("programmes.expert", add=True, change=True)
    | admin_rows("programmes.enrolment", "enrolment")
    | admin_rows("programmes.session")
    | admin_rows("programmes.milestone", "milestone")
)
ADMIN_OBJECTS = {"programmes.session": _session}


_more = itertools.count(1)


def more(request, user) -> None:
    """A few more rows in each list (see core/tests/test_query_budgets.py): programmes, and
    enrolments with their sessions, quota overrides and milestones, and experts."""
    from biocluster.programmes.models import QuotaOverride, Session
    from biocluster.programmes.tests.factories import (
        CohortFactory,
        EnrolmentFactory,
        ExpertFactory,
        MilestoneFactory,
        ProgrammeFactory,
    )

    today = timezone.localdate()
    for _ in range(3):
        n = next(_more)
        programme = ProgrammeFactory(code=f"more-{n}", name_en=f"Programme {n}", name_fr=f"Programme {n}")
        cohort = CohortFactory(programme=programme, name=f"Cohort {n}", start_date=today - timedelta(days=20))
        enrolment = EnrolmentFactory(cohort=cohort)
        Session.objects.create(enrolment=enrolment, date=today, kind="coaching", topic="Pricing", hours=2)
        QuotaOverride.objects.create(
            enrolment=enrolment, decided_by=user, reason="Fund raising", hours_over=1
        )
        MilestoneFactory(enrolment=enrolment)
        ExpertFactory()
