"""Snapshots: freeze a year's figures with the records behind them, compare a frozen value with
its recomputation, restate it (a recorded decision), publish; and the report's sections.

Every write takes the acting user, runs in a transaction and is audited.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from biocluster.audit.services import record_create, record_delete, record_update
from biocluster.audit.services import snapshot as audit_snapshot
from biocluster.core import indicators
from biocluster.directory.models import Organisation

from .models import FreezeJob, FreezeStatus, FrozenRecord, FrozenValue, Restatement, Section, Snapshot

logger = logging.getLogger(__name__)

CHUNK = 2000
PLACES = Decimal("0.000001")  # what a frozen value keeps (FrozenValue.value's decimal places)
CHANGES_SHOWN = 200  # the changes a comparison lists (it counts them all)
FIRST_YEAR = 1998


def exact(value) -> Decimal | None:
    """A value as a frozen row keeps it, so that frozen and recomputed values compare exactly."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(PLACES)


def _texts(indicator) -> dict[str, str]:
    texts = {}
    for language in ("en", "fr"):
        with translation.override(language):
            texts[f"name_{language}"] = str(indicator.name)[:200]
            texts[f"definition_{language}"] = str(indicator.definition)
    return texts


def _listed_organisations() -> set[int]:
    return set(Organisation.objects.filter(is_listed=True).values_list("pk", flat=True))


# The columns of a frozen record, written as rows: a freeze copies hundreds of thousands of them
# (a year's bookings), and building a model instance for each cost more than the copy itself.
RECORD_COLUMNS = (
    "value",
    "type",
    "object_id",
    "label",
    "date",
    "amount",
    "url",
    "organisation",
    "organisation_id",
    "organisation_public",
)


