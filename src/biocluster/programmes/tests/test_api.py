"""The API: the same rules as the pages, refusals as 422 naming the field, nothing saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from biocluster.accounts.models import ApiToken
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.programmes.models import Milestone, Renewal, Session
from biocluster.programmes.tests.factories import EnrolmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def api(client):
    def call(user, method, path, body=None):
        headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"} if user else {}
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(client, method)(path, headers=headers, **kwargs)

    return call


def fields_of(response) -> set[str]:
    return {item["loc"][-1] for item in response.json()["detail"]}


def test_programmes_are_public(api, shaker):
    data = api(None, "get", "/api/programmes").json()
    assert data["count"] == 1 and data["items"][0]["duration_months"] == 6
    assert api(None, "get", f"/api/programmes/{shaker.pk}").json()["renewal_months"] == 6
    assert api(None, "get", "/api/programmes/999999").status_code == 404


def test_a_founder_sees_only_their_enrolment(api, member, enrolment, programmes_staff):
    other = EnrolmentFactory(cohort=enrolment.cohort, organisation=OrganisationFactory())
    MilestoneFactory(enrolment=other)
    mine = MilestoneFactory(enrolment=enrolment)
    data = api(member, "get", "/api/enrolments").json()
    assert [item["id"] for item in data["items"]] == [enrolment.pk]
    assert api(member, "get", f"/api/enrolments/{other.pk}").status_code == 404
    assert [m["id"] for m in api(member, "get", "/api/milestones").json()["items"]] == [mine.pk]
    assert api(programmes_staff, "get", "/api/enrolments").json()["count"] == 2
    assert api(None, "get", "/api/enrolments").json()["count"] == 0


def test_quota_shown_and_session_over_it_refused(api, member, programmes_staff, booster_enrolment):
    path = f"/api/enrolments/{booster_enrolment.pk}/sessions"
    body = {"date": TODAY().isoformat(), "kind": "coaching", "topic": "Business plan", "days": 10}
    assert api(member, "post", path, body).status_code == 201
    assert api(member, "post", path, {**body, "days": 9}).status_code == 201
    quota = api(member, "get", f"/api/enrolments/{booster_enrolment.pk}").json()["quota"]
    assert (quota["total_days"], quota["left_days"], quota["left_hours"]) == ("20.00", "1.00", "7.00")
    response = api(member, "post", path, {**body, "days": 2})
    assert response.status_code == 422 and fields_of(response) == {"hours"}
    assert Session.objects.count() == 2
    response = api(
        programmes_staff, "post", path, {**body, "days": 2, "override_reason": "Steering committee"}
    )
    assert response.status_code == 201 and response.json()["over_quota"]


def test_milestone_in_the_future_is_a_422(api, member, enrolment):
    body = {
        "enrolment": enrolment.pk,
        "kind": "fund_raise",
        "date": (TODAY() + timedelta(days=2)).isoformat(),
        "title": "Seed",
        "evidence": "https://example.org",
        "amount": 250000,
        "round": "seed",
    }
    response = api(member, "post", "/api/milestones", body)
    assert response.status_code == 422 and fields_of(response) == {"date"}
    assert not Milestone.objects.exists()
    response = api(member, "post", "/api/milestones", {**body, "date": TODAY().isoformat()})
    assert response.status_code == 201 and response.json()["status"] == "declared"


def test_renewal_beyond_the_rule_is_a_422(api, member, enrolment):
    from biocluster.programmes.services import max_end

    path = f"/api/enrolments/{enrolment.pk}/renewals"
    too_far = (max_end(enrolment) + timedelta(days=1)).isoformat()
    response = api(member, "post", path, {"requested_end_date": too_far, "reason": "More time"})
    assert response.status_code == 422 and fields_of(response) == {"requested_end_date"}
    assert not Renewal.objects.exists()


def test_malformed_input_is_a_422(api, member, enrolment):
    path = f"/api/enrolments/{enrolment.pk}/sessions"
    for body in (
        {"date": "2025-13-01", "kind": "coaching", "topic": "x", "hours": 1},
        {"date": TODAY().isoformat(), "kind": "yoga", "topic": "x", "hours": 1},
        {"date": TODAY().isoformat(), "kind": "coaching", "topic": "x\x00", "hours": 1},
        {"date": TODAY().isoformat(), "kind": "coaching", "topic": "x", "hours": 10**20},
    ):
        assert api(member, "post", path, body).status_code == 422
    assert not Session.objects.exists()


def test_writes_need_a_token_and_a_follower(api, client, member, reviewer, enrolment):
    client.force_login(member)
    body = {"date": TODAY().isoformat(), "kind": "coaching", "topic": "x", "hours": 1}
    assert (
        client.post(
            f"/api/enrolments/{enrolment.pk}/sessions", body, content_type="application/json"
        ).status_code
        == 401
    )
    assert api(reviewer, "post", f"/api/enrolments/{enrolment.pk}/sessions", body).status_code == 404
