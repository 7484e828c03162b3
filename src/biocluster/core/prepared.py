"""Statements that PostgreSQL parses and plans once per connection, for the hottest pages.

Django binds parameters on the client by default (the statement travels as text with its
values written in), so PostgreSQL parses and plans it on every request: for the week
calendar's one statement, planning took 0.37 ms against 0.09 ms of execution, and the
round trip 0.8-1.2 ms against 0.15-0.4 ms once prepared (benchmarks/platforms.py;
docs/platforms-speed.md). `fetch_all` sends a constant statement through a server-binding
cursor that prepares it on the connection's first use and reuses the plan afterwards.

Only statements given to `fetch_all` are prepared: the connection's `prepare_threshold` is
set so high (settings.DATABASES) that psycopg never prepares anything on its own, and
Django's own cursors bind on the client and never prepare. The cursor is wrapped by Django
as any other, so the statement is logged, counted (assertNumQueries) and passed through
`connection.execute_wrapper`. On SQLite, which keeps its own statement cache, it is an
ordinary cursor.

Behind a connection pooler in transaction mode, prepared statements need its support
(PgBouncer 1.21 and later, `max_prepared_statements`).
"""

import functools

from django.db import connection


@functools.cache
def _prepared_cursor_class():
    """Built on first use: the PostgreSQL backend imports psycopg, absent from a SQLite-only setup."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class Prepared(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return Prepared


def fetch_all(sql: str, params) -> list[tuple]:
    """The rows of `sql` (a constant: its text is the prepared statement's key) for `params`."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = _prepared_cursor_class()(connection.connection)
    with connection._prepare_cursor(raw) as cursor:  # Django's wrapping: logged, counted
        cursor.execute(sql, params)
        return cursor.fetchall()
