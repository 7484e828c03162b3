"""Many clients letting overlapping periods of the same units at the same moment: one wins each conflict.

The platforms' race harness (`platforms/tests/test_concurrency.py`: real threads, each with its
own connection and committed transaction, released together; on SQLite a file copy of the test
database opened with the project's settings, WAL and BEGIN IMMEDIATE) is reused as it is.
With the service's own check switched off, only the database (exclusion constraint, or
triggers under the write lock) stands between the clients.
"""

import datetime
import sqlite3

import pytest
from django.db import connection

from biocluster.estate import services
from biocluster.estate.models import Agreement, AgreementUnit
from biocluster.platforms.tests.test_concurrency import database, race  # noqa: F401 - the fixture

from .factories import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 12
UNITS = 3  # three separate conflicts, four clients each


@pytest.fixture
def world(staff_user, tenant, building):
    return staff_user, tenant, [UnitFactory(building=building, code=f"R{i}") for i in range(UNITS)]


def _let_all(database, world):  # noqa: F811 - the fixture's value
    staff, tenant, units = world

    def work(index):
        unit = units[index % UNITS]
        start = datetime.date(2026, 1 + index // UNITS, 1)  # overlapping years, one month apart
        agreement = services.create_agreement(
            actor=staff,
            organisation=tenant,
            units=[unit],
            start=start,
            end=start + datetime.timedelta(days=364),
            kind="lease",
        )
        return agreement.pk

    return race(database, work, CLIENTS)


def _stored(database):  # noqa: F811
    if connection.vendor == "sqlite":
        with sqlite3.connect(database.path) as raw:
            agreements = raw.execute("SELECT count(*) FROM estate_agreement").fetchone()[0]
            lines = raw.execute("SELECT unit_id, agreement_id FROM estate_agreementunit").fetchall()
        return agreements, lines
    return Agreement.objects.count(), list(AgreementUnit.objects.values_list("unit_id", "agreement_id"))


def _assert_one_winner_per_unit(database, results):  # noqa: F811
    winners = [value for kind, value in results if kind == "ok"]
    refusals = [value for kind, value in results if kind == "refused"]
    assert len(winners) == UNITS, results
    assert len(refusals) == CLIENTS - UNITS
    assert all(isinstance(error, services.LetTwice) for error in refusals), refusals
    agreements, lines = _stored(database)
    assert agreements == UNITS  # nothing half-saved
    assert sorted(agreement for _unit, agreement in lines) == sorted(winners)
    assert len({unit for unit, _agreement in lines}) == UNITS


def test_simultaneous_overlapping_leases_one_wins_each_unit(database, world):  # noqa: F811
    _assert_one_winner_per_unit(database, _let_all(database, world))


def test_the_database_alone_holds_when_every_client_passes_the_check(database, world, monkeypatch):  # noqa: F811
    monkeypatch.setattr(services, "check_free", lambda *args, **kwargs: None)
    _assert_one_winner_per_unit(database, _let_all(database, world))