def _frozen_records(frozen: FrozenValue, records, listed: set[int]):
    """The records as rows to store (RECORD_COLUMNS), in chunks (memory stays bounded)."""
    chunk = []
    for record in records:
        chunk.append(
            (
                frozen.pk,
                record.type,
                record.id,
                str(record.label)[:300],
                record.date,
                exact(record.value),
                record.url[:300],
                str(record.organisation or "")[:200],
                record.organisation_id,
                record.organisation_id in listed,
            )
        )
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _insert_records(rows: list[tuple]) -> None:
    """Rows straight into the table: COPY on PostgreSQL, one `executemany` on SQLite."""
    from django.db import connection

    fields = [FrozenRecord._meta.get_field(name) for name in RECORD_COLUMNS]
    quote = connection.ops.quote_name
    table = quote(FrozenRecord._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        converted = [
            index for index, f in enumerate(fields) if f.get_internal_type() in ("DateField", "DecimalField")
        ]
        if converted:
            rows = [list(row) for row in rows]
            for row in rows:
                for index in converted:
                    row[index] = fields[index].get_db_prep_save(row[index], connection)
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608 - names from the model, values bound


def _store_records(frozen: FrozenValue, result, listed: set[int]) -> int:
    count = 0
    for chunk in _frozen_records(frozen, result.records if result.value is not None else [], listed):
        _insert_records(chunk)
        count += len(chunk)
    return count


def latest_freezable_year() -> int:
    """A year can be frozen once it is over."""
    return timezone.localdate().year - 1


def _check_freezable(year: int) -> None:
    if not FIRST_YEAR <= year <= latest_freezable_year():
        raise ValidationError(
            {
                "year": _("Only a year that is over can be frozen (%(first)s to %(last)s).")
                % {"first": FIRST_YEAR, "last": latest_freezable_year()}
            }
        )
    if Snapshot.objects.filter(year=year).exists():
        raise ValidationError({"year": _("This year is already frozen: restate its figures one by one.")})


@transaction.atomic
def freeze(*, actor, year: int, progress: Callable[[int, int], object] | None = None) -> Snapshot:
    """Freeze every registered indicator's value for `year`, with the records behind each.

    `progress(done, total)` is called after each indicator frozen (a background job's beat).
    """
    _check_freezable(year)
    now = timezone.now()
    snapshot = Snapshot.objects.create(year=year, frozen_at=now, frozen_by=actor)
    listed = _listed_organisations()
    registered = list(indicators.all_indicators())
    for done, indicator in enumerate(registered, start=1):
        period = indicator.period(year=year)
        result = indicator.evaluate(period)
        frozen = FrozenValue.objects.create(
            snapshot=snapshot,
            code=indicator.code,
            version=indicator.version,
            unit=indicator.unit,
            period_kind=indicator.period_kind,
            start=period.start,
            end=period.end,
            value=exact(result.value),
            provenance=getattr(result, "provenance", indicators.COMPUTED),
            response_rate=exact(getattr(result, "response_rate", None)),
            estimated=exact(getattr(result, "estimated", None)),
            computed_at=now,
            order=indicator.order,
            **_texts(indicator),
        )
        frozen.records_count = _store_records(frozen, result, listed)
        frozen.save(update_fields=["records_count"])
        if progress is not None:
            progress(done, len(registered))
    record_create(
        actor=actor,
        obj=snapshot,
        action="publishing.snapshot.frozen",
        data={"values": snapshot.values.count()},
    )
    return snapshot


# ----------------------------------------------------------------------------- freezing in the background


class FreezeSuperseded(Exception):
    """The job was given up for dead while this run went on: it rolls back what it wrote."""


def running_freeze(year: int) -> FreezeJob | None:
    """The freeze of `year` queued or at work, if any (one given up for silent is marked failed first)."""
    job = FreezeJob.objects.filter(year=year, status__in=FreezeJob.RUNNING).order_by("-pk").first()
    if job is not None and job.give_up_if_silent():
        return None
    return job


@transaction.atomic
def start_freeze(*, actor, year: int) -> FreezeJob:
    """Queue the freeze of `year` for a background worker; refused if the year is frozen or being frozen."""
    from .tasks import run_freeze

    _check_freezable(year)
    if running_freeze(year) is not None:
        raise ValidationError(
            {"year": _("This year is being frozen already: wait for the end of that freeze.")}
        )
    job = FreezeJob.objects.create(
        year=year,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
        total_rows=len(list(indicators.all_indicators())),
    )
    transaction.on_commit(lambda: run_freeze.enqueue(job.pk))
    return job


def run_freeze_job(job: FreezeJob) -> FreezeJob:
    """The worker's body: the freeze in one transaction, its progress beating per indicator, or nothing."""
    if not job.claim(from_statuses=[FreezeStatus.QUEUED], status=FreezeStatus.RUNNING):
        return job
    actor = job.requested_by
    try:
        with job.work_transaction():
            snapshot = freeze(actor=actor, year=job.year, progress=lambda done, total: job.beat(done))
            if not job.finish(status=FreezeStatus.DONE, processed_rows=job.total_rows):
                raise FreezeSuperseded
    except FreezeSuperseded:
        logger.warning("Freeze %s: attempt %s was given up; rolled back", job.pk, job.attempt)
    except ValidationError as error:
        job.fail(" ".join(error.messages))
    except Exception as error:
        logger.exception("Freeze %s of %s failed", job.pk, job.year)
        reason = str(error) or type(error).__name__
        job.fail(_("The freeze stopped on an error; nothing was saved: %(error)s") % {"error": reason})
    else:
        logger.info("Freeze %s: %s frozen (snapshot %s)", job.pk, job.year, snapshot.pk)
    job.refresh_from_db()
    return job


# ----------------------------------------------------------------------------- restating


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "changed"
    type: str
    id: int
    label: str
    before: Decimal | None
    after: Decimal | None
    url: str


@dataclass
class Comparison:
    """A frozen value beside its recomputation now, record by record."""

    frozen: FrozenValue
    value_after: Decimal | None
    version_after: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    changes: list[Change] = field(default_factory=list)  # the first CHANGES_SHOWN

    @property
    def value_before(self) -> Decimal | None:
        return self.frozen.value

    @property
    def version_before(self) -> int:
        return self.frozen.version

    @property
    def differs(self) -> bool:
        return (
            self.value_after != self.value_before
            or self.version_after != self.version_before
            or bool(self.added or self.removed or self.changed)
        )

    def _note(self, change: Change) -> None:
        setattr(self, change.kind, getattr(self, change.kind) + 1)
        if len(self.changes) < CHANGES_SHOWN:
            self.changes.append(change)


def _indicator_of(frozen: FrozenValue) -> indicators.Indicator:
    try:
        return indicators.get(frozen.code)
    except LookupError:
        raise ValidationError(_("This indicator is no longer computed: its frozen value stays.")) from None


def _recompute(frozen: FrozenValue):
    indicator = _indicator_of(frozen)
    return indicator, indicator.evaluate(indicator.period(year=frozen.snapshot.year))


def compare(frozen: FrozenValue, *, recomputed=None) -> Comparison:
    """What restating the value would change: the value, the definition version, and each record
    added, removed or whose value changed since it was frozen."""
    indicator, result = recomputed or _recompute(frozen)
    comparison = Comparison(frozen, exact(result.value), indicator.version)
    before = {
        (type_, object_id): (amount, label, url)
        for type_, object_id, amount, label, url in frozen.records.values_list(
            "type", "object_id", "amount", "label", "url"
        ).iterator(chunk_size=CHUNK)
    }
    for record in result.records if result.value is not None else []:
        key = (record.type, record.id)
        after = exact(record.value)
        if key not in before:
            comparison._note(Change("added", record.type, record.id, record.label, None, after, record.url))
            continue
        amount, _label, _url = before.pop(key)
        if amount != after:
            comparison._note(
                Change("changed", record.type, record.id, record.label, amount, after, record.url)
            )
    for (type_, object_id), (amount, label, url) in before.items():
        comparison._note(Change("removed", type_, object_id, label, amount, None, url))
    return comparison


@transaction.atomic
def restate(*, actor, frozen: FrozenValue, reason: str) -> Restatement:
    """Replace a frozen value and its records by their recomputation: a decision, with its reason."""
    frozen = FrozenValue.objects.select_for_update().select_related("snapshot").get(pk=frozen.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the figure is restated.")})
    indicator, result = _recompute(frozen)
    comparison = compare(frozen, recomputed=(indicator, result))
    if not comparison.differs:
        raise ValidationError(
            _("Nothing has changed since the figure was frozen: there is nothing to restate.")
        )
    before = audit_snapshot(frozen)
    restatement = Restatement.objects.create(
        value=frozen,
        decided_at=timezone.now(),
        decided_by=actor,
        reason=reason.strip(),
        value_before=frozen.value,
        value_after=comparison.value_after,
        version_before=frozen.version,
        version_after=indicator.version,
        added=comparison.added,
        removed=comparison.removed,
        changed=comparison.changed,
    )
    frozen.records.all().delete()
    frozen.value = comparison.value_after
    frozen.version = indicator.version
    frozen.unit = indicator.unit
    frozen.provenance = getattr(result, "provenance", indicators.COMPUTED)
    frozen.response_rate = exact(getattr(result, "response_rate", None))
    frozen.estimated = exact(getattr(result, "estimated", None))
    frozen.computed_at = restatement.decided_at
    for name, text in _texts(indicator).items():
        setattr(frozen, name, text)
    frozen.records_count = _store_records(frozen, result, _listed_organisations())
    frozen.save()
    record_update(actor=actor, obj=frozen, before=before, action="publishing.value.restated")
    record_create(actor=actor, obj=restatement, action="publishing.restatement.decided")
    return restatement


# ----------------------------------------------------------------------------- publishing


@transaction.atomic
def publish(*, actor, snapshot: Snapshot) -> Snapshot:
    """Make a snapshot's values public (the public key figures, the report)."""
    snapshot = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
    if snapshot.is_published:
        raise ValidationError(_("This snapshot is already published."))
    before = audit_snapshot(snapshot)
    snapshot.published_at, snapshot.published_by = timezone.now(), actor
    snapshot.save(update_fields=["published_at", "published_by"])
    record_update(actor=actor, obj=snapshot, before=before, action="publishing.snapshot.published")
    return snapshot


@transaction.atomic
def unpublish(*, actor, snapshot: Snapshot) -> Snapshot:
    snapshot = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
    if not snapshot.is_published:
        raise ValidationError(_("This snapshot is not published."))
    before = audit_snapshot(snapshot)
    snapshot.published_at, snapshot.published_by = None, None
    snapshot.save(update_fields=["published_at", "published_by"])
    record_update(actor=actor, obj=snapshot, before=before, action="publishing.snapshot.withdrawn")
    return snapshot


# ----------------------------------------------------------------------------- the report's sections

SECTION_FIELDS = ("order", "title_en", "title_fr", "body_en", "body_fr", "codes", "display", "source")


def _clean_section(snapshot: Snapshot, data: dict) -> dict:
    errors = {}
    for name in ("title_en", "title_fr"):
        if not str(data.get(name, "")).strip():
            errors[name] = _("Give the section's title in both languages.")
    codes = [str(code) for code in data.get("codes") or []]
    frozen = set(snapshot.values.values_list("code", flat=True))
    unknown = [code for code in codes if code not in frozen]
    if unknown:
        errors["codes"] = _("Not in this snapshot: %(codes)s.") % {"codes": ", ".join(unknown)}
    if data.get("display", Section.FIGURES) not in dict(Section.DISPLAYS):
        errors["display"] = _("Choose how the figures are shown.")
    if errors:
        raise ValidationError(errors)
    data["codes"] = list(dict.fromkeys(codes))
    return data


@transaction.atomic
def create_section(*, actor, snapshot: Snapshot, **data) -> Section:
    data = _clean_section(snapshot, {name: value for name, value in data.items() if name in SECTION_FIELDS})
    section = Section.objects.create(snapshot=snapshot, **data)
    record_create(actor=actor, obj=section, action="publishing.section.written")
    return section


@transaction.atomic
def update_section(*, actor, section: Section, **changes) -> Section:
    before = audit_snapshot(section)
    data = {name: getattr(section, name) for name in SECTION_FIELDS}
    data.update({name: value for name, value in changes.items() if name in SECTION_FIELDS})
    for name, value in _clean_section(section.snapshot, data).items():
        setattr(section, name, value)
    section.save()
    record_update(actor=actor, obj=section, before=before, action="publishing.section.changed")
    return section


@transaction.atomic
def delete_section(*, actor, section: Section) -> None:
    record_delete(actor=actor, obj=section, action="publishing.section.deleted")
    section.delete()


# ----------------------------------------------------------------------------- reading


def frozen_years(code: str, *, published_only: bool = False, until: int | None = None) -> list[FrozenValue]:
    """The value of `code` in each frozen year (a trend over the snapshots), oldest first."""
    rows = FrozenValue.objects.filter(code=code).select_related("snapshot")
    if published_only:
        rows = rows.filter(snapshot__published_at__isnull=False)
    if until is not None:
        rows = rows.filter(snapshot__year__lte=until)
    return sorted(rows, key=lambda row: row.snapshot.year)
