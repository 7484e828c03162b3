"""Case-insensitive lookups (`iexact`, `icontains`, `istartswith`, `iendswith`) that fold every
letter's case on SQLite too.

Django compares them with SQLite's LIKE, which folds the 26 ASCII letters only: an address
registered as "ÉLODIE.MARTIN@…" was not found as "élodie.martin@…", "Δ-CELL" was not a duplicate
of "δ-cell", and a search for "évry" missed "ÉVRY FORUM", where PostgreSQL (UPPER on both sides)
finds them. On SQLite, when the value holds a character outside ASCII, the column is lowered by
Python's `str.lower` (a function registered on each connection) and compared with the value
lowered the same way. A value in ASCII keeps Django's statement: LIKE folds its letters already,
and no function is called for each row. (The function costs: a search of 100,000 people's two
name columns for "éd" takes about 180 ms on SQLite, against 18 ms for an ASCII value; it used
to be fast and wrong.) PostgreSQL keeps Django's statements. Everything that
asks these lookups of a text field goes through them: our services, forms, filters and
commands, and allauth's login by e-mail.
"""

from django.db import models
from django.db.models.lookups import IContains, IEndsWith, IExact, IStartsWith, Lookup

SQLITE_LOWER = "biocluster_lower"


def _lower(value):
    return None if value is None else str(value).lower()


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _FoldedOnSQLite:
    pattern = "{}"

    def as_sqlite(self, compiler, connection):
        value = self.rhs
        if not isinstance(value, str):
            return self.as_other_values(compiler, connection)
        if value.isascii():
            return self.as_sql(compiler, connection)
        lhs, lhs_params = Lookup.process_lhs(self, compiler, connection)
        pattern = self.pattern.format(_escaped(value.lower()))
        return f"{SQLITE_LOWER}({lhs}) LIKE %s ESCAPE '\\'", (*lhs_params, pattern)

    def as_other_values(self, compiler, connection):
        return self.as_sql(compiler, connection)


class UnicodeIExact(_FoldedOnSQLite, IExact):
    def as_other_values(self, compiler, connection):
        # Another column (F()) or a number: both sides through the function.
        lhs, lhs_params = Lookup.process_lhs(self, compiler, connection)
        rhs, rhs_params = Lookup.process_rhs(self, compiler, connection)
        return f"{SQLITE_LOWER}({lhs}) = {SQLITE_LOWER}({rhs})", (*lhs_params, *rhs_params)


class UnicodeIContains(_FoldedOnSQLite, IContains):
    pattern = "%{}%"


class UnicodeIStartsWith(_FoldedOnSQLite, IStartsWith):
    pattern = "{}%"


class UnicodeIEndsWith(_FoldedOnSQLite, IEndsWith):
    pattern = "%{}"


def register() -> None:
    for field in (models.CharField, models.TextField):
        for lookup in (UnicodeIExact, UnicodeIContains, UnicodeIStartsWith, UnicodeIEndsWith):
            field.register_lookup(lookup)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_LOWER, 1, _lower, deterministic=True)
