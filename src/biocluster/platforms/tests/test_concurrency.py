"""Many clients booking overlapping slots at the same moment: exactly one wins each conflict.

Real threads, each with its own database connection and its own committed
transaction, released together by a barrier.

PostgreSQL: the test database is shared by all connections. With the
service's own check switched off, every client passes it at once and only the
exclusion constraint stands between them: it must let exactly one through per
conflict, the others waiting for the winner's commit and then failing.

SQLite: pytest-django's in-memory test database is a shared-cache database,
whose table locks do not wait (SQLITE_LOCKED at once): not what production
runs. The test copies it to a file and gives each thread its own connection to
that file, with the project's settings (WAL, BEGIN IMMEDIATE, busy timeout).
There transactions run one at a time: the service's check inside the
write-locked transaction sees the winner's commit; with the check switched off,
the triggers refuse the overlap instead.
"""

import sqlite3
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from biocluster.audit.models import AuditEvent
from biocluster.platforms import services
from biocluster.platforms.models import ACTIVE_STATUSES, Booking
from biocluster.platforms.services import policy
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import QualificationFactory, member_of

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 16
GROUPS = 4  # four separate conflicts on the same instrument, four clients each


class SharedDatabase:
    """What the threads connect to: the test database itself, or (SQLite) a file copy of it."""

    def __init__(self, path):
        self.path = path
        self.settings_dict = None

    def prepare(self) -> None:
        """Copy the test data, as it stands, to the file (SQLite only); call before the threads start."""
        if connection.vendor != "sqlite":
            return
        connection.ensure_connection()
        target = sqlite3.connect(self.path)
        connection.connection.backup(target)
        # In WAL mode before the threads open it: sixteen first connections each switching the
        # journal mode at the same instant refuse one another ("database is locked").
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        self.settings_dict = {**connection.settings_dict, "NAME": str(self.path)}

    def connect(self) -> None:
        """In a thread: point the ORM's default connection of this thread at the shared database."""
        if self.settings_dict is not None:
            from django.db.utils import load_backend

            backend = load_backend(self.settings_dict["ENGINE"])
            connections["default"] = backend.DatabaseWrapper(self.settings_dict, "default")


@pytest.fixture
def database(tmp_path):
    return SharedDatabase(tmp_path / "race.sqlite3")


def race(database, work, clients: int) -> list:
    """Run work(i) in `clients` threads released together; each result is ('ok'|'refused'|'error', value)."""
    database.prepare()
    barrier = threading.Barrier(clients)
    results: list = [None] * clients

    def run(index: int):
        try:
            database.connect()
            connections["default"].ensure_connection()
            barrier.wait(timeout=30)
            results[index] = ("ok", work(index))
        except ValidationError as error:
            results[index] = ("refused", error)
        except Exception as error:
            results[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    errors = [value for kind, value in results if kind == "error"]
    assert not errors, errors
    return results


def stored(database) -> list[tuple]:
    """(booking id, start, status) as committed, read through the database the threads used."""
    if connection.vendor == "sqlite":
        with sqlite3.connect(database.path) as raw:
            return raw.execute('SELECT id, "start", status FROM platforms_booking').fetchall()
    return list(Booking.objects.values_list("pk", "start", "status"))


def audit_count(database) -> int:
    if connection.vendor == "sqlite":
        with sqlite3.connect(database.path) as raw:
            return raw.execute(
                "SELECT count(*) FROM audit_auditevent WHERE action = 'platforms.booking.created'"
            ).fetchone()[0]
    return AuditEvent.objects.filter(action="platforms.booking.created").count()


@pytest.fixture
def clients(instrument, lab):
    users = []
    for index in range(CLIENTS):
        user = member_of(lab, email=f"client{index}@example.org")
        QualificationFactory(instrument=instrument, user=user)
        users.append(user)
    return users


def _slot(index: int):
    """Clients of one group want overlapping slots of the same morning (9-11, 9:30-11:30, …)."""
    day = next_weekday(1) + timedelta(days=index % GROUPS)
    offset = timedelta(minutes=30 * (index // GROUPS))
    return local(day, 9) + offset, local(day, 11) + offset


def _book_all(database, instrument, clients):
    def work(index):
        start, end = _slot(index)
        return services.create_booking(actor=clients[index], instrument=instrument, start=start, end=end).pk

    return race(database, work, CLIENTS)


def _assert_one_winner_per_conflict(database, results):
    winners = [value for kind, value in results if kind == "ok"]
    refusals = [value for kind, value in results if kind == "refused"]
    assert len(winners) == GROUPS, results
    assert len(refusals) == CLIENTS - GROUPS
    for error in refusals:
        assert policy.error_code(error) == policy.CONFLICT
        assert "This slot is taken" in error.messages[0], error.messages
        assert "is booked" in error.messages[0]
    rows = stored(database)
    # Nothing half-saved: only the winners' rows exist, each with its audit event.
    assert sorted(row[0] for row in rows) == sorted(winners)
    assert all(row[2] in ACTIVE_STATUSES for row in rows)
    assert audit_count(database) == GROUPS
    days = {str(row[1])[:10] for row in rows}
    assert len(days) == GROUPS


def test_simultaneous_overlapping_bookings_one_wins_each_conflict(database, instrument, clients):
    _assert_one_winner_per_conflict(database, _book_all(database, instrument, clients))


def test_the_database_alone_holds_when_every_client_passes_the_check(
    database, instrument, clients, monkeypatch
):
    """The service's own check switched off: the exclusion constraint (or the triggers) decide."""
    monkeypatch.setattr(policy, "check_conflict", lambda request: None)
    _assert_one_winner_per_conflict(database, _book_all(database, instrument, clients))


def test_a_series_racing_single_bookings_is_saved_whole_or_not_at_all(
    database, instrument, clients, monkeypatch
):
    monkeypatch.setattr(policy, "check_conflict", lambda request: None)
    first = next_weekday(1)

    def work(index):
        if index == 0:
            result = services.create_series(
                actor=clients[0],
                instrument=instrument,
                start=local(first, 10),
                end=local(first, 12),
                frequency="weekly",
                count=4,
            )
            return [b.pk for b in result.bookings]
        day = first + timedelta(weeks=index - 1)
        return services.create_booking(
            actor=clients[index], instrument=instrument, start=local(day, 11), end=local(day, 13)
        ).pk

    results = race(database, work, 5)
    rows = stored(database)
    by_day: dict[str, int] = {}
    for _pk, start, _status in rows:
        by_day[str(start)[:10]] = by_day.get(str(start)[:10], 0) + 1
    assert sorted(by_day.values()) == [1, 1, 1, 1]  # exactly one booking on each of the four dates
    series_kind, series_value = results[0]
    if series_kind == "ok":
        assert len(series_value) == 4
        assert all(kind == "refused" for kind, _ in results[1:])
    else:
        assert all(kind == "ok" for kind, _ in results[1:]) or len(rows) == 4
        assert not any(
            pk in {row[0] for row in rows} for pk in (series_value if isinstance(series_value, list) else [])
        )
