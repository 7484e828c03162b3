import pytest

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.directory.models import Organisation, TechnologyField, ValueChainStage
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def test_search_is_ranked_and_filtered_by_facets(client):
    gene = TechnologyField.objects.get(code="gene-cell-therapy")
    health = TechnologyField.objects.get(code="health")
    first = OrganisationFactory(name="Genethon Vectors", kind="startup")
    first.technology_fields.add(gene)
    OrganisationFactory(name="Other", kind="sme", description_en="Works on genethon vectors too.")
    OrganisationFactory(name="Genethon Lab", kind="research_lab")

    body = client.get("/api/organisations", {"q": "genethon"}).json()
    assert body["count"] == 3
    assert [o["name"] for o in body["items"]][-1] == "Other"  # description match ranks last

    assert [
        o["name"] for o in client.get("/api/organisations?q=genethon&kind=startup&kind=sme").json()["items"]
    ] == [
        "Genethon Vectors",
        "Other",
    ]
    # A parent field finds the organisations of its sub-fields.
    assert [o["name"] for o in client.get("/api/organisations", {"field": health.code}).json()["items"]] == [
        "Genethon Vectors"
    ]


def test_facets_count_the_result_set(client):
    stage = ValueChainStage.objects.get(code="production")
    for kind in ("startup", "startup", "platform"):
        OrganisationFactory(kind=kind).value_chain_stages.add(stage)
    facets = client.get("/api/organisations/facets").json()
    assert {f["value"]: f["count"] for f in facets["kind"]} == {"startup": 2, "platform": 1}
    assert {f["value"]: f["count"] for f in facets["stage"]}["production"] == 3


def test_fields_an_organisation_keeps_private_are_hidden_from_the_public(client, organisation_administrator):
    organisation = Organisation.objects.get(name="Member Bio")
    organisation.is_listed = True
    organisation.headcount = 12
    organisation.public_fields = ["website"]
    organisation.save()
    public = client.get(f"/api/organisations/{organisation.pk}").json()
    assert public["headcount"] is None and public["description_en"] is None
    own = client.get(
        f"/api/organisations/{organisation.pk}", headers=bearer(organisation_administrator)
    ).json()
    assert own["headcount"] == 12


def test_bad_input_is_a_422_naming_the_field(client, staff_user):
    response = client.post(
        "/api/organisations",
        {"name": "X", "kind": "spaceship"},
        content_type="application/json",
        headers=bearer(staff_user),
    )
    assert response.status_code == 422
    assert any("kind" in error["loc"] for error in response.json()["detail"])

    response = client.post(
        "/api/organisations",
        {"name": "X", "kind": "startup", "technology_fields": ["no-such-field"]},
        content_type="application/json",
        headers=bearer(staff_user),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "technology_fields"]
    assert "no-such-field" in response.json()["detail"][0]["msg"]

    response = client.post(
        "/api/organisations",
        {"name": "X", "kind": "startup", "website": "nope"},
        content_type="application/json",
        headers=bearer(staff_user),
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "website"]
    assert not Organisation.objects.filter(name="X").exists()

    assert client.get("/api/organisations", {"limit": 0}).status_code == 422
    assert client.get(f"/api/organisations/{2**70}").status_code == 422
    assert client.get("/api/organisations", {"q": "a\x00b"}).status_code == 422


