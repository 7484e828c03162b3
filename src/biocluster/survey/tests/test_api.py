"""/api/surveys and /api/survey-responses: the pages' rules, 422 naming the question, nothing saved."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.survey.models import Answer, ResponseState

from .factories import ResponseFactory

pytestmark = pytest.mark.django_db

FULL = {
    "headcount": 12,
    "rd_staff": 5,
    "sales": 250000,
    "export_sales": 50000.5,
    "funds_raised": 0,
    "patents": 1,
    "new_products": True,
}


def _auth(user) -> dict:
    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def test_a_company_sees_and_writes_its_own_response_only(
    client, organisation_administrator, response, other_response
):
    headers = _auth(organisation_administrator)
    listed = client.get("/api/survey-responses", headers=headers).json()
    assert [row["id"] for row in listed["items"]] == [response.pk]
    assert client.get(f"/api/survey-responses/{other_response.pk}", headers=headers).status_code == 404
    written = client.patch(
        f"/api/survey-responses/{other_response.pk}",
        {"answers": {"headcount": 3}},
        content_type="application/json",
        headers=headers,
    )
    assert written.status_code == 404
    assert not Answer.objects.filter(response=other_response).exists()
    surveys = client.get("/api/surveys", headers=headers).json()
    assert [row["year"] for row in surveys["items"]] == [2025]
    assert surveys["items"][0]["response_rate"] is None  # the counts are the staff's


@pytest.mark.parametrize(
    ("answers", "field"), [({"headcount": -1}, "headcount"), ({"sales": "two hundred"}, "sales")]
)
def test_bad_input_is_a_422_naming_the_question_and_nothing_saved(
    client, organisation_administrator, response, answers, field
):
    body = client.patch(
        f"/api/survey-responses/{response.pk}",
        {"answers": {"rd_staff": 4} | answers},
        content_type="application/json",
        headers=_auth(organisation_administrator),
    )
    assert body.status_code == 422
    assert [error["loc"][-1] for error in body.json()["detail"]] == [field]
    assert not Answer.objects.filter(response=response).exists()


def test_submit_then_staff_validate(client, organisation_administrator, staff_user, response):
    submitted = client.post(
        f"/api/survey-responses/{response.pk}/submit",
        {"answers": FULL},
        content_type="application/json",
        headers=_auth(organisation_administrator),
    )
    assert submitted.status_code == 200
    body = submitted.json()
    assert body["state"] == "submitted"
    values = {a["question"]: a["value"] for a in body["answers"]}
    assert values["headcount"] == 12 and values["export_sales"] == 50000.5 and values["new_products"] is True
    validated = client.post(f"/api/survey-responses/{response.pk}/validate", headers=_auth(staff_user))
    assert validated.json()["state"] == "validated"
    response.refresh_from_db()
    assert response.state == ResponseState.VALIDATED


def test_staff_see_the_counts_and_the_response_rate(client, staff_user, campaign):
    ResponseFactory(campaign=campaign, state="validated")
    ResponseFactory(campaign=campaign)
    (survey,) = client.get("/api/surveys", headers=_auth(staff_user)).json()["items"]
    assert survey["asked"] == 2 and survey["by_state"]["validated"] == 1 and survey["response_rate"] == 0.5
