"""A guarantee held by the database: two active rows of a table never overlap in time on the
same resource (an instrument's bookings, a unit's agreements).

PostgreSQL: an exclusion constraint (btree_gist). Two transactions writing overlapping rows at
the same moment cannot both commit: the second waits for the first, then fails.

SQLite has no exclusion constraints: BEFORE INSERT and BEFORE UPDATE triggers refuse an
overlapping row. SQLite runs one writer at a time (the project opens every transaction with
BEGIN IMMEDIATE), so a trigger's check and the write it guards cannot interleave with another
writer's.

Two PostgreSQL transactions inserting overlapping rows at the same instant can each find the
other's row while checking the constraint and wait for each other; PostgreSQL then refuses one
of them with "deadlock detected". The services write through `OverlapGuarantee.write`, which
queues the writers of a resource (`queue_writers`) so that this rarely happens, and retries a
write refused that way anyway in a new savepoint (`write_again_after_deadlock`, a few times: with
many writers the retry can meet another deadlock): it then waits for the other transactions and
meets the ordinary refusal.

Either way a refused write raises an IntegrityError naming the guarantee; `is_overlap_error`
recognises it so that services turn it into a clear message. Raw SQL, the admin and bulk loads
are all covered. Apps install their guarantee in a migration and again after every migrate
(SQLite drops a table's triggers when a migration rebuilds the table).
"""

from dataclasses import dataclass

from django.db import OperationalError, transaction

DEADLOCK_DETECTED = "40P01"


@dataclass(frozen=True)
class OverlapGuarantee:
    name: str
    table: str
    exclude: str  # PostgreSQL: what follows `EXCLUDE USING gist` (with its WHERE)
    active: str  # SQLite: the condition on NEW under which a row must not overlap
    watched: str  # SQLite: the columns whose update is checked, as SQL
    clash: str  # SQLite: the condition on `other` (and NEW) meaning an overlap

    @property
    def postgresql_add(self) -> str:
        return f"ALTER TABLE {self.table} ADD CONSTRAINT {self.name} EXCLUDE USING gist {self.exclude}"

    @property
    def sqlite_triggers(self) -> dict[str, str]:
        others = f"SELECT 1 FROM {self.table} AS other WHERE other.id IS NOT NEW.id AND {self.clash}"  # noqa: S608 - the apps' constants only
        check = f"SELECT RAISE(ABORT, '{self.name}') WHERE EXISTS ({others});"
        return {
            f"{self.name}_insert": (
                f"CREATE TRIGGER IF NOT EXISTS {self.name}_insert BEFORE INSERT ON {self.table} "
                f"WHEN {self.active} BEGIN {check} END"
            ),
            f"{self.name}_update": (
                f"CREATE TRIGGER IF NOT EXISTS {self.name}_update BEFORE UPDATE OF {self.watched} "
                f"ON {self.table} WHEN {self.active} BEGIN {check} END"
            ),
        }

    def install(self, connection) -> None:
        """Add the guarantee (idempotent)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
                    [self.name, self.table],
                )
                if cursor.fetchone() is None:
                    cursor.execute(self.postgresql_add)
            elif connection.vendor == "sqlite":
                for sql in self.sqlite_triggers.values():
                    cursor.execute(sql)

    def uninstall(self, connection) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {self.table} DROP CONSTRAINT IF EXISTS {self.name}")
            elif connection.vendor == "sqlite":
                for name in self.sqlite_triggers:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")

    def is_installed(self, connection) -> bool:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [self.name])
                return cursor.fetchone() is not None
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                    [self.name + "%"],
                )
                return cursor.fetchone()[0] == len(self.sqlite_triggers)
        return False

    def is_overlap_error(self, error: Exception) -> bool:
        return self.name in str(error)

    def queue_writers(self, resource_ids) -> None:
        """PostgreSQL: the services' writers of one resource's rows go one at a time, each until
        its transaction ends (advisory locks, taken in increasing order). A second writer then
        finds the first's row committed and is refused at once, where two writers checking the
        constraint against each other's uncommitted rows could deadlock again and again (sixteen
        writers racing for one room once outlasted five retries). The guarantee stays the
        constraint's: raw SQL, the admin and bulk loads do not queue and are still refused."""
        from django.db import connection

        if connection.vendor != "postgresql":
            return  # SQLite has one writer at a time already
        with connection.cursor() as cursor:
            for resource_id in sorted(set(resource_ids)):
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s), %s)", [self.name, resource_id])

    def write(self, write, *, resources=()):
        """The services' way to write rows this guarantee covers: queued behind the other writers
        of `resources` (none for a write that leaves no row active: it cannot overlap), and
        written again after a deadlock (`write_again_after_deadlock`). A refused overlap raises
        the IntegrityError that `is_overlap_error` recognises."""

        def queued():
            self.queue_writers(resources)
            return write()

        return write_again_after_deadlock(queued)


def is_deadlock(error: Exception) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == DEADLOCK_DETECTED


DEADLOCK_TRIES = 5  # sixteen writers racing for one room met a second deadlock on the retry


def write_again_after_deadlock(write):
    """Run `write()` in a savepoint, and again in a new one (DEADLOCK_TRIES in all) while
    PostgreSQL refuses it to break a deadlock between writers of overlapping rows: a new try
    waits for the other writers' transactions to end, then succeeds or raises the guarantee's
    IntegrityError. The last deadlock is raised."""
    for _ in range(DEADLOCK_TRIES - 1):
        try:
            with transaction.atomic():
                return write()
        except OperationalError as error:
            if not is_deadlock(error):
                raise
    with transaction.atomic():
        return write()
