"""The steps of an import: upload, mapping, dry run, decisions, apply.

Rows stream from the file and are checked one by one against lookups loaded
once; nothing is held per row but the keys used to spot duplicates. Apply runs
in one transaction: new organisations go in with `bulk_create` by batches,
their classifications in bulk, one audit event each; if any row has an error
the transaction is rolled back and nothing is written.
"""

import contextlib
import gc
import logging
import os
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biocluster.audit import services as audit
from biocluster.audit.models import AuditEvent

from .. import caching, fields
from ..models import Organisation, Tag
from ..models_import import DuplicateDecision, ImportJob, ImportKind, ImportStatus
from ..services import ORGANISATION_M2M
from . import links
from .duplicates import DuplicateFinder, Keys
from .mapping import auto_map, mapping_errors
from .reading import UnreadableFile, open_table, preview
from .validation import Lookups, RowChecker

logger = logging.getLogger(__name__)

BATCH = 2000
ERRORS_KEPT = 500  # shown on the page; all are counted, and all are in the errors CSV
DUPLICATES_KEPT = 1000  # decided one by one; the others follow the default decision
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
CREATE, MERGE, SKIP = DuplicateDecision.CREATE, DuplicateDecision.MERGE, DuplicateDecision.SKIP
IMPORTED = "directory.organisation.imported"
UPDATED = "directory.organisation.updated"


class ImportHasErrors(Exception):
    """Raised inside the apply transaction to roll it back."""


class ImportSuperseded(Exception):
    """Raised inside the apply transaction when the job was given up meanwhile: roll back."""


class ImportNotReady(Exception):
    """The job is not in a state that allows this step (e.g. apply before a clean dry run)."""


def max_upload_bytes() -> int:
    return getattr(settings, "DIRECTORY_IMPORT_MAX_BYTES", MAX_UPLOAD_BYTES)


# --------------------------------------------------------------------------- upload


