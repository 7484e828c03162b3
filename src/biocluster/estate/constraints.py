"""The database's guarantee that a unit is never let twice for overlapping periods.

The same mechanism as the platforms' bookings (`platforms.constraints`), on the
agreements' lines (one row per agreement, unit and period, inclusive of both days):

- PostgreSQL: an exclusion constraint (btree_gist) over the unit and
  daterange(start, end, '[]') of every active line. Of two transactions writing
  overlapping lines at the same moment, the second waits for the first and fails.
- SQLite: BEFORE INSERT / UPDATE triggers refusing an overlapping active line. The
  project opens every transaction with BEGIN IMMEDIATE (settings), so writers take
  the write lock one at a time: a trigger's check and the write it guards cannot
  interleave with another writer's.

A refused write raises an IntegrityError naming `OVERLAP_CONSTRAINT`. The app installs
it again after every migrate (SQLite drops a table's triggers when a migration
rebuilds it), as platforms does.
"""

OVERLAP_CONSTRAINT = "estate_unit_never_let_twice"
TABLE = "estate_agreementunit"

POSTGRESQL_ADD = f"""
ALTER TABLE {TABLE} ADD CONSTRAINT {OVERLAP_CONSTRAINT}
EXCLUDE USING gist (unit_id WITH =, daterange("start", "end", '[]') WITH &&) WHERE (active)
"""
POSTGRESQL_DROP = f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {OVERLAP_CONSTRAINT}"

# Dates are ISO text on SQLite, which compares in time order.
_SQLITE_CLASH = f"""
    SELECT RAISE(ABORT, '{OVERLAP_CONSTRAINT}')
    WHERE EXISTS (
        SELECT 1 FROM {TABLE} AS other
        WHERE other.unit_id = NEW.unit_id AND other.active AND other.id IS NOT NEW.id
          AND other."start" <= NEW."end" AND other."end" >= NEW."start"
    );
"""  # noqa: S608 - this module's constants only
SQLITE_TRIGGERS = {
    f"{OVERLAP_CONSTRAINT}_insert": f"""
CREATE TRIGGER IF NOT EXISTS {OVERLAP_CONSTRAINT}_insert BEFORE INSERT ON {TABLE}
WHEN NEW.active BEGIN {_SQLITE_CLASH} END
""",
    f"{OVERLAP_CONSTRAINT}_update": f"""
CREATE TRIGGER IF NOT EXISTS {OVERLAP_CONSTRAINT}_update
BEFORE UPDATE OF unit_id, active, "start", "end" ON {TABLE}
WHEN NEW.active BEGIN {_SQLITE_CLASH} END
""",
}


def install(connection) -> None:
    """Add the guarantee (idempotent)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
                [OVERLAP_CONSTRAINT, TABLE],
            )
            if cursor.fetchone() is None:
                cursor.execute(POSTGRESQL_ADD)
        elif connection.vendor == "sqlite":
            for sql in SQLITE_TRIGGERS.values():
                cursor.execute(sql)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_DROP)
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def is_installed(connection) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [OVERLAP_CONSTRAINT])
            return cursor.fetchone() is not None
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [OVERLAP_CONSTRAINT + "%"],
        )
        return cursor.fetchone()[0] == len(SQLITE_TRIGGERS)


def is_overlap_error(error: Exception) -> bool:
    return OVERLAP_CONSTRAINT in str(error)
