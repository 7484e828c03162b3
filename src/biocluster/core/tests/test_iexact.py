"""`__iexact` folds every letter's case on both databases (core.lookups)."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.models import Organisation
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_address_is_found_whatever_the_case_of_its_accented_letters():
    user = UserFactory(email="élodie.øster@exemple.fr")
    users = get_user_model().objects
    assert list(users.filter(email__iexact="ÉLODIE.ØSTER@EXEMPLE.FR")) == [user]
    assert list(users.filter(email__iexact="Élodie.Øster@Exemple.fr")) == [user]
    assert not users.filter(email__iexact="elodie.oster@exemple.fr").exists()  # case, not accents


@pytest.mark.parametrize(
    ("stored", "asked"),
    [("Δ-CELL Ströme", "δ-cell STRÖME"), ("ÇA VA À ÉVRY", "ça va à évry"), ("ЖЕЛЕЗО", "железо")],
)
def test_names_in_other_alphabets_are_the_same_name_in_another_case(stored, asked):
    org = OrganisationFactory(name=stored)
    assert list(Organisation.objects.filter(name__iexact=asked)) == [org]
    assert list(Organisation.objects.filter(name__iexact=stored.lower())) == [org]


@pytest.mark.parametrize("pattern", ["100_ LAB", "100% LAB", "100\\ LAB"])
def test_like_wildcards_in_the_value_are_plain_characters(pattern):
    OrganisationFactory(name="100x LAB")
    assert not Organisation.objects.filter(name__iexact=pattern).exists()
    exact = OrganisationFactory(name=pattern.lower())
    assert list(Organisation.objects.filter(name__iexact=pattern)) == [exact]


def test_a_column_compared_with_another_and_an_empty_value():
    same = OrganisationFactory(name="Évry Génopole", acronym="ÉVRY GÉNOPOLE")
    OrganisationFactory(name="Évry", acronym="EVRY")
    assert list(Organisation.objects.filter(name__iexact=F("acronym"))) == [same]
    assert not Organisation.objects.filter(name__iexact="").exists()


@pytest.mark.parametrize(
    ("lookup", "value", "found"),
    [
        ("icontains", "évry", {"ÉVRY FORUM", "Campus d'Évry"}),
        ("icontains", "VRY", {"ÉVRY FORUM", "Campus d'Évry", "Avry Labs"}),
        ("istartswith", "évry", {"ÉVRY FORUM"}),
        ("iendswith", "ÉVRY", {"Campus d'Évry"}),
        ("icontains", "é_", set()),  # "_" is a plain character, not any character
        ("icontains", "ð%", {"Fjörð% Bio"}),
    ],
)
def test_searches_fold_accented_capitals_and_keep_wildcards_plain(lookup, value, found):
    for name in ("ÉVRY FORUM", "Campus d'Évry", "Avry Labs", "Fjörð% Bio", "Éx Labs"):
        OrganisationFactory(name=name)
    matched = Organisation.objects.filter(**{f"name__{lookup}": value}).values_list("name", flat=True)
    assert set(matched) == found
