"""The searchable pickers: forms list only the chosen organisation or person, and the searches
they ask answer among what the user may see, accents ignored."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from biocluster.audit.models import AuditEvent
from biocluster.directory.models import Organisation, OrganisationLink
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

ORGANISATIONS = "/directory/organisations/choices.json"
PEOPLE = "/directory/people/choices.json"


def _names(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [row["text"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_the_link_form_stays_small_with_2000_organisations(client, staff_user):
    subject = OrganisationFactory(name="Subject Bio")
    chosen = OrganisationFactory(name="Chosen Partner")
    Organisation.objects.bulk_create(
        Organisation(name=f"Filler {n}", kind="startup", source="synthetic") for n in range(2000)
    )
    client.force_login(staff_user)
    url = reverse("directory:link_create", args=[subject.pk])

    html = client.get(url).content.decode()
    assert html.count("<option") < 30  # the link kinds, no organisation
    assert len(html.encode()) < 30_000
    assert "Filler" not in html
    assert 'data-autocomplete-url="/directory/organisations/choices.json?exclude=' in html
    assert "tom-select.complete.min.js" in html and "core/autocomplete.js" in html

    # A form shown again keeps the chosen organisation, and only it, as its option.
    html = client.post(url, {"kind": "partner_of", "object": chosen.pk, "start_date": "not a date"}).content
    html = html.decode()
    assert re.search(rf'<option value="{chosen.pk}" selected>Chosen Partner</option>', html)
    assert "Filler" not in html

    # The chosen id is what the form submits.
    response = client.post(url, {"kind": "partner_of", "object": chosen.pk})
    assert response.status_code == 302
    assert OrganisationLink.objects.filter(subject=subject, object=chosen).exists()


@pytest.mark.django_db
def test_the_link_form_refuses_an_organisation_the_user_may_not_see(client, organisation_administrator):
    subject = organisation_administrator.person.affiliations.get().organisation
    hidden = OrganisationFactory(name="Hidden Bio", is_listed=False)
    client.force_login(organisation_administrator)
    response = client.post(
        reverse("directory:link_create", args=[subject.pk]), {"kind": "partner_of", "object": hidden.pk}
    )
    assert response.status_code == 200
    assert not OrganisationLink.objects.filter(object=hidden).exists()
    assert not AuditEvent.objects.filter(action__startswith="directory.link").exists()


@pytest.mark.django_db
def test_without_javascript_a_search_typed_in_the_form_offers_the_matches(client, staff_user):
    subject = OrganisationFactory(name="Subject Bio")
    genethon = OrganisationFactory(name="Généthon")
    OrganisationFactory(name="Plain Logistics")
    client.force_login(staff_user)
    url = reverse("directory:link_create", args=[subject.pk])
    assert '<noscript><input type="search" name="object-q"' in client.get(url).content.decode()

    response = client.post(url, {"kind": "partner_of", "object-q": "genethon"})
    html = response.content.decode()
    assert response.status_code == 200 and not OrganisationLink.objects.exists()
    assert f'<option value="{genethon.pk}">Généthon</option>' in html
    assert "Plain Logistics" not in html
    assert 'name="object-q" value="genethon"' in html

    response = client.post(url, {"kind": "partner_of", "object": genethon.pk})
    assert response.status_code == 302
    assert OrganisationLink.objects.filter(subject=subject, object=genethon).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "found"), [("genethon", "Généthon"), ("Généthon", "Genethon Labs")])
def test_the_organisation_search_ignores_accents_both_ways(client, typed, found):
    OrganisationFactory(name="Généthon")
    OrganisationFactory(name="Genethon Labs")
    OrganisationFactory(name="Plain Logistics")
    names = _names(client.get(ORGANISATIONS, {"q": typed}))
    assert found in names
    assert "Plain Logistics" not in names


@pytest.mark.django_db
def test_the_organisation_search_answers_only_what_the_user_may_see(client, member, staff_user):
    OrganisationFactory(name="Hidden Genomics", is_listed=False)
    mine = member.person.affiliations.get().organisation
    mine.name, mine.is_listed = "Own Genomics", False
    mine.save()
    assert _names(client.get(ORGANISATIONS, {"q": "genomics"})) == []
    client.force_login(member)
    assert _names(client.get(ORGANISATIONS, {"q": "genomics"})) == ["Own Genomics"]
    client.force_login(staff_user)
    assert sorted(_names(client.get(ORGANISATIONS, {"q": "genomics"}))) == ["Hidden Genomics", "Own Genomics"]


@pytest.mark.django_db
def test_the_organisation_search_keeps_kinds_and_leaves_one_out(client):
    lab = OrganisationFactory(name="Cell Lab", kind="academic_lab")
    company = OrganisationFactory(name="Cell Company", kind="sme")
    other = OrganisationFactory(name="Cell Startup", kind="startup")
    names = _names(client.get(ORGANISATIONS, {"q": "cell", "kind": ["sme", "startup", "nonsense"]}))
    assert sorted(names) == ["Cell Company", "Cell Startup"]
    names = _names(client.get(ORGANISATIONS, {"q": "cell", "exclude": other.pk}))
    assert sorted(names) == sorted([lab.name, company.name])
    assert _names(client.get(ORGANISATIONS, {"q": ""})) == []


@pytest.mark.django_db
def test_the_person_search_ignores_accents_and_respects_consent(client, member, staff_user):
    member.person.first_name, member.person.last_name = "Max", "Member"
    member.person.save()
    PersonFactory(first_name="Hélène", last_name="Lefèvre", public_consent=True)
    PersonFactory(first_name="Helene", last_name="Private", public_consent=False)
    colleague = PersonFactory(first_name="Hélèna", last_name="Colleague", public_consent=False)
    AffiliationFactory(person=colleague, organisation=member.person.affiliations.get().organisation)

    assert _names(client.get(PEOPLE, {"q": "helene lefevre"})) == ["Hélène Lefèvre"]
    assert _names(client.get(PEOPLE, {"q": "HÉLÈ"})) == ["Hélène Lefèvre"]
    client.force_login(member)
    assert _names(client.get(PEOPLE, {"q": "hele"})) == ["Hélèna Colleague", "Hélène Lefèvre"]
    client.force_login(staff_user)
    assert _names(client.get(PEOPLE, {"q": "helene"})) == ["Hélène Lefèvre", "Helene Private"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_pick_an_organisation_by_typing_its_name(browser_as, staff_user, pick):
    subject = OrganisationFactory(name="Subject Bio")
    OrganisationFactory(name="Généthon")
    OrganisationFactory(name="Plain Logistics")
    page = browser_as(staff_user)
    page.goto(reverse("directory:link_create", args=[subject.pk]))
    page.get_by_label("Kind").select_option("partner_of")
    pick(page, "Organisation", "genethon", "Généthon")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Link added.")).to_be_visible()
    assert OrganisationLink.objects.filter(subject=subject, object__name="Généthon").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["page", "api", "picker"])
def test_people_are_found_the_same_way_on_their_page_the_api_and_the_pickers(client, staff_user, where):
    """The people page and the API searched one column at a time, with accents and case: "helene
    dupre" found nobody there while the pickers found Hélène Dupré-Martin."""
    PersonFactory(first_name="Hélène", last_name="Dupré-Martin", public_consent=True)
    PersonFactory(first_name="Seán", last_name="O'Brien", public_consent=True)
    PersonFactory(first_name="Жанна", last_name="ИВАНОВА", public_consent=True)
    PersonFactory(first_name="Marc", last_name="Dubois", public_consent=True)
    client.force_login(staff_user)

    def found(text):
        if where == "page":
            page = client.get(reverse("directory:person_list"), {"q": text}).text
            return {name for name in ("Dupré-Martin", "O&#x27;Brien", "ИВАНОВА", "Dubois") if name in page}
        if where == "api":
            return {p["last_name"] for p in client.get("/api/people", {"q": text}).json()["items"]}
        return {name.split(" ", 1)[1] for name in _names(client.get(PEOPLE, {"q": text}))}

    o_brien = "O&#x27;Brien" if where == "page" else "O'Brien"
    assert found("helene dupre") == {"Dupré-Martin"}
    assert found("DUPRÉ MARTIN") == {"Dupré-Martin"}
    assert found("obrien") == set() and found("o'brien") == {o_brien} and found("sean") == {o_brien}
    assert found("иванова") == {"ИВАНОВА"}
    assert found("du") == {"Dupré-Martin", "Dubois"}
