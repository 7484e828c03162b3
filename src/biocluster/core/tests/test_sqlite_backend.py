"""The SQLite backend analyses the tables a connection used as it closes (core.sqlite)."""

import sqlite3

import pytest
from django.db.utils import ConnectionHandler


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker):
    """These tests open their own database files, not the test database."""
    with django_db_blocker.unblock():
        yield


def _connection(path, engine="biocluster.core.sqlite"):
    return ConnectionHandler({"default": {"ENGINE": engine, "NAME": str(path)}})["default"]


def _analysed(path) -> set[str]:
    with sqlite3.connect(path) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return set()
        return {table for (table,) in db.execute("SELECT tbl FROM sqlite_stat1")}


def _fill(connection, table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, kind INTEGER, day INTEGER)")
        cursor.execute(f"CREATE INDEX {table}_kind ON {table} (kind)")
        cursor.execute(f"CREATE INDEX {table}_day ON {table} (day)")
        rows = [(i % 3, i) for i in range(3000)]
        cursor.execute("BEGIN")  # one transaction, not one synced write a row
        cursor.executemany(f"INSERT INTO {table} (kind, day) VALUES (%s, %s)", rows)  # noqa: S608 - constant names
        cursor.execute("COMMIT")


def test_a_closing_connection_analyses_the_tables_it_read(tmp_path):
    path = tmp_path / "planner.sqlite3"
    connection = _connection(path)
    _fill(connection, "booking")
    _fill(connection, "untouched")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM booking WHERE kind = 1 AND day BETWEEN 10 AND 20")
        cursor.fetchall()
    assert _analysed(path) == set()
    connection.close()
    assert _analysed(path) == {"booking"}


def test_django_s_own_backend_left_the_statistics_missing(tmp_path):
    """The reason for the backend: the same work through Django's backend analyses nothing."""
    path = tmp_path / "planner.sqlite3"
    connection = _connection(path, engine="django.db.backends.sqlite3")
    _fill(connection, "booking")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM booking WHERE kind = 1 AND day BETWEEN 10 AND 20")
        cursor.fetchall()
    connection.close()
    assert _analysed(path) == set()


def test_a_connection_closed_while_another_writes_closes_at_once(tmp_path):
    path = tmp_path / "planner.sqlite3"
    connection = _connection(path)
    _fill(connection, "booking")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM booking WHERE kind = 1 AND day BETWEEN 10 AND 20")
        cursor.fetchall()
    writer = sqlite3.connect(path, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    try:
        connection.close()  # ANALYZE cannot take the lock: the connection closes all the same
    finally:
        writer.rollback()
        writer.close()
    assert connection.connection is None
    assert _analysed(path) == set()
