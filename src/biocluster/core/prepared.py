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


# A placeholder for an id (no row has it): the value a CompiledOnce query is built with.
ANY_ID = -7_777_777


class CompiledOnce:
    """A query the ORM compiles once per process, its parameters filled in on each call.

    Compiling a queryset costs CPU on every call: the signed-in viewer's affiliations, with the
    areas' flags as EXISTS subqueries (core.registry), took 2 ms of a 10 ms page to compile
    and 0.1 ms to run, on every page. `build(*values)` returns the queryset (a `values_list`);
    it is built once with `placeholders`, values the query will not hold otherwise, and each
    call puts its own values where the placeholders were, written as the ORM wrote them (as
    they are, or as text: SQLite's dates). The rows go through the ORM's converters, as
    `values_list` gives them. On PostgreSQL the statement is prepared (`fetch_all`).
    """

    def __init__(self, build, *placeholders):
        self._build = build
        self._placeholders = placeholders
        self._compiled: dict[tuple, tuple[str, list, list]] = {}

    def _compile(self) -> tuple[str, list, list]:
        queryset = self._build(*self._placeholders)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        slots = []
        found = set()
        for param in params:
            slot = ("constant", param)
            for index, placeholder in enumerate(self._placeholders):
                if param == placeholder:
                    slot = ("value", index)
                elif param == str(placeholder):
                    slot = ("text", index)
                else:
                    continue
                found.add(index)
            slots.append(slot)
        if len(found) != len(self._placeholders):
            raise ValueError(f"a placeholder of {self._build!r} is missing from its compiled query")
        return sql, slots, list(converters.items())

    def rows(self, *values, shape: tuple = ()) -> list[tuple]:
        """The rows for `values`; `shape` names what else the query's text depends on (compiled
        again when it changes)."""
        key = (connection.vendor, shape)
        if key not in self._compiled:
            self._compiled[key] = self._compile()
        sql, slots, converters = self._compiled[key]
        params = [
            what if kind == "constant" else values[what] if kind == "value" else str(values[what])
            for kind, what in slots
        ]
        rows = fetch_all(sql, params)
        return [_converted(row, converters) for row in rows] if converters else rows


def _converted(row: tuple, converters: list) -> tuple:
    """`row` as the ORM's compiler converts it (`SQLCompiler.apply_converters`)."""
    values = list(row)
    for position, (functions, expression) in converters:
        value = values[position]
        for function in functions:
            value = function(value, expression, connection)
        values[position] = value
    return tuple(values)
