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
    # Statements earlier tests prepared on this connection (the calendar's, the viewer's
    # affiliations) stay prepared: count what this test adds.
    before = set(_prepared_statements())
    first, second = OrganisationFactory(), OrganisationFactory()
    for organisation in [first, second, first]:
        assert prepared.fetch_all(NAMES, [organisation.pk]) == [(organisation.name,)]
    list(type(first).objects.filter(pk=first.pk))  # an ordinary query, many times over
    for _ in range(10):
        list(type(first).objects.filter(pk=second.pk))
    after = _prepared_statements()
    ours = [statement for statement in after if statement == NAMES.replace("%s", "$1")]
    assert len(ours) == 1  # prepared once, whoever prepared it first
    assert set(after) - before <= set(ours)  # and the ordinary queries were not


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


def _names_joined_since(day, organisation_id):
    from django.db.models import DecimalField, F
    from django.db.models.functions import Cast

    from biocluster.directory.models import Affiliation

    return (
        Affiliation.objects.filter(start_date__gte=day, organisation_id=organisation_id)
        .order_by("person__last_name")
        # A value SQLite gives as a number, and the ORM's converter as a Decimal.
        .annotate(share=Cast(F("organisation_id"), DecimalField(max_digits=12, decimal_places=2)))
        .values_list("person__last_name", "start_date", "is_administrator", "share")
    )


def test_a_query_compiled_once_gives_the_orms_rows_for_each_call_values():
    from datetime import date
    from decimal import Decimal

    from biocluster.directory.tests.factories import AffiliationFactory

    first, second = OrganisationFactory(), OrganisationFactory()
    AffiliationFactory(organisation=first, person__last_name="Élodie", start_date=date(2020, 1, 1))
    AffiliationFactory(organisation=first, person__last_name="Zoé", start_date=date(2024, 6, 1))
    AffiliationFactory(organisation=second, person__last_name="Other", start_date=date(2024, 6, 1))
    query = prepared.CompiledOnce(_names_joined_since, date(1900, 1, 2), -7_777_777)
    for day, organisation in [
        (date(2019, 1, 1), first),
        (date(2023, 1, 1), first),
        (date(2019, 1, 1), second),
    ]:
        expected = list(_names_joined_since(day, organisation.pk))
        got = query.rows(day, organisation.pk)
        assert got == expected
        assert expected  # the comparison compared something
        # As the ORM converts them (SQLite gives the decimal as a number equal to it).
        assert [[type(value) for value in row] for row in got] == [[str, date, bool, Decimal]] * len(expected)


def test_a_placeholder_the_orm_folded_away_is_refused():
    from datetime import date

    def ignores_the_day(day, organisation_id):
        return _names_joined_since(date(2000, 1, 1), organisation_id)

    with pytest.raises(ValueError, match="placeholder"):
        prepared.CompiledOnce(ignores_the_day, date(1900, 1, 2), -7_777_777).rows(date(2020, 1, 1), 1)


def test_a_new_shape_is_compiled_again():
    from datetime import date

    calls = []

    def build(day, organisation_id):
        calls.append(day)
        return _names_joined_since(day, organisation_id)

    query = prepared.CompiledOnce(build, date(1900, 1, 2), -7_777_777)
    query.rows(date(2020, 1, 1), 1)
    query.rows(date(2021, 1, 1), 2)
    assert len(calls) == 1
    query.rows(date(2021, 1, 1), 2, shape=("a flag",))
    assert len(calls) == 2
