"""Case-insensitive equality (`__iexact`) that folds every letter's case, on SQLite too.

Django compares `iexact` with SQLite's LIKE, which folds the 26 ASCII letters only: an address
registered as "ÉLODIE.MARTIN@…" was not found as "élodie.martin@…", and "Δ-CELL" was not a
duplicate of "δ-cell", where PostgreSQL (UPPER on both sides) says they are the same. On SQLite
both sides are now lowered by Python's `str.lower` (registered as a function on each connection);
PostgreSQL keeps Django's own statement. Everything that asks `iexact` on a text field goes
through it: our services, forms and commands, filters, and allauth's login by e-mail.

SQLite's LIKE could not use an index for `iexact` either (it is case-sensitive to the planner),
so the lookup still reads the rows it did; it now calls the function once per row it reads.
"""

from django.db import models
from django.db.models.lookups import IExact, Lookup

SQLITE_LOWER = "biocluster_lower"


def _lower(value):
    return None if value is None else str(value).lower()


class UnicodeIExact(IExact):
    def as_sqlite(self, compiler, connection):
        # Lookup's own halves: without BuiltinLookup's cast and without escaping the value for LIKE.
        lhs, lhs_params = Lookup.process_lhs(self, compiler, connection)
        rhs, rhs_params = Lookup.process_rhs(self, compiler, connection)
        return f"{SQLITE_LOWER}({lhs}) = {SQLITE_LOWER}({rhs})", (*lhs_params, *rhs_params)


def register() -> None:
    for field in (models.CharField, models.TextField):
        field.register_lookup(UnicodeIExact)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_LOWER, 1, _lower, deterministic=True)
