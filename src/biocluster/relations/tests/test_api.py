"""/api/interactions and /api/follow-ups: staff only, through the services."""

import pytest

from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import OrganisationFactory, PersonFactory
from biocluster.relations.models import Task

from .factories import InteractionFactory, TaskFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def client(client):
    """The test client, signing in with an API token (writes need one, not a session)."""
    from biocluster.accounts.models import ApiToken

    def force_login(user):
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(user)[1]}"

    client.force_login = force_login
    return client


def test_staff_log_an_interaction_and_list_it_by_organisation(client, staff_user):
    organisation = OrganisationFactory()
    person = PersonFactory()
    InteractionFactory()  # another organisation's
    client.force_login(staff_user)
    response = client.post(
        "/api/interactions",
        {
            "organisation": organisation.pk,
            "kind": "visit",
            "happened_on": "2021-04-05",
            "people": [person.pk],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["people"], body["author"]) == (
        "visit",
        [person.pk],
        staff_user.get_full_name(),
    )
    listed = client.get(f"/api/interactions?organisation={organisation.pk}").json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert AuditEvent.objects.filter(action="relations.interaction.logged").count() == 1


def test_a_refusal_names_its_field(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/api/interactions",
        {"organisation": OrganisationFactory().pk, "kind": "call", "happened_on": "2999-01-01"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "happened_on"]
    response = client.post(
        "/api/interactions",
        {
            "organisation": OrganisationFactory().pk,
            "kind": "call",
            "happened_on": "2020-01-01",
            "people": [999999],
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "people"]


def test_a_follow_up_is_mine_by_default_then_done(client, staff_user, other_staff, member):
    organisation = OrganisationFactory()
    client.force_login(staff_user)
    created = client.post(
        "/api/follow-ups",
        {"organisation": organisation.pk, "title": "Send the offer", "due_on": "2030-01-02"},
        content_type=JSON,
    ).json()
    assert created["owner"] == staff_user.pk
    TaskFactory(owner=other_staff)
    mine = client.get("/api/follow-ups?mine=true&open=true").json()
    assert [item["id"] for item in mine["items"]] == [created["id"]]
    done = client.post(f"/api/follow-ups/{created['id']}/done").json()
    assert done["done_by"] == staff_user.pk and done["done_at"]
    assert client.post(f"/api/follow-ups/{created['id']}/done").status_code == 422
    assert client.get("/api/follow-ups?mine=true&open=true").json()["count"] == 0
    response = client.patch(f"/api/follow-ups/{created['id']}", {"owner": member.pk}, content_type=JSON)
    assert response.status_code == 422
    assert Task.objects.get(pk=created["id"]).owner == staff_user


def test_members_find_nothing(client, member):
    interaction = InteractionFactory()
    client.force_login(member)
    assert client.get(f"/api/interactions/{interaction.pk}").status_code == 404
    assert client.get("/api/interactions").status_code == 403
    assert client.get("/api/follow-ups").status_code == 403
