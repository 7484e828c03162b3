import contextlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, OperationalError, connections, models, router, transaction
from django.db.models import F, Q
from django.db.models.sql.constants import ROW_COUNT
from django.db.models.sql.subqueries import UpdateQuery
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def bilingual(obj, field: str) -> str:
    """The value of `field_fr` or `field_en` for the active language, else the other one.

    Bilingual content is stored as explicit per-language columns: they are plain
    to import, export, search and audit.
    """
    language = (get_language() or "en")[:2]
    other = "en" if language == "fr" else "fr"
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{other}", "") or ""


class BackgroundJob(models.Model):
    """What every job run by a background worker shares: its status, progress, failure and signs of life.

    A worker stamps `heartbeat_at` (on the application's clock, `timezone.now`)
    when it starts and at every chunk of its work (`beat`). A worker that dies
    (killed, crashed) leaves its job running for ever; a job silent for longer
    than `stale_after()` is taken as dead (`give_up_if_silent`): it is marked
    failed, and a new run may start. Each run raises `attempt`: a run given up
    for dead that goes on after all finds another number and writes nothing.

    A worker that writes all or nothing works in one transaction (`work_transaction`),
    whose writes no other session sees before the end: its beats then go through a
    database session of their own (PostgreSQL), so that the page polling the job
    sees it alive. SQLite allows one writer at a time: the worker's transaction
    holds the database's write lock, and that lock is its sign of life (an attempt
    to give the job up then fails with "database is locked").

    Subclasses redeclare `status` with their choices and set `RUNNING` (the
    statuses in which a worker is at work) and `FAILED`.
    """

    RUNNING: tuple[str, ...] = ()
    FAILED = "failed"
    STALE_SECONDS = (
        600  # a worker beats once per chunk (seconds apart): ten minutes of silence means it is gone
    )

    status = models.CharField(_("status"), max_length=20, db_index=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    failure = models.TextField(_("failure"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # Raised by each run: a run finishing after its job was given up finds another number.
    attempt = models.PositiveIntegerField(_("attempt"), default=0)

    class Meta:
        abstract = True

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def failure_shown(self) -> str:
        """The failure in the reader's language when it is one of the project's messages, stored
        untranslated (`give_up_if_silent`): whoever's page gave the job up, everyone reads it in
        their own language. Any other text (an error's own words) is shown as stored."""
        return translation.gettext(self.failure) if self.failure else ""

    @property
    def percent(self) -> int:
        """How far the work is, for a progress bar."""
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @classmethod
    def stale_after(cls) -> timedelta:
        return timedelta(seconds=getattr(settings, "BACKGROUND_JOB_STALE_SECONDS", cls.STALE_SECONDS))

    def last_sign_of_life(self):
        moments = [self.heartbeat_at, self.started_at, getattr(self, "created_at", None)]
        return max((moment for moment in moments if moment is not None), default=None)

    # ----------------------------------------------------------------- runs

    def claim(self, *, from_statuses, status: str, **values) -> bool:
        """Start a run (once: of two workers or clicks, one wins): `status`, a new attempt, a first beat."""
        now = timezone.now()
        claimed = (
            type(self)
            ._default_manager.filter(pk=self.pk, status__in=list(from_statuses), attempt=self.attempt)
            .update(
                status=status,
                attempt=F("attempt") + 1,
                started_at=now,
                heartbeat_at=now,
                finished_at=None,
                failure="",
                processed_rows=0,
                **values,
            )
        )
        if claimed:
            self.refresh_from_db()
        return bool(claimed)

    def finish(self, *, status: str, **values) -> bool:
        """End this run with `status`, unless it was given up meanwhile (then nothing changes: False)."""
        now = timezone.now()
        done = (
            type(self)
            ._default_manager.filter(pk=self.pk, status__in=list(self.RUNNING), attempt=self.attempt)
            .update(status=status, finished_at=now, heartbeat_at=now, **values)
        )
        if done:
            self.status, self.finished_at, self.heartbeat_at = status, now, now
            for name, value in values.items():
                setattr(self, name, value)
        return bool(done)

    def fail(self, reason: str, **values) -> bool:
        return self.finish(status=self.FAILED, failure=str(reason)[:2000], **values)

    # ----------------------------------------------------------------- signs of life

    @contextlib.contextmanager
    def work_transaction(self):
        """`transaction.atomic()` for a run that writes all or nothing; its beats stay visible (see the class)."""
        alias = router.db_for_write(type(self))
        outermost = not connections[alias].in_atomic_block
        with transaction.atomic(using=alias):
            self._beats_aside = outermost
            try:
                yield
            finally:
                self._beats_aside = False
                session = self.__dict__.pop("_beat_session", None)
                if session is not None:
                    session.close()

    def _beat_connection(self):
        """The connection a beat goes through, or None when no session can write now (SQLite's lock)."""
        alias = router.db_for_write(type(self))
        if not getattr(self, "_beats_aside", False):
            # No transaction of the run's own: the job's row is written where the work is written.
            return connections[alias]
        if connections[alias].vendor == "sqlite":
            return None
        session = self.__dict__.get("_beat_session")
        if session is None:
            session = connections.create_connection(alias)
            session.ensure_connection()
            with session.cursor() as cursor:
                # Never wait on a lock of the run's own transaction (that would be waiting for ourselves).
                cursor.execute("SET lock_timeout = '2s'")
            self._beat_session = session
        return session

    def beat(self, done: int | None = None) -> bool:
        """A sign of life, with the progress if given; False if no session can show it now (SQLite's lock)."""
        now = timezone.now()
        values = {"heartbeat_at": now}
        if done is not None:
            values["processed_rows"] = done
            self.processed_rows = done
        self.heartbeat_at = now
        connection = self._beat_connection()
        if connection is None:
            return False
        query = UpdateQuery(type(self))
        query.add_update_values(values)
        query.add_q(Q(pk=self.pk, attempt=self.attempt))
        try:
            query.get_compiler(connection=connection).execute_sql(ROW_COUNT)
        except DatabaseError:
            if connection.in_atomic_block:
                raise
            logger.warning("%s %s: a beat could not be written", type(self).__name__, self.pk, exc_info=True)
            return False
        return True

    # ----------------------------------------------------------------- dead workers

    def given_up_reason(self) -> str:
        return str(_("The worker stopped before the end. Run it again."))

    def given_up_values(self) -> dict:
        """Other fields to write when the job is given up (e.g. a note that it may be run again)."""
        return {}

    def give_up_if_silent(self, now=None) -> bool:
        """Mark a running job whose worker went silent as failed, so that it can be run again.

        Only if nothing changed since it was read: a beat in between keeps it alive.
        On SQLite a live all-or-nothing run holds the write lock: this update then
        fails, which proves the worker alive.
        """
        if not self.is_running:
            return False
        now = now or timezone.now()
        last = self.last_sign_of_life()
        if last is not None and now - last < self.stale_after():
            return False
        with translation.override(None):  # the message itself, translated when shown (`failure_shown`)
            reason = self.given_up_reason()
        values = {
            "status": self.FAILED,
            "failure": reason,
            "finished_at": now,
            **self.given_up_values(),
        }
        try:
            given_up = (
                type(self)
                ._default_manager.filter(
                    pk=self.pk, status=self.status, attempt=self.attempt, heartbeat_at=self.heartbeat_at
                )
                .update(**values)
            )
        except OperationalError:
            return False  # SQLite: "database is locked" by the run, which is therefore alive
        if given_up:
            logger.warning(
                "%s %s: its worker went silent while %s; marked failed",
                type(self).__name__,
                self.pk,
                self.status,
            )
            self.refresh_from_db()
        return bool(given_up)
