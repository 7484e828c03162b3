"""A statement given to core.prepared is planned once per PostgreSQL connection, still goes
through Django's cursor wrapping (counted, logged), and survives a rolled-back transaction;
nothing else is ever prepared."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from biocluster.core import prepared
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NAMES = "SELECT name FROM directory_organisation WHERE id = %s"


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_rows_are_those_of_an_ordinary_cursor():
    organisation = OrganisationFactory(name="Généthon")
    with CaptureQueriesContext(connection) as seen:
        rows = prepared.fetch_all(NAMES, [organisation.pk])
    assert rows == [("Généthon",)]
    assert len(seen.captured_queries) == 1
    assert "directory_organisation" in seen.captured_queries[0]["sql"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_the_statement_is_prepared_once_and_nothing_else_is():
    first, second = OrganisationFactory(), OrganisationFactory()
    for organisation in [first, second, first]:
        assert prepared.fetch_all(NAMES, [organisation.pk]) == [(organisation.name,)]
    list(type(first).objects.filter(pk=first.pk))  # an ordinary query, many times over
    for _ in range(10):
        list(type(first).objects.filter(pk=second.pk))
    statements = _prepared_statements()
    assert len(statements) == 1
    assert "directory_organisation" in statements[0]
    assert "$1" in statements[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_rolled_back_transaction_leaves_the_statement_usable():
    organisation = OrganisationFactory(name="Ynsect")
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert prepared.fetch_all(NAMES, [organisation.pk]) == [("Ynsect",)]
        1 / 0  # noqa: B018 - the failure that rolls back
    assert prepared.fetch_all(NAMES, [organisation.pk]) == [("Ynsect",)]
    with pytest.raises(DatabaseError), transaction.atomic():
        prepared.fetch_all(NAMES, ["not a number"])
    assert prepared.fetch_all(NAMES, [organisation.pk]) == [("Ynsect",)]
