"""/api/projects: the plan nested in the detail, writes through the services, refusals naming the field."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.euprojects.models import Deliverable, Project

from .factories import DeliverableFactory, MilestoneFactory, ParticipantFactory, TaskFactory, consortium

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def client(client):
    def force_login(user):
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(user)[1]}"

    client.force_login = force_login
    return client


def test_the_detail_nests_work_packages_deliverables_and_milestones(client, member, member_organisation):
    project, _cluster, (_partner,), wp = consortium(acronym="GEN.ERA")
    ParticipantFactory(project=project, organisation=member_organisation)
    TaskFactory(work_package=wp, number=1, title="Market analysis")
    DeliverableFactory(work_package=wp, number="D1.1", due_month=6)
    MilestoneFactory(project=project, number=1, month=12)
    client.force_login(member)
    listed = client.get("/api/projects").json()
    assert [item["acronym"] for item in listed["items"]] == ["GEN.ERA"]
    body = client.get(f"/api/projects/{project.pk}").json()
    assert body["cluster_role"] == "coordinator"
    assert [wp["tasks"][0]["title"] for wp in body["work_packages"]] == ["Market analysis"]
    assert [(d["number"], d["due_on"], d["status"]) for d in body["deliverables"]] == [
        ("D1.1", "2026-06-30", "draft")
    ]
    assert [m["month"] for m in body["milestones"]] == [12]
    assert len(body["participants"]) == 3


def test_staff_create_and_plan_a_project_through_the_services(client, international):
    genopole = OrganisationFactory(name="Genopole", kind="cluster")
    client.force_login(international)
    response = client.post(
        "/api/projects",
        {
            "acronym": "COBIOE",
            "title": "Growing Connection for Bio Ecosystems",
            "programme": "Horizon Europe",
            "starts_on": "2023-01-01",
            "ends_on": "2024-12-31",
            "cluster": genopole.pk,
            "cluster_role": "coordinator",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    wp = client.post(
        f"/api/projects/{pk}/work-packages",
        {
            "number": 1,
            "title": "Value chain mapping",
            "leader": genopole.pk,
            "start_month": 1,
            "end_month": 12,
        },
        content_type=JSON,
    )
    assert wp.status_code == 201, wp.content
    deliverable = client.post(
        f"/api/projects/{pk}/deliverables",
        {
            "number": "D1.1",
            "title": "Map of actors",
            "work_package": wp.json()["id"],
            "due_month": 14,
            "owner": genopole.pk,
        },
        content_type=JSON,
    )
    assert deliverable.status_code == 201, deliverable.content
    body = client.get(f"/api/projects/{pk}").json()
    assert body["warnings"] == ["D1.1 is due in M14, after WP1 ends (M12)."]
    moved = client.post(
        f"/api/deliverables/{deliverable.json()['id']}/moves", {"status": "review"}, content_type=JSON
    ).json()
    assert [step["status"] for step in moved["steps"]] == ["draft", "review"]


def test_refusals_name_their_field_and_save_nothing(client, international):
    project, _cluster, (partner,), wp = consortium(staff=[international])
    client.force_login(international)
    response = client.post(
        f"/api/projects/{project.pk}/deliverables",
        {
            "number": "D1.1",
            "title": "Study",
            "work_package": wp.pk,
            "due_month": 30,
            "owner": partner.organisation_id,
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "due_month"]
    response = client.post(
        f"/api/projects/{project.pk}/deliverables",
        {
            "number": "D1.1",
            "title": "Study",
            "work_package": wp.pk,
            "due_month": 3,
            "owner": OrganisationFactory().pk,
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "owner"]
    assert not Deliverable.objects.exists()
    response = client.patch(f"/api/projects/{project.pk}", {"ends_on": "2025-01-01"}, content_type=JSON)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "ends_on"]
    assert Project.objects.get().ends_on.year == 2027


def test_a_partner_may_not_submit_nor_plan(client, international):
    project, _cluster, (partner,), wp = consortium(staff=[international])
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.directory.tests.factories import AffiliationFactory, PersonFactory

    author = UserFactory()
    AffiliationFactory(person=PersonFactory(user=author), organisation=partner.organisation)
    deliverable = DeliverableFactory(work_package=wp, owner=partner.organisation, status="final")
    client.force_login(author)
    response = client.post(
        f"/api/deliverables/{deliverable.pk}/moves", {"status": "submitted"}, content_type=JSON
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]
    response = client.post(
        f"/api/projects/{project.pk}/milestones",
        {"number": 1, "title": "Kick-off", "month": 1},
        content_type=JSON,
    )
    assert response.status_code == 403