def _read_upload(upload, max_bytes: int | None):
    if upload.size == 0:
        raise UnreadableFile(_("The file is empty."))
    if max_bytes is not None and upload.size > max_bytes:
        raise UnreadableFile(
            _("The file is larger than %(limit)s MB: split it, or remove unused columns.")
            % {"limit": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    found = preview(upload, getattr(upload, "name", ""))
    if not found.rows:
        raise UnreadableFile(_("The file has column headers but no rows below them."))
    upload.seek(0)
    return found


def _store(job: ImportJob, upload, found) -> None:
    # A random stored name: the person's file name is kept in `original_name`.
    job.file.save(f"{uuid.uuid4().hex}.{found.format}", upload, save=False)
    job.original_name = os.path.basename(getattr(upload, "name", "") or "import")[:255]
    job.format = found.format
    job.columns = [
        {"header": header, "samples": samples}
        for header, samples in zip(found.headers, found.samples, strict=True)
    ]
    job.total_rows = found.rows
    job.processed_rows = 0
    job.report = {}


def _auto_map(job: ImportJob, headers: list[str]) -> list[str]:
    return links.auto_map(headers) if job.is_links else auto_map(headers)


def mapping_problems(job: ImportJob, mapping: list[str]) -> list[str]:
    """What makes `mapping` unusable for this job's kind of file (sentences to show), or []."""
    if job.is_links:
        return links.full_mapping_errors(job.headers, mapping)
    return mapping_errors(job.headers, mapping)


def start_job(*, actor, upload, size_limit: bool = True, kind: str = ImportKind.ORGANISATIONS) -> ImportJob:
    """Check that `upload` is a readable table and keep it; raises UnreadableFile (nothing saved).

    The pages limit the size of an upload; the command (`size_limit=False`) does not.
    `kind` says what the file holds: organisations, or links between them.
    """
    found = _read_upload(upload, max_upload_bytes() if size_limit else None)
    job = ImportJob(created_by=actor if actor is not None and actor.is_authenticated else None, kind=kind)
    _store(job, upload, found)
    job.mapping = _auto_map(job, found.headers)
    try:
        job.save()
    except Exception:
        job.file.delete(save=False)
        raise
    return job


def replace_file(*, actor, job: ImportJob, upload) -> ImportJob:
    """A corrected file for the same import: keep the mapping if the columns are the same."""
    if job.status in (ImportStatus.APPLYING, ImportStatus.APPLIED):
        raise ImportNotReady(
            _("This import is being applied or has been applied: its file can no longer change.")
        )
    found = _read_upload(upload, max_upload_bytes())
    old_file, old_headers = job.file.name, job.headers
    _store(job, upload, found)
    if found.headers != old_headers:
        job.mapping = _auto_map(job, found.headers)
    job.status = ImportStatus.UPLOADED
    job.save()
    if old_file and old_file != job.file.name:
        transaction.on_commit(lambda: job.file.storage.delete(old_file))
    return job


def set_mapping(*, actor, job: ImportJob, mapping: list[str]) -> ImportJob:
    """Keep a new mapping; raises ValueError with the sentences to show if it is unusable."""
    if job.status in (ImportStatus.APPLYING, ImportStatus.APPLIED):
        raise ImportNotReady(
            _("This import is being applied or has been applied: the mapping can no longer change.")
        )
    errors = mapping_problems(job, mapping)
    if errors:
        raise ValueError(errors)
    if mapping != job.mapping:
        job.mapping = mapping
        job.report = {}
        job.status = ImportStatus.UPLOADED
    job.save()
    return job


def set_decisions(*, actor, job: ImportJob, decisions: dict, default: str) -> ImportJob:
    allowed = set(DuplicateDecision.values)
    if default not in allowed:
        raise ValueError(default)
    listed = {str(d["row"]) for d in (job.report or {}).get("duplicates", [])}
    job.decisions = {
        str(row): value for row, value in decisions.items() if value in allowed and str(row) in listed
    }
    job.default_decision = default
    job.save(update_fields=["decisions", "default_decision", "updated_at"])
    return job


def begin_check(*, actor, job: ImportJob) -> ImportJob:
    """Mark the job as being checked, before its dry run is queued: the page shows progress at once."""
    if job.status in (ImportStatus.APPLYING, ImportStatus.APPLIED):
        raise ImportNotReady(
            _("This import is being applied or has been applied: the mapping can no longer change.")
        )
    return _start_check(job)


def _start_check(job: ImportJob) -> ImportJob:
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.CHECKING,
        processed_rows=0,
        failure="",
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        updated_at=now,
    )
    job.status, job.processed_rows, job.failure = ImportStatus.CHECKING, 0, ""
    job.started_at = job.heartbeat_at = now
    job.finished_at = None
    return job


# --------------------------------------------------------------------------- progress


def _progress_path(job: ImportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / f"progress-{job.pk}.txt"


def report_progress(job: ImportJob, processed: int, on_progress=None) -> None:
    """Tell the progress bar how far the work is, with a sign of life (`heartbeat_at`).

    Both go to the job's row (`BackgroundJob.beat`), through a session of their own
    while the apply's transaction is open. SQLite, whose apply holds the only write
    lock, cannot take them then: the count goes to a small file next to the uploads
    (the lock itself shows the worker alive).
    """
    if not job.beat(processed):
        path = _progress_path(job)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(str(processed))
        temporary.replace(path)
    if on_progress is not None:
        on_progress(processed, job.total_rows)


def processed_rows(job: ImportJob) -> int:
    if job.is_running:
        with contextlib.suppress(OSError, ValueError):
            return max(job.processed_rows, int(_progress_path(job).read_text()))
    return job.processed_rows


def heartbeat(job: ImportJob) -> None:
    """A sign that the worker is alive (see `report_progress`)."""
    job.beat()


def give_up_if_abandoned(job: ImportJob, now=None) -> bool:
    """Mark a check or apply whose worker died as failed, so that it can be run again.

    A worker that is killed leaves its job "applying" for ever: its transaction is
    rolled back by the database (nothing was written), but nobody updates the job.
    The worker beats at least once per batch; a job silent for longer than
    `ImportJob.stale_after()` is taken as abandoned (`BackgroundJob.give_up_if_silent`).
    Should the worker be alive after all, its apply finds the attempt number changed
    and rolls back (`apply`).
    """
    given_up = job.give_up_if_silent(now)
    if given_up:
        _clear_progress(job)
    return given_up


def _clear_progress(job: ImportJob) -> None:
    with contextlib.suppress(OSError):
        _progress_path(job).unlink()


# --------------------------------------------------------------------------- memory


@contextlib.contextmanager
def _collect_by_batch():
    """Run the garbage collector once per batch instead of by allocation counts.

    A 100,000-row import allocates millions of short-lived objects; the
    automatic passes then re-scan every object alive, again and again (a third
    of the apply time, measured). Paused for the duration, with a young-
    generation pass per batch (`_tidy`), so cyclic garbage cannot pile up.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _tidy() -> None:
    if not gc.isenabled():
        gc.collect(1)  # what this batch made and no longer uses, not the whole heap


# --------------------------------------------------------------------------- dry run


class _Tally:
    """Counts everything, keeps the first errors and duplicates for the page."""

    def __init__(self):
        self.counts = Counter(rows=0, valid=0, errors=0, error_rows=0, duplicates=0, new=0)
        self.errors: list[dict] = []
        self.duplicates: list[dict] = []

    def add_errors(self, errors: list[dict]) -> None:
        self.counts["errors"] += len(errors)
        self.counts["error_rows"] += 1
        self.errors.extend(errors[: max(0, ERRORS_KEPT - len(self.errors))])

    def add_duplicate(self, entry: dict) -> None:
        self.counts["duplicates"] += 1
        if len(self.duplicates) < DUPLICATES_KEPT:
            self.duplicates.append(entry)

    def report(self, job: ImportJob) -> dict:
        return {
            "counts": dict(self.counts),
            "errors": self.errors,
            "duplicates": self.duplicates,
            "unmapped": [h for h, code in zip(job.headers, job.mapping, strict=True) if not code],
            "checked_at": timezone.now().isoformat(),
        }


@contextlib.contextmanager
def read_rows(job: ImportJob):
    with job.file.open("rb") as binary, open_table(binary, job.format) as table:
        if table.headers != job.headers:
            raise UnreadableFile(_("The file's columns have changed since the upload: upload it again."))
        yield table.rows


def dry_run(*, job: ImportJob, on_progress=None) -> dict:
    """Check every row and look for likely duplicates; write nothing but the job's report."""
    if job.status != ImportStatus.CHECKING:
        _start_check(job)
    report_progress(job, 0, on_progress)
    if job.is_links:
        return _dry_run_links(job, on_progress)
    checker = RowChecker(headers=job.headers, mapping=job.mapping, lookups=Lookups.load())
    finder = DuplicateFinder.from_database()
    tally = _Tally()
    try:
        with _collect_by_batch(), read_rows(job) as rows:
            for number, cells in rows:
                tally.counts["rows"] += 1
                values, errors = checker.check(number, cells)
                if errors:
                    tally.add_errors(errors)
                else:
                    tally.counts["valid"] += 1
                    keys = Keys.of(values)
                    match = finder.find(keys)
                    if match is None:
                        tally.counts["new"] += 1
                    else:
                        tally.add_duplicate(match.as_report(number=number, row_name=values["name"]))
                    finder.remember(row=number, name=values["name"], keys=keys)
                if tally.counts["rows"] % BATCH == 0:
                    report_progress(job, tally.counts["rows"], on_progress)
                    _tidy()
    except UnreadableFile as error:
        return _fail(job, str(error))
    if _superseded(job):
        return tally.report(job)
    job.report = tally.report(job)
    job.report["warnings"] = checker.warning_report()
    job.report["counts"]["warnings"] = sum(warning["count"] for warning in job.report["warnings"])
    job.total_rows = job.processed_rows = tally.counts["rows"]
    listed = {str(d["row"]) for d in tally.duplicates}
    job.decisions = {row: value for row, value in job.decisions.items() if row in listed}
    return _checked(job, on_progress)


def _checked(job: ImportJob, on_progress) -> dict:
    """A dry run is over, for organisations or links: the job is checked, its report kept."""
    job.status = ImportStatus.CHECKED
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save()
    _clear_progress(job)
    if on_progress is not None:
        on_progress(job.processed_rows, job.total_rows)
    return job.report


def _links_report(job: ImportJob, checked: links.LinkReport) -> dict:
    return {
        "counts": dict(checked.counts),
        "errors": checked.errors,
        "already": [entry["row"] for entry in checked.already[:DUPLICATES_KEPT]],
        "unmapped": [h for h, code in zip(job.headers, job.mapping, strict=True) if not code],
        "checked_at": timezone.now().isoformat(),
    }


def _check_links(job: ImportJob, on_progress) -> links.LinkReport:
    with read_rows(job) as rows:
        return links.check_rows(
            job.headers,
            job.mapping,
            rows,
            progress=lambda done: report_progress(job, done, on_progress),
            every=BATCH,
        )


def _dry_run_links(job: ImportJob, on_progress) -> dict:
    """Check every row of a links file: the links to create, those already recorded, the row errors."""
    try:
        checked = _check_links(job, on_progress)
    except UnreadableFile as error:
        return _fail(job, str(error))
    report = _links_report(job, checked)
    if _superseded(job):
        return report
    job.report = report
    job.total_rows = job.processed_rows = checked.counts["rows"]
    return _checked(job, on_progress)


def _write_links(job: ImportJob, actor, on_progress) -> Counter:
    """Check the file again (the directory may have changed since the dry run), then write every link."""
    checked = _check_links(job, on_progress)
    if checked.counts["errors"]:
        raise ImportHasErrors
    created = links.apply_links(
        actor=actor,
        report=checked,
        file_name=job.original_name,
        data={"import": job.pk},
        on_chunk=lambda _written: job.beat(),
    )
    report_progress(job, checked.counts["rows"], on_progress)
    return Counter(rows=checked.counts["rows"], created=created, merged=0, skipped=checked.counts["already"])


def _superseded(job: ImportJob) -> bool:
    """A new file or mapping came while this check ran: its report would describe the old one."""
    now = ImportJob.objects.filter(pk=job.pk).values("file", "mapping", "status").first()
    return (
        now is None
        or (now["file"], now["mapping"]) != (job.file.name, job.mapping)
        or now["status"]
        not in (
            ImportStatus.CHECKING,
            ImportStatus.APPLYING,
        )
    )


def _fail(job: ImportJob, reason: str) -> dict:
    job.failure = reason
    job.status = ImportStatus.FAILED
    job.finished_at = timezone.now()
    job.save()
    _clear_progress(job)
    return {**(job.report or {}), "failure": reason}


# --------------------------------------------------------------------------- apply


class _Tags:
    """Tag ids by lower-cased name; missing tags are created once per batch."""

    def __init__(self):
        self.ids = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}

    def ensure(self, names) -> None:
        missing = {}
        for name in names:
            if name.lower() not in self.ids:
                missing.setdefault(name.lower(), name)
        if not missing:
            return
        Tag.objects.bulk_create([Tag(name=name) for name in missing.values()], ignore_conflicts=True)
        for pk, name in Tag.objects.filter(name__in=list(missing.values())).values_list("pk", "name"):
            self.ids.setdefault(name.lower(), pk)

    def id_of(self, name: str) -> int:
        return self.ids[name.lower()]


# Many-to-many values a row gives by name (tags, which the import creates); the others come as ids.
BY_NAME = frozenset(name for name in ORGANISATION_M2M if fields.by_name()[name].type == fields.Type.NAMES)


def _m2m_ids(values: dict, tags: _Tags) -> dict[str, list[int]]:
    return {
        name: [tags.id_of(text) for text in values.get(name, [])] if name in BY_NAME else values.get(name, [])
        for name in ORGANISATION_M2M
    }


class _NewRow:
    """A row to be created, until its batch is written."""

    __slots__ = ("organisation", "values")

    def __init__(self, values: dict):
        self.values = values
        self.organisation = Organisation(**{k: v for k, v in values.items() if k not in ORGANISATION_M2M})
        # bulk_create skips save(): compute the duplicate-finding keys here.
        self.organisation.refresh_keys()

    def fold(self, values: dict) -> None:
        """Merge a later row into this one before it is written: one organisation with both."""
        _fill(self.organisation, values)
        self.organisation.refresh_keys()
        for name in ORGANISATION_M2M:
            kept = self.values.get(name, [])
            extra = [value for value in values.get(name, []) if value not in kept]
            if extra:
                self.values[name] = [*kept, *extra]


class _Writer:
    """Writes created rows by batches and merged rows at the end.

    Rows are known by their number: `pending` holds the rows of the batch being
    built (a row folded into another points at the same _NewRow), `written`
    the organisation id each earlier row ended up in. Plain integers, not
    100,000 model instances: memory stays flat and the garbage collector's
    passes stay short.
    """

    def __init__(self, *, job: ImportJob, actor):
        self.job, self.actor = job, actor
        self.tags = _Tags()
        self.batch: list[_NewRow] = []
        self.pending: dict[int, _NewRow] = {}
        self.written: dict[int, int] = {}
        self.merges: list[tuple[int, int, dict]] = []  # (organisation id, row number, values)
        self.created = 0
        self.audit_data = {"import": job.pk, "file": job.original_name}

    def create(self, number: int, values: dict) -> None:
        row = _NewRow(values)
        self.batch.append(row)
        self.pending[number] = row
        if len(self.batch) >= BATCH:
            self.flush()
            _tidy()

    def flush(self) -> None:
        if not self.batch:
            return
        organisations = [row.organisation for row in self.batch]
        self.tags.ensure(name for row in self.batch for name in row.values.get("tags", []))
        Organisation.objects.bulk_create(organisations)
        links = defaultdict(list)
        for row in self.batch:
            for name, ids in _m2m_ids(row.values, self.tags).items():
                links[name].extend((row.organisation.pk, pk) for pk in ids)
        _insert_links(links)
        audit.record_many_created(
            actor=self.actor, objects=organisations, action=IMPORTED, data=self.audit_data
        )
        self.created += len(organisations)
        for number, row in self.pending.items():
            self.written[number] = row.organisation.pk
        self.batch, self.pending = [], {}

    def merge_into_row(self, target_row: int, number: int, values: dict) -> None:
        """Merge into what an earlier row of the file became."""
        if target_row in self.pending:
            self.pending[target_row].fold(values)  # not written yet
            self.pending[number] = self.pending[target_row]
        else:
            self.merge_into(self.written[target_row], number, values)

    def merge_into(self, pk: int, number: int, values: dict) -> None:
        self.merges.append((pk, number, values))
        self.written[number] = pk

    def apply_merges(self) -> None:
        by_pk = defaultdict(list)
        for pk, number, values in self.merges:
            by_pk[pk].append((number, values))
        pks = sorted(by_pk)
        for start in range(0, len(pks), 500):
            heartbeat(self.job)
            self._merge_chunk({pk: by_pk[pk] for pk in pks[start : start + 500]})

    def _merge_chunk(self, rows_by_pk: dict[int, list]) -> None:
        """Merge rows into existing organisations: a few queries per 500 organisations, not per row."""
        organisations = list(
            Organisation.objects.filter(pk__in=rows_by_pk)
            .select_related("campus")
            .prefetch_related(*ORGANISATION_M2M)
        )
        self.tags.ensure(
            name for rows in rows_by_pk.values() for _n, values in rows for name in values.get("tags", [])
        )
        links = defaultdict(list)
        befores, added = {}, {}
        now = timezone.now()
        for organisation in organisations:
            befores[organisation.pk] = audit.snapshot(organisation, ORGANISATION_M2M)
            present = {name: {r.pk for r in getattr(organisation, name).all()} for name in ORGANISATION_M2M}
            changed = {}
            added[organisation.pk] = defaultdict(list)
            for _number, values in rows_by_pk[organisation.pk]:
                changed.update(_fill(organisation, values))
                for name, ids in _m2m_ids(values, self.tags).items():
                    for pk in ids:
                        if pk not in present[name]:
                            present[name].add(pk)
                            links[name].append((organisation.pk, pk))
                            added[organisation.pk][name].append(pk)
            if changed:
                # Only the filled fields, one UPDATE each: bulk_update's CASE grows with the square of the batch.
                organisation.refresh_keys()
                changed.update(name_key=organisation.name_key, website_domain=organisation.website_domain)
                Organisation.objects.filter(pk=organisation.pk).update(**changed, updated_at=now)
        _insert_links(links)
        # The trail's "after" without reloading: the names of what was added, fetched once.
        related = {
            name: getattr(Organisation, name).field.related_model.objects.in_bulk(
                {pk for _o, pk in links[name]}
            )
            for name in ORGANISATION_M2M
        }
        events = []
        for organisation in organisations:
            before = befores[organisation.pk]
            after = audit.snapshot(organisation)
            for name in ORGANISATION_M2M:
                new = [str(related[name][pk]) for pk in added[organisation.pk][name]]
                after[name] = sorted([*before[name], *new])
            rows = [number for number, _v in rows_by_pk[organisation.pk]]
            # audit has no bulk "updated" recorder: build its events with its own helper, insert them at once.
            events.append(
                audit._event(
                    self.actor,
                    organisation,
                    UPDATED,
                    audit.diff(before, after),
                    {**self.audit_data, "rows": rows},
                )
            )
        AuditEvent.objects.bulk_create(events, batch_size=1000)


def _fill(organisation: Organisation, values: dict) -> dict:
    """Fill the empty fields of `organisation` from a row (never overwrite); return what changed.

    The fields a merge fills are declared in `fields.py`, as for `merge_organisations`."""
    return fields.fill_empty(organisation, values.get)


def _insert_links(links: dict[str, list[tuple[int, int]]]) -> None:
    """Many-to-many rows, (organisation id, related id), a batch per table in one statement.

    Plain pairs of integers: going through the ORM would cost more than the
    organisations themselves (about five links per organisation). PostgreSQL
    takes them as two arrays (one round trip); SQLite, in-process, by executemany.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, pairs in links.items():
            if not pairs:
                continue
            through = getattr(Organisation, name).through
            table, left, right = (
                quote(through._meta.db_table),
                quote("organisation_id"),
                quote(getattr(Organisation, name).field.m2m_reverse_name()),
            )
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"INSERT INTO {table} ({left}, {right}) "  # noqa: S608 - names from the models
                    "SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                    [[pair[0] for pair in pairs], [pair[1] for pair in pairs]],
                )
            else:
                cursor.executemany(f"INSERT INTO {table} ({left}, {right}) VALUES (%s, %s)", pairs)  # noqa: S608


def _decide(job: ImportJob, number: int, match) -> str:
    chosen = job.decisions.get(str(number))
    if chosen == SKIP:
        return SKIP  # an explicit skip holds even if the duplicate has gone since the dry run
    if match is None:
        return CREATE
    return chosen or job.default_decision


def _tune_for_bulk() -> None:
    """PostgreSQL: let the search index's GIN pending list grow for this transaction only.

    New rows go to the pending list; merging it into the index each time it
    reaches 4 MB (the default) costs about half the insert time of 100,000
    organisations. Autovacuum merges it soon after; searches read it meanwhile.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL gin_pending_list_limit = 65536")  # kB


def _write(job: ImportJob, actor, on_progress) -> Counter:
    heartbeat(job)
    _tune_for_bulk()
    checker = RowChecker(headers=job.headers, mapping=job.mapping, lookups=Lookups.load())
    finder = DuplicateFinder.from_database()
    writer = _Writer(job=job, actor=actor)
    counts = Counter(rows=0, created=0, merged=0, skipped=0)
    with read_rows(job) as rows:
        for number, cells in rows:
            counts["rows"] += 1
            if counts["rows"] % BATCH == 0:
                report_progress(job, counts["rows"], on_progress)
            values, errors = checker.check(number, cells)
            if errors:
                raise ImportHasErrors  # roll everything back; `apply` runs a dry run for the report
            keys = Keys.of(values)
            match = finder.find(keys)
            decision = _decide(job, number, match)
            if decision == SKIP:
                counts["skipped"] += 1
                continue  # a skipped row is not remembered: nothing can merge into it
            if decision == MERGE and match.organisation_id:
                writer.merge_into(match.organisation_id, number, values)
                counts["merged"] += 1
            elif decision == MERGE:
                writer.merge_into_row(match.row, number, values)
                counts["merged"] += 1
            else:
                writer.create(number, values)
            finder.remember(row=number, name=values["name"], keys=keys)
    writer.flush()
    writer.apply_merges()
    report_progress(job, counts["rows"], on_progress)
    counts["created"] = writer.created
    return counts


def begin_apply(*, actor, job: ImportJob, decisions: dict | None = None, default: str | None = None) -> bool:
    """Mark a checked, error-free job as applying (once: a second click does nothing)."""
    if not job.can_apply:
        return False
    if decisions is not None:
        set_decisions(actor=actor, job=job, decisions=decisions, default=default or job.default_decision)
    return job.claim(
        from_statuses=[job.status],
        status=ImportStatus.APPLYING,
        applied_by=actor if actor is not None and actor.is_authenticated else None,
        updated_at=timezone.now(),
    )


def apply(*, job: ImportJob, actor, on_progress=None) -> ImportJob:
    """Write the whole file, or nothing. The job must have passed its dry run without errors."""
    if job.can_apply:
        begin_apply(actor=actor, job=job)
    if job.status != ImportStatus.APPLYING or job.error_count:
        raise ImportNotReady(_("Run the dry run, and fix every error, before applying the import."))
    try:
        with _collect_by_batch(), job.work_transaction():
            counts = (_write_links if job.is_links else _write)(job, actor, on_progress)
            now = timezone.now()
            finished = job.finish(
                status=ImportStatus.APPLIED,
                applied_at=now,
                processed_rows=counts["rows"],
                created_count=counts["created"],
                merged_count=counts["merged"],
                skipped_count=counts["skipped"],
                updated_at=now,
            )
            if not finished:
                raise ImportSuperseded
            # Bulk writes send no signals: the cached counts and facets go stale now, not in 300 s.
            # Robust: once the import is committed, a cache that fails must not report it as failed.
            transaction.on_commit(caching.bump, robust=True)
        job.refresh_from_db()
    except ImportSuperseded:
        # Given up as abandoned while it ran, and perhaps applied again since: this run wrote nothing.
        logger.warning("Import %s: apply attempt %s was given up; rolled back", job.pk, job.attempt)
        job.refresh_from_db()
    except ImportHasErrors:
        # The directory changed since the dry run (e.g. a campus was renamed): nothing
        # was written; a fresh dry run shows the errors and the duplicates as they are now.
        _clear_progress(job)
        dry_run(job=job, on_progress=on_progress)
    except UnreadableFile as error:
        _fail(job, str(error))
    except Exception:
        logger.exception("Import %s failed", job.pk)
        _fail(job, str(_("An unexpected error stopped the import; nothing was written.")))
        raise
    finally:
        _clear_progress(job)
    return job
