import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biocluster.accounts.tests.factories import UserFactory
from biocluster.audit.models import AuditEvent
from biocluster.directory.models import Organisation, TechnologyField, ValueChainStage
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    LinkFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_directory_page_costs_the_same_queries_for_5_or_25_rows(client):
    stage = ValueChainStage.objects.get(code="production")
    field = TechnologyField.objects.get(code="biofoundry")

    def add(count):
        for _ in range(count):
            organisation = OrganisationFactory()
            organisation.value_chain_stages.add(stage)
            organisation.technology_fields.add(field)

    add(5)
    small = _queries(client, "/directory/")
    add(40)
    assert _queries(client, "/directory/") == small
    cache.clear()  # page 2 from a cold cache; a warm one reuses page 1's count and facets
    assert _queries(client, "/directory/?page=2") == small


def test_htmx_search_returns_results_and_facets_only(client):
    OrganisationFactory(name="Genomic Vision", kind="sme")
    response = client.get("/directory/?q=genomic", headers={"HX-Request": "true", "HX-Target": "results"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Genomic Vision" in html
    assert 'hx-swap-oob="true"' in html


def test_unlisted_organisations_and_their_links_stay_out_of_public_pages(client):
    listed = OrganisationFactory(name="Visible Bio")
    hidden = OrganisationFactory(name="Stealth Bio", is_listed=False)
    LinkFactory(subject=listed, object=hidden, kind="partner_of")
    assert "Stealth Bio" not in client.get("/directory/").content.decode()
    assert "Stealth Bio" not in client.get(f"/directory/organisations/{listed.pk}/").content.decode()
    assert client.get(f"/directory/organisations/{hidden.pk}/").status_code == 404


def test_staff_create_and_edit_an_organisation_through_the_pages(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/directory/organisations/new/",
        {
            "name": "Abolis Biotechnologies",
            "kind": "startup",
            "country": "FR",
            "is_listed": "on",
            "public_fields": ["description", "website"],
            "description_en": "A biofoundry.",
        },
    )
    organisation = Organisation.objects.get(name="Abolis Biotechnologies")
    assert response.status_code == 302
    assert organisation.public_fields == ["description", "website"]
    response = client.post(
        f"/directory/organisations/{organisation.pk}/edit/",
        {"name": "Abolis", "kind": "startup", "country": "FR", "founded_year": "999"},
    )
    assert response.status_code == 200  # the form comes back with the error
    assert "founded_year" in response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.name == "Abolis Biotechnologies"
    assert AuditEvent.objects.filter(action="directory.organisation.created").count() == 1


def test_organisation_administrators_edit_their_own_organisation_only(client, organisation_administrator):
    own = Organisation.objects.get(name="Member Bio")
    other = OrganisationFactory(name="Someone Else")
    client.force_login(organisation_administrator)
    response = client.post(
        f"/directory/organisations/{own.pk}/edit/", {"name": "Member Bio", "kind": "sme", "country": "FR"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.kind == "sme"
    assert (
        client.post(f"/directory/organisations/{other.pk}/edit/", {"name": "X", "kind": "sme"}).status_code
        == 403
    )


def test_cached_result_pages_follow_every_change(client, staff_user):
    from biocluster.directory import services

    organisation = OrganisationFactory(name="First Name")
    assert "First Name" in client.get("/directory/").content.decode()
    services.update_organisation(actor=staff_user, organisation=organisation, name="Second Name")
    assert "Second Name" in client.get("/directory/").content.decode()
    organisation.technology_fields.add(TechnologyField.objects.get(code="biofoundry"))
    assert "Biofoundry" in client.get("/directory/").content.decode()


def test_a_member_never_gets_a_page_cached_for_the_public(client, member):
    hidden = Organisation.objects.get(name="Member Bio")
    assert hidden.name not in client.get("/directory/").content.decode()
    client.force_login(member)
    assert hidden.name in client.get("/directory/").content.decode()


def test_a_search_with_more_results_than_the_limit_says_more_than(client, monkeypatch):
    from biocluster.directory import search

    monkeypatch.setattr(search, "SEARCH_LIMIT", 3)
    for n in range(5):
        OrganisationFactory(name=f"Cellis {n}", description_en="")
    html = client.get("/directory/?q=cellis").content.decode()
    assert "More than 3 organisations" in html
    assert html.count("Cellis ") == 3
    cache.clear()
    html = client.get("/directory/?q=cellis+4").content.decode()
    assert "1 organisation" in html and "More than" not in html
    assert "5 organisations" in client.get("/directory/").content.decode()


@pytest.mark.parametrize("page", ["list", "detail"])
def test_people_are_shown_only_with_the_affiliations_to_organisations_the_reader_may_see(client, page):
    listed = OrganisationFactory(name="Listed Genomics")
    stealth = OrganisationFactory(name="Stealth Bio", is_listed=False)
    person = PersonFactory(first_name="Inès", last_name="Aubry", public_consent=True)
    AffiliationFactory(person=person, organisation=listed, role="CSO")
    AffiliationFactory(person=person, organisation=stealth, role="Adviser")
    address = "/directory/people/" if page == "list" else f"/directory/people/{person.pk}/"
    html = client.get(address).content.decode()
    assert "Listed Genomics" in html and "Stealth Bio" not in html
    colleague = UserFactory()
    AffiliationFactory(person=PersonFactory(user=colleague), organisation=stealth, role="CEO")
    client.force_login(colleague)
    html = client.get(address).content.decode()
    assert "Listed Genomics" in html and "Stealth Bio" in html


def test_the_people_list_costs_the_same_queries_for_5_or_50_people(client):
    def add(count):
        for _ in range(count):
            AffiliationFactory(person=PersonFactory(public_consent=True), organisation=OrganisationFactory())

    add(5)
    small = _queries(client, "/directory/people/")
    add(45)
    assert _queries(client, "/directory/people/") == small
