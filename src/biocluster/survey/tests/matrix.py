"""The survey rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff, platform_manager,
reviewer, administrator. Staff (any department) and administrators run the campaigns. The
response `response` is the shared fixtures' organisation's (`member_organisation`), which
`organisation_administrator` administers: they read and answer it; `member` (no administrator's
flag) and everyone else get 404. Staff read it but do not answer for the company (403); the
administrators (superusers) hold every permission, and the services refuse what the state forbids.
`response_submitted` is another company's, submitted: staff validate or return it.
"""

from biocluster.core.tests.admin_matrix import admin_rows

STAFF_ONLY = "302 403 403 200 403 403 200"
STAFF_WRITES = "302 403 403 302 403 403 302"
# The open campaign is seen by the organisation administrator (their company is asked), not changed.
CAMPAIGN_SEEN = "302 404 403 200 404 404 200"
CAMPAIGN_WRITES = "302 404 403 302 404 404 302"
SUBMITTED_SEEN = "302 404 404 200 404 404 200"
SUBMITTED_WRITES = "302 404 404 302 404 404 302"

PAGES = {
    ("survey:campaign_list", None, "get"): STAFF_ONLY,
    ("survey:campaign_create", None, "get"): STAFF_ONLY,
    ("survey:campaign_create", None, "post"): STAFF_WRITES,
    ("survey:campaign_detail", "campaign", "get"): CAMPAIGN_SEEN,
    ("survey:campaign_detail", "draft_campaign", "get"): SUBMITTED_SEEN,
    ("survey:campaign_progress", "campaign", "get"): CAMPAIGN_SEEN,
    ("survey:campaign_edit", "campaign", "get"): CAMPAIGN_SEEN,
    ("survey:campaign_edit", "campaign", "post"): CAMPAIGN_WRITES,
    ("survey:campaign_edit", "closed_campaign", "get"): "302 404 404 403 404 404 200",
    ("survey:campaign_open", "draft_campaign", "post"): SUBMITTED_WRITES,
    ("survey:campaign_close", "campaign", "post"): CAMPAIGN_WRITES,
    ("survey:campaign_add_company", "campaign", "post"): CAMPAIGN_WRITES,
    ("survey:my_responses", None, "get"): "302 200 200 200 200 200 200",
    ("survey:response_detail", "response", "get"): "302 404 200 200 404 404 200",
    ("survey:response_detail", "response", "post"): "302 404 302 403 404 404 302",
    ("survey:response_detail", "response_submitted", "get"): SUBMITTED_SEEN,
    ("survey:response_detail", "draft_response", "get"): SUBMITTED_SEEN,
    ("survey:response_validate", "response_submitted", "post"): SUBMITTED_WRITES,
    ("survey:response_validate", "response", "post"): "302 404 403 403 404 404 302",
    ("survey:response_return", "response_submitted", "get"): SUBMITTED_SEEN,
    ("survey:response_return", "response_submitted", "post"): SUBMITTED_WRITES,
    ("survey:response_remove", "response", "post"): CAMPAIGN_WRITES,
}

API = {
    ("/api/surveys", None, "get"): "401 200 200 200 200 200 200",
    ("/api/surveys/{pk}", "campaign", "get"): "404 404 200 200 404 404 200",
    ("/api/surveys/{pk}", "draft_campaign", "get"): "404 404 404 200 404 404 200",
    ("/api/survey-responses", None, "get"): "401 200 200 200 200 200 200",
    ("/api/survey-responses/{pk}", "response", "get"): "404 404 200 200 404 404 200",
    ("/api/survey-responses/{pk}", "response_submitted", "get"): "404 404 404 200 404 404 200",
    ("/api/survey-responses/{pk}", "response", "patch"): "401 404 200 403 404 404 200",
    ("/api/survey-responses/{pk}/submit", "response", "post"): "401 404 200 403 404 404 200",
    ("/api/survey-responses/{pk}/validate", "response_submitted", "post"): "401 404 404 200 404 404 200",
    ("/api/survey-responses/{pk}/return", "response_submitted", "post"): "401 404 404 200 404 404 200",
}

ANSWERS = {
    "headcount": 12,
    "rd_staff": 5,
    "sales": 250000,
    "export_sales": 50000,
    "funds_raised": 0,
    "patents": 1,
    "new_products": False,
}

BODIES = {
    ("survey:campaign_create", "post"): {"year": 2030, "deadline": "2031-03-31"},
    ("survey:campaign_edit", "post"): {"deadline": "2026-04-30"},
    ("survey:campaign_add_company", "post"): {"organisation": 0},
    ("survey:response_detail", "post"): {"headcount": "12", "save": ""},
    ("survey:response_return", "post"): {"comment": "Export sales above sales?"},
    ("/api/survey-responses/{pk}", "patch"): {"answers": {"headcount": 14}},
    ("/api/survey-responses/{pk}/submit", "post"): {"answers": ANSWERS},
    ("/api/survey-responses/{pk}/return", "post"): {"comment": "Export sales above sales?"},
}


def world(request) -> dict:
    from biocluster.directory.tests.factories import OrganisationFactory

    from .factories import CampaignFactory, ResponseFactory

    request.getfixturevalue("organisation_administrator")
    organisation = request.getfixturevalue("member_organisation")
    campaign = CampaignFactory(year=2025, state="open")
    draft = CampaignFactory(year=2026, state="draft", deadline="2027-03-31")
    closed = CampaignFactory(year=2024, state="closed", deadline="2025-03-31")
    other = OrganisationFactory(name="Survey Bio", kind="startup")
    BODIES[("survey:campaign_add_company", "post")]["organisation"] = OrganisationFactory(name="Asked Bio").pk
    return {
        "campaign": campaign,
        "draft_campaign": draft,
        "closed_campaign": closed,
        "response": ResponseFactory(campaign=campaign, organisation=organisation),
        "response_submitted": ResponseFactory(campaign=campaign, organisation=other, state="submitted"),
        "draft_response": ResponseFactory(campaign=draft, organisation=organisation),
        "question": campaign.questions.get(code="headcount"),
    }


ADMIN = (
    admin_rows("survey.question", "question", add=True, change=True)
    | admin_rows("survey.campaign", "campaign", change=True)
    | admin_rows("survey.response", "response")
)


LISTS = {("survey:campaign_detail", "campaign")}


def more(request, user) -> None:
    """A few more rows in each list (see core/tests/test_query_budgets.py): responses to the open
    campaign, and campaigns of earlier years with their own."""
    from biocluster.survey.models import Campaign

    from .factories import CampaignFactory, ResponseFactory

    campaign = CampaignFactory(year=2025, state="open")
    earliest = min(Campaign.objects.values_list("year", flat=True))
    for n in range(1, 3):
        year = earliest - n
        ResponseFactory(campaign=CampaignFactory(year=year, deadline=f"{year + 1}-03-31", state="closed"))
    for _ in range(3):
        ResponseFactory(campaign=campaign)
