import pytest
from django.db import connection

from biocluster.directory.models import Organisation
from biocluster.directory.search import (
    by_relevance,
    first_rows,
    matching,
    matching_by_name,
    search_organisations,
)
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


# A broad search counts and ranks a limited number of matches (search.SEARCH_LIMIT).
def test_first_rows_counts_up_to_the_limit_and_names_the_rows_to_rank():
    matches = [OrganisationFactory(name=f"Cellis {n}", description_en="") for n in range(4)]
    OrganisationFactory(name="Unrelated", description_en="")
    queryset = matching(Organisation.objects.all(), "cellis")
    count, among = first_rows(queryset, matching_by_name(Organisation.objects.all(), "cellis"), limit=3)
    assert count == 4
    assert len(among) == 3 and set(among) <= {o.pk for o in matches}
    ranked = by_relevance(queryset, "cellis", among=among)
    assert sorted(o.pk for o in ranked) == sorted(among)
    assert first_rows(queryset, matching_by_name(Organisation.objects.all(), "cellis"), limit=4) == (4, None)
    assert len(list(by_relevance(queryset, "cellis"))) == 4


def test_first_rows_on_sqlite_are_the_first_by_id():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL takes the rows in the order it finds them")
    matches = [OrganisationFactory(name=f"Cellis {n}", description_en="") for n in range(4)]
    _count, among = first_rows(
        matching(Organisation.objects.all(), "cellis"),
        matching_by_name(Organisation.objects.all(), "cellis"),
        limit=2,
    )
    assert among == (matches[0].pk, matches[1].pk)


# A broad search ranks the organisations named by its words whatever their ids: five
# matching by their description only come first by id, one matching by name comes last.
@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("gene", {"name": "Gene Therapy Institute"}),
        ("gti", {"name": "Institut Pasteur", "acronym": "GTI"}),
        ("genethon", {"name": "Généthon"}),
    ],
)
def test_a_broad_search_ranks_the_organisations_it_names_whatever_their_ids(text, named):
    for n in range(5):
        OrganisationFactory(name=f"Laboratory {n}", acronym="", description_en=f"Work on {text} {n}.")
    wanted = OrganisationFactory(description_en="", description_fr="", **{"acronym": "", **named})
    queryset = matching(Organisation.objects.all(), text)
    count, among = first_rows(queryset, matching_by_name(Organisation.objects.all(), text), limit=3)
    assert count == 4 and wanted.pk in among and len(among) == 3
    ranked = list(by_relevance(queryset, text, among=among))
    assert len(ranked) == 3 and ranked[0] == wanted


def test_a_broad_search_matching_more_names_than_the_limit_ranks_names_only():
    OrganisationFactory(name="Laboratory", acronym="", description_en="Cellis partner.")
    named = [OrganisationFactory(name=f"Cellis {n}", acronym="", description_en="") for n in range(4)]
    count, among = first_rows(
        matching(Organisation.objects.all(), "cellis"),
        matching_by_name(Organisation.objects.all(), "cellis"),
        limit=3,
    )
    assert count == 4 and len(among) == 3 and set(among) <= {o.pk for o in named}


def test_the_first_page_of_a_broad_search_shows_the_organisation_it_names(client, monkeypatch):
    from biocluster.directory import search

    monkeypatch.setattr(search, "SEARCH_LIMIT", 3)
    for n in range(5):
        OrganisationFactory(name=f"Laboratory {n}", description_en=f"Gene editing {n}.")
    OrganisationFactory(name="Gene Therapy Institute", description_en="")
    html = client.get("/directory/?q=gene").content.decode()
    assert "More than 3 organisations" in html
    assert html.index("Gene Therapy Institute") < html.index("Laboratory ")


def test_the_name_matches_a_broad_search_ranks_first_keep_its_other_filters(monkeypatch):
    from biocluster.directory import search
    from biocluster.directory.filters import OrganisationFilter

    monkeypatch.setattr(search, "SEARCH_LIMIT", 3)
    for n in range(5):
        OrganisationFactory(name=f"Laboratory {n}", kind="university", description_en=f"Gene editing {n}.")
    OrganisationFactory(name="Gene Startup", kind="startup", description_en="")
    wanted = OrganisationFactory(name="Gene University", kind="university", description_en="")
    filterset = OrganisationFilter({"q": "gene", "kind": ["university"]}, queryset=Organisation.objects.all())
    count, among = filterset.extent()
    ranked = list(filterset.ranked(among))
    assert count == 4 and len(ranked) == 3 and ranked[0] == wanted
    assert {o.kind for o in ranked} == {"university"}


def test_a_search_can_be_nested_in_another_query():
    wanted = OrganisationFactory(name="Généthon", description_en="")
    OrganisationFactory(name="Other", description_en="")
    inner = matching(Organisation.objects.filter(is_listed=True), "genethon").values("pk")
    assert list(Organisation.objects.filter(pk__in=inner)) == [wanted]


def test_postgresql_matches_through_the_search_index():
    """The condition must be one the GIN index serves (same configuration, the bare column)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plan")
    OrganisationFactory(name="Généthon", description_en="")
    queryset = matching(Organisation.objects.all(), "genethon")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "directory_organisation_search_idx" in plan, plan
