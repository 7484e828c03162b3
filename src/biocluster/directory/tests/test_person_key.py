"""`Person.name_key` and `Person.email_key`: the names and the address as the conflict-of-interest
check compares them, kept in step by every way people are written (save, bulk writes, update, the
generator's fast path, the migrations that filled them)."""

import importlib
import random
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from biocluster.directory.generation import BulkWriter, NamePool, people
from biocluster.directory.models import Person
from biocluster.directory.normalise import email_key, person_key
from biocluster.directory.tests.factories import OrganisationFactory, PersonFactory


def test_accents_case_hyphens_and_apostrophes_aside():
    assert person_key("Hélène", "Dupré-Martin") == person_key("helene", "DUPRE MARTIN")
    assert person_key("Jean\u2019Luc", "d'Aubigné") == person_key("jean luc", "D Aubigne")
    assert person_key("Hélène", "Dupré-Martin") != person_key("Hélène", "Dupré")


def test_the_split_between_first_and_last_name_counts():
    assert person_key("Jean Pierre", "Martin") != person_key("Jean", "Pierre Martin")


def test_a_name_in_another_script_keeps_its_letters():
    assert person_key("小明", "王") == person_key("小明", "王")
    assert person_key("小明", "王") != person_key("小红", "王")
    assert person_key("Дмитрий", "Иванов") == person_key("ДМИТРИЙ", "иванов")


@pytest.mark.django_db
def test_save_and_a_save_of_the_names_alone_keep_the_key():
    person = PersonFactory(first_name="Hélène", last_name="Dupré")
    assert person.name_key == person_key("helene", "dupre")
    person.last_name = "Dupré-Martin"
    person.save(update_fields=["last_name"])
    assert Person.objects.get(pk=person.pk).name_key == person_key("helene", "dupre martin")


@pytest.mark.django_db
def test_bulk_writes_and_update_keep_the_key():
    created = Person.objects.bulk_create([Person(first_name="Zoé", last_name="Lévy")])
    assert Person.objects.get(pk=created[0].pk).name_key == person_key("zoe", "levy")
    person = Person.objects.get(pk=created[0].pk)
    person.first_name = "Chloé"
    Person.objects.bulk_update([person], ["first_name"])
    assert Person.objects.get(pk=person.pk).name_key == person_key("chloe", "levy")
    Person.objects.filter(pk=person.pk).update(last_name="Bénard")
    assert Person.objects.get(pk=person.pk).name_key == person_key("chloe", "benard")


@pytest.mark.django_db
@pytest.mark.parametrize("fast", [False, True])
def test_the_generator_writes_the_key_on_both_paths(fast):
    organisation = OrganisationFactory()
    pairs = list(people(random.Random(1), organisation, 3, pool=NamePool(1)))
    writer = BulkWriter(fast=fast)
    writer.people([p for p, _a in pairs], [a for _p, a in pairs])
    writer.finish()
    stored = Person.objects.filter(affiliations__organisation=organisation)
    assert stored.count() == 3
    assert all(p.name_key == person_key(p.first_name, p.last_name) for p in stored)
    assert all(p.email and p.email_key == email_key(p.email) for p in stored)


def _fill_as_the_migration(name: str) -> None:
    """Run the key-filling function of migration `name` on the test database."""
    migration = importlib.import_module(f"biocluster.directory.migrations.{name}")
    historical = MigrationExecutor(connection).loader.project_state(("directory", name)).apps
    # The function reads only the editor's connection; SQLite opens no editor inside a test's transaction.
    migration.fill_keys(historical, SimpleNamespace(connection=connection))


@pytest.mark.django_db
def test_the_migration_fills_the_key_of_people_already_stored():
    person = PersonFactory(first_name="Élodie", last_name="N'Diaye")
    Person.objects.filter(pk=person.pk).update(name_key="")  # as before the migration
    assert Person.objects.get(pk=person.pk).name_key == ""
    _fill_as_the_migration("0017_person_name_key")
    assert Person.objects.get(pk=person.pk).name_key == person_key("elodie", "n diaye")


def test_an_address_is_folded_in_every_script():
    assert email_key(" Élodie.Dupré@Example.FR ") == "élodie.dupré@example.fr"
    assert email_key("ÉLODIE@EXAMPLE.FR") == email_key("élodie@example.fr")
    assert email_key("") == email_key(None) == ""


@pytest.mark.django_db
def test_every_write_of_the_address_keeps_its_key():
    person = PersonFactory(email="Hélène@Example.fr")
    assert person.email_key == "hélène@example.fr"
    person.email = "HÉLÈNE.D@EXAMPLE.FR"
    person.save(update_fields=["email"])
    assert Person.objects.get(pk=person.pk).email_key == "hélène.d@example.fr"
    person.email = "ÉLODIE@EXAMPLE.FR"
    Person.objects.bulk_update([person], ["email"])
    assert Person.objects.get(pk=person.pk).email_key == "élodie@example.fr"
    Person.objects.filter(pk=person.pk).update(email="ZOÉ@EXAMPLE.FR")
    assert Person.objects.get(pk=person.pk).email_key == "zoé@example.fr"
    created = Person.objects.bulk_create([Person(first_name="A", last_name="B", email="CHLOÉ@X.FR")])
    assert Person.objects.get(pk=created[0].pk).email_key == "chloé@x.fr"


@pytest.mark.django_db
def test_the_migration_fills_the_address_key_of_people_already_stored():
    person = PersonFactory(email="ÉLODIE@Example.FR")
    Person.objects.filter(pk=person.pk).update(email_key="")  # as before the migration
    assert Person.objects.get(pk=person.pk).email_key == ""
    _fill_as_the_migration("0019_person_email_key")
    assert Person.objects.get(pk=person.pk).email_key == "élodie@example.fr"
