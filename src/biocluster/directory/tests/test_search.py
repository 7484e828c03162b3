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
