"""Event staff scheduling sessions and members booking the same room at the same moment: one wins.

The platforms' race harness (`platforms/tests/test_concurrency.py`: real threads, each with its
own connection and committed transaction, released together; on SQLite a file copy of the test
database with the project's settings). Four conflicts on the auditorium, each wanted by two
sessions and two private bookings; with the services' own check switched off, the database's
guarantee alone must let one through per conflict, and a refused session leaves no row behind.
"""

import sqlite3
from datetime import timedelta

import pytest
from django.db import connection

from biocluster.events import services
from biocluster.events.models import Session
from biocluster.platforms import services as platforms
from biocluster.platforms.models import ACTIVE_STATUSES, Booking
from biocluster.platforms.services import policy
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.test_concurrency import database, race  # noqa: F401 - the fixture

from .test_rooms import day, event  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)

GROUPS, PER_GROUP = 4, 4  # in each group: two sessions, two private bookings


@pytest.fixture
def members(db):
    from biocluster.directory.tests.factories import OrganisationFactory
    from biocluster.platforms.tests.factories import member_of

    company = OrganisationFactory(name="Abolis", kind="startup")
    return [member_of(company, email=f"booker{i}@example.org") for i in range(GROUPS * PER_GROUP)]


def _work(event, staff, auditorium, members):  # noqa: F811 - fixture values
    first = next_weekday(1)

    def work(index: int):
        group, rank = divmod(index, PER_GROUP)
        start = local(first + timedelta(weeks=group), 9) + timedelta(minutes=30 * rank)
        end = start + timedelta(hours=2)
        if rank % 2 == 0:
            added = services.add_session(
                event=event,
                actor=staff,
                title_en=f"Session {index}",
                starts_at=start,
                ends_at=end,
                room=auditorium,
            )
            return ("session", added.booking_id)
        booking = platforms.create_booking(
            actor=members[index], instrument=auditorium.resource, start=start, end=end
        )
        return ("private", booking.pk)

    return work


def _stored(database) -> tuple[list, list]:  # noqa: F811
    """(active bookings as (id, start)), (sessions as (id, booking_id)), as committed."""
    active = tuple(str(status) for status in ACTIVE_STATUSES)
    if connection.vendor == "sqlite":
        with sqlite3.connect(database.path) as raw:
            bookings = raw.execute(
                f'SELECT id, "start" FROM platforms_booking WHERE status IN ({",".join("?" * len(active))})',  # noqa: S608
                active,
            ).fetchall()
            sessions = raw.execute("SELECT id, booking_id FROM events_session").fetchall()
        return bookings, sessions
    return (
        list(Booking.objects.filter(status__in=active).values_list("pk", "start")),
        list(Session.objects.values_list("pk", "booking_id")),
    )


def _assert_one_winner_per_conflict(database, results):  # noqa: F811
    winners = [value for kind, value in results if kind == "ok"]
    refusals = [value for kind, value in results if kind == "refused"]
    assert len(winners) == GROUPS, results
    for error in refusals:
        assert policy.error_code(error) == policy.CONFLICT, error
        assert "This slot is taken" in error.messages[0]
    bookings, sessions = _stored(database)
    assert sorted(pk for pk, _start in bookings) == sorted(pk for _kind, pk in winners)
    assert len({str(start)[:10] for _pk, start in bookings}) == GROUPS
    # A refused session is not saved; a saved one holds its booking.
    assert sorted(booking for _pk, booking in sessions) == sorted(
        pk for kind, pk in winners if kind == "session"
    )


def test_sessions_and_private_bookings_racing_for_a_room(database, event, staff, auditorium, members):  # noqa: F811
    results = race(database, _work(event, staff, auditorium, members), GROUPS * PER_GROUP)
    _assert_one_winner_per_conflict(database, results)


def test_the_database_alone_keeps_sessions_and_bookings_apart(
    database,  # noqa: F811
    event,  # noqa: F811
    staff,
    auditorium,
    members,
    monkeypatch,
):
    monkeypatch.setattr(policy, "check_conflict", lambda request: None)
    results = race(database, _work(event, staff, auditorium, members), GROUPS * PER_GROUP)
    _assert_one_winner_per_conflict(database, results)