def test_writes_through_the_api_are_audited(client, staff_user):
    response = client.post(
        "/api/organisations",
        {"name": "Abolis", "kind": "startup", "value_chain_stages": ["production"], "tags": ["biofoundry"]},
        content_type="application/json",
        headers=bearer(staff_user),
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert response.json()["value_chain_stages"] == ["production"]
    response = client.patch(
        f"/api/organisations/{pk}",
        {"headcount": 30},
        content_type="application/json",
        headers=bearer(staff_user),
    )
    assert response.json()["headcount"] == 30
    actions = list(
        AuditEvent.objects.filter(object_id=str(pk), action__startswith="directory.organisation.")
        .order_by("id")
        .values_list("action", "actor")
    )
    assert actions == [
        ("directory.organisation.created", staff_user.pk),
        ("directory.organisation.updated", staff_user.pk),
    ]


def test_an_unknown_token_is_refused_rather_than_treated_as_anonymous(client):
    OrganisationFactory()
    assert client.get("/api/organisations", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/organisations").status_code == 200


def test_writes_need_a_token_even_with_a_session(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/api/organisations", {"name": "X", "kind": "startup"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_contact_details_are_shown_only_to_permitted_roles(client, member, member_organisation, reviewer):
    colleague = PersonFactory(email="colleague@example.org", phone="+33 1 60 87 00 00", public_consent=True)
    AffiliationFactory(person=colleague, organisation=member_organisation)
    member_organisation.is_listed = True
    member_organisation.save()
    assert client.get(f"/api/people/{colleague.pk}").json()["email"] is None
    assert client.get(f"/api/people/{colleague.pk}", headers=bearer(reviewer)).json()["email"] is None
    assert (
        client.get(f"/api/people/{colleague.pk}", headers=bearer(member)).json()["email"]
        == "colleague@example.org"
    )


def test_the_list_costs_the_same_number_of_queries_whatever_its_size(client, django_assert_max_num_queries):
    stage = ValueChainStage.objects.get(code="production")
    field = TechnologyField.objects.get(code="biofoundry")
    for _ in range(60):
        organisation = OrganisationFactory()
        organisation.value_chain_stages.add(stage)
        organisation.technology_fields.add(field)
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/organisations", {"limit": 5}).json()["items"]) == 5
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/organisations", {"limit": 60}).json()["items"]) == 60


def test_links_are_created_by_id_pic_or_name_and_country_and_once_either_way(client, staff_user):
    genethon = OrganisationFactory(name="Généthon", country="FR", eu_pic="999990000")
    genopole = OrganisationFactory(name="Genopole", country="FR")
    inra_ma = OrganisationFactory(name="INRA", country="MA")

    def post(body):
        return client.post("/api/links", body, content_type="application/json", headers=bearer(staff_user))

    response = post(
        {
            "subject": {"eu_pic": "999 990 000"},
            "kind": "partner_of",
            "object": {"name": "GENOPOLE", "country": "FR"},
            "source": "test",
        }
    )
    assert response.status_code == 201, response.content
    assert (response.json()["subject"], response.json()["object"]) == (genethon.pk, genopole.pk)
    assert AuditEvent.objects.filter(action="directory.link.created").count() == 1
    # The same partnership entered the other way round is the same link.
    response = post({"subject": genopole.pk, "kind": "partner_of", "object": genethon.pk})
    assert response.status_code == 422 and "already recorded" in str(response.json())
    # A directional kind may go both ways: a client of its own client.
    assert post({"subject": genopole.pk, "kind": "client_of", "object": genethon.pk}).status_code == 201
    assert post({"subject": genethon.pk, "kind": "client_of", "object": genopole.pk}).status_code == 201
    # A name alone is looked up in France; in another country it is another organisation.
    response = post({"subject": genethon.pk, "kind": "partner_of", "object": {"name": "INRA"}})
    assert response.status_code == 422 and "object" in str(response.json())
    response = post(
        {"subject": genethon.pk, "kind": "partner_of", "object": {"name": "INRA", "country": "MA"}}
    )
    assert response.status_code == 201 and response.json()["object"] == inra_ma.pk


def test_a_symmetric_link_cannot_be_stored_twice_even_past_the_service():
    from django.db import IntegrityError, transaction

    from biocluster.directory.tests.factories import LinkFactory

    link = LinkFactory(kind="collaborates_with", project="GEN.ERA")
    with pytest.raises(IntegrityError), transaction.atomic():
        LinkFactory(subject=link.object, object=link.subject, kind="collaborates_with", project="GEN.ERA")
    LinkFactory(subject=link.object, object=link.subject, kind="collaborates_with", project="COBIOE")
