"""A write refused by PostgreSQL to break a deadlock between two writers of overlapping rows is
tried once more (it then waits for the other writer and meets the ordinary refusal); any other
database error is not retried; and the services' writers of one resource queue, so that they
rarely need it."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from biocluster.core.overlap import DEADLOCK_TRIES, OverlapGuarantee, is_deadlock, write_again_after_deadlock

pytestmark = pytest.mark.django_db


class _DriverError(Exception):
    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _wrapped(sqlstate) -> OperationalError:
    error = OperationalError("refused")
    error.__cause__ = _DriverError(sqlstate)
    return error


def _failing(times: int, sqlstate: str):
    calls = []

    def write():
        calls.append(1)
        if len(calls) <= times:
            raise _wrapped(sqlstate)
        return "written"

    return write, calls


def test_a_write_refused_to_break_a_deadlock_is_tried_again():
    write, calls = _failing(1, "40P01")
    assert write_again_after_deadlock(write) == "written"
    assert len(calls) == 2


def test_deadlocks_are_tried_again_until_the_last_try_which_is_raised():
    write, calls = _failing(DEADLOCK_TRIES - 1, "40P01")
    assert write_again_after_deadlock(write) == "written"
    assert len(calls) == DEADLOCK_TRIES
    write, calls = _failing(DEADLOCK_TRIES, "40P01")
    with pytest.raises(OperationalError):
        write_again_after_deadlock(write)
    assert len(calls) == DEADLOCK_TRIES


def test_the_guarantees_write_is_tried_again_after_a_deadlock():
    guarantee = OverlapGuarantee(name="test_guarantee", table="", exclude="", active="", watched="", clash="")
    write, calls = _failing(1, "40P01")
    assert guarantee.write(write, resources=[3]) == "written"
    assert len(calls) == 2


def test_another_database_error_is_not_retried():
    write, calls = _failing(1, "57014")  # query cancelled
    with pytest.raises(OperationalError):
        write_again_after_deadlock(write)
    assert len(calls) == 1
    assert is_deadlock(_wrapped("40P01")) and not is_deadlock(_wrapped("57014"))
    assert not is_deadlock(OperationalError("no driver error"))


@pytest.mark.django_db(transaction=True)
def test_the_writers_of_one_resource_queue_until_the_first_transaction_ends():
    """PostgreSQL: while one transaction writes a resource's rows, another waits for it (here,
    until its lock timeout) rather than checking the constraint against uncommitted rows; the
    writers of another resource do not wait."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing to queue")
    guarantee = OverlapGuarantee(name="test_guarantee", table="", exclude="", active="", watched="", clash="")
    held, release = threading.Event(), threading.Event()

    def first_writer():
        with transaction.atomic():
            guarantee.queue_writers([7])
            held.set()
            release.wait(10)
        connection.close()  # this thread's connection

    thread = threading.Thread(target=first_writer)
    thread.start()
    try:
        assert held.wait(10)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            guarantee.queue_writers([8, 9])  # other resources: at once
            assert guarantee.write(lambda: "cancelled", resources=[]) == "cancelled"  # no queue: at once
            with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
                guarantee.write(lambda: "written", resources=[7])  # the services' writes queue
            with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
                guarantee.queue_writers([9, 7])
    finally:
        release.set()
        thread.join()
    with transaction.atomic():
        guarantee.queue_writers([7])  # the first transaction has ended: free again
