import pytest

from biocluster.directory.models import Organisation
from biocluster.directory.search import search_organisations
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [o.name for o in queryset]


def test_search_ranks_name_matches_above_description_matches():
    OrganisationFactory(name="Alpha Diagnostics", description_en="Sequencing services for labs.")
    OrganisationFactory(name="Sequencing Hub", description_en="A platform.")
    OrganisationFactory(name="Unrelated", description_en="Nothing to see.")
    assert names(search_organisations(Organisation.objects.all(), "sequencing")) == [
        "Sequencing Hub",
        "Alpha Diagnostics",
    ]


def test_search_finds_french_descriptions_and_prefixes():
    OrganisationFactory(name="Cellis", description_en="", description_fr="Thérapies géniques innovantes.")
    assert names(search_organisations(Organisation.objects.all(), "thérapie")) == ["Cellis"]
    assert names(search_organisations(Organisation.objects.all(), "Cell")) == ["Cellis"]


def test_search_follows_updates_and_deletions():
    organisation = OrganisationFactory(name="Old Name")
    organisation.name = "Brand New"
    organisation.save()
    assert names(search_organisations(Organisation.objects.all(), "brand")) == ["Brand New"]
    assert names(search_organisations(Organisation.objects.all(), "old")) == []
    organisation.delete()
    assert names(search_organisations(Organisation.objects.all(), "brand")) == []


@pytest.mark.parametrize("text", ["", "   ", "!!!", '"', "a:*&|", "\\"])
def test_search_with_no_words_or_operators_is_safe(text):
    OrganisationFactory(name="Anything")
    assert list(search_organisations(Organisation.objects.all(), text)) in (
        [],
        list(Organisation.objects.all()),
    )


# The same queries on SQLite and PostgreSQL (the suite runs on both): accents never matter.
@pytest.mark.parametrize(
    "query",
    ["Généthon", "genethon", "GENETHON", "génethon", "Genéth", "genet"],
)
def test_search_ignores_accents_in_the_name_and_in_the_query(query):
    OrganisationFactory(name="Généthon", description_en="", description_fr="")
    OrganisationFactory(name="Genethon Services", description_en="", description_fr="")
    OrganisationFactory(name="Gentle Bio", description_en="", description_fr="")
    assert sorted(names(search_organisations(Organisation.objects.all(), query))) == [
        "Genethon Services",
        "Généthon",
    ]


@pytest.mark.parametrize("query", ["thérapies géniques", "therapies geniques", "THERAPIE GENIQUE"])
def test_search_ignores_accents_in_french_descriptions(query):
    OrganisationFactory(name="Cellis", description_en="", description_fr="Thérapies géniques innovantes.")
    OrganisationFactory(name="Other", description_en="", description_fr="Biologie de synthèse.")
    assert names(search_organisations(Organisation.objects.all(), query)) == ["Cellis"]


def test_search_ignores_accents_through_the_api(client):
    OrganisationFactory(name="Université d'Évry", kind="university", is_listed=True)
    for query in ("Université Évry", "universite evry"):
        response = client.get("/api/organisations", {"q": query})
        assert [o["name"] for o in response.json()["items"]] == ["Université d'Évry"], query
