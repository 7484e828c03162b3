"""The database's guarantee that an instrument is never booked twice.

PostgreSQL: an exclusion constraint (btree_gist) over the instrument and the
range [start, blocked_until) of every active booking. Two transactions that
insert overlapping bookings at the same moment cannot both commit: the second
waits for the first, then fails.

SQLite has no exclusion constraints: triggers refuse an overlapping insert or
update. SQLite runs one writer at a time (the project opens every transaction
with BEGIN IMMEDIATE), so a trigger's check and the write it guards cannot
interleave with another writer's.

Either way a refused write raises an IntegrityError that names
`OVERLAP_CONSTRAINT`; `is_overlap_error` recognises it so that services turn it
into a clear message. Raw SQL, the admin and bulk loads are all covered.
"""

from .limits import MAX_BLOCK_MINUTES

OVERLAP_CONSTRAINT = "platforms_booking_no_overlap"
TABLE = "platforms_booking"
# The same list as models.ACTIVE_STATUSES; a test checks that they agree.
ACTIVE_SQL = "('requested', 'confirmed', 'checked_in', 'completed')"

POSTGRESQL_ADD = f"""
ALTER TABLE {TABLE} ADD CONSTRAINT {OVERLAP_CONSTRAINT}
EXCLUDE USING gist (
    instrument_id WITH =,
    tstzrange("start", "blocked_until", '[)') WITH &&
) WHERE (status IN {ACTIVE_SQL})
"""
POSTGRESQL_DROP = f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {OVERLAP_CONSTRAINT}"

# Django stores SQLite datetimes as UTC text ("YYYY-MM-DD HH:MM:SS[.ffffff]"),
# which compares in time order. The lower bound on "start" keeps the lookup on
# the (instrument, start) index: no booking blocks longer than MAX_BLOCK_MINUTES.
_SQLITE_CLASH = f"""
    SELECT RAISE(ABORT, '{OVERLAP_CONSTRAINT}')
    WHERE EXISTS (
        SELECT 1 FROM {TABLE} AS other
        WHERE other.instrument_id = NEW.instrument_id
          AND other.status IN {ACTIVE_SQL}
          AND other.id IS NOT NEW.id
          AND other."start" < NEW."blocked_until"
          AND other."start" > datetime(NEW."start", '-{MAX_BLOCK_MINUTES} minutes')
          AND other."blocked_until" > NEW."start"
    );
"""  # noqa: S608 - built from this module's constants only
SQLITE_TRIGGERS = {
    f"{OVERLAP_CONSTRAINT}_insert": f"""
CREATE TRIGGER IF NOT EXISTS {OVERLAP_CONSTRAINT}_insert
BEFORE INSERT ON {TABLE}
WHEN NEW.status IN {ACTIVE_SQL}
BEGIN {_SQLITE_CLASH} END
""",
    f"{OVERLAP_CONSTRAINT}_update": f"""
CREATE TRIGGER IF NOT EXISTS {OVERLAP_CONSTRAINT}_update
BEFORE UPDATE OF instrument_id, status, "start", "blocked_until" ON {TABLE}
WHEN NEW.status IN {ACTIVE_SQL}
BEGIN {_SQLITE_CLASH} END
""",
}


def install(connection) -> None:
    """Add the guarantee to the bookings table (idempotent)."""
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
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [OVERLAP_CONSTRAINT + "%"],
            )
            return cursor.fetchone()[0] == len(SQLITE_TRIGGERS)
    return False


def is_overlap_error(error: Exception) -> bool:
    return OVERLAP_CONSTRAINT in str(error)
