"""Snapshots: a frozen value stays when its records change; recomputing shows what would be
restated; restating is a recorded decision; publishing; the report's sections."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from biocluster.audit.models import AuditEvent
from biocluster.core import indicators as ind
from biocluster.directory.models import Organisation
from biocluster.publishing import services
from biocluster.publishing.models import FreezeJob, FreezeStatus, FrozenValue, Restatement, Snapshot

from .factories import HEADCOUNT, SectionFactory, on_site, register_headcount

pytestmark = pytest.mark.django_db


def _value(snapshot, code=HEADCOUNT) -> FrozenValue:
    return snapshot.values.get(code=code)


def test_freezing_keeps_every_indicator_with_its_version_and_records(frozen_2024):
    codes = set(frozen_2024.values.values_list("code", flat=True))
    assert codes == {indicator.code for indicator in ind.all_indicators()}
    headcount = _value(frozen_2024)
    assert headcount.value == 15 and headcount.version == 1 and headcount.provenance == ind.COMPUTED
    assert headcount.records_count == 2
    assert sorted(headcount.records.values_list("label", "amount")) == [("Alpha Bio", 10), ("Beta Gene", 5)]
    companies = _value(frozen_2024, "directory.companies_on_site")
    assert companies.value == 2 and companies.name_en == "Companies on site" and companies.name_fr
    assert AuditEvent.objects.filter(action="publishing.snapshot.frozen").count() == 1


def test_a_frozen_value_does_not_change_when_its_records_change(frozen_2024):
    Organisation.objects.filter(name="Alpha Bio").update(headcount=99, name="Alpha Renamed")
    on_site("Gamma New", headcount=3)
    Organisation.objects.filter(name="Beta Gene").delete()

    headcount = _value(Snapshot.objects.get(year=2024))
    assert headcount.value == 15
    assert sorted(headcount.records.values_list("label", "amount")) == [("Alpha Bio", 10), ("Beta Gene", 5)]
    assert ind.get(HEADCOUNT).evaluate(ind.get(HEADCOUNT).period(year=2024)).value == 102  # live moved on


def test_a_year_is_frozen_once_and_only_when_it_is_over(frozen_2024, staff_user):
    with pytest.raises(ValidationError) as again:
        services.freeze(actor=staff_user, year=2024)
    assert "year" in again.value.message_dict
    with pytest.raises(ValidationError) as current:
        services.freeze(actor=staff_user, year=2026)  # the clock says March 2026
    assert "year" in current.value.message_dict
    assert Snapshot.objects.count() == 1


def test_recomputing_shows_what_would_be_restated_and_why(frozen_2024):
    Organisation.objects.filter(name="Alpha Bio").update(headcount=12)
    on_site("Gamma New", headcount=3)
    Organisation.objects.filter(name="Beta Gene").update(campus=None)

    comparison = services.compare(_value(frozen_2024))
    assert comparison.value_before == 15 and comparison.value_after == 15  # +2 +3 -5
    assert (comparison.added, comparison.removed, comparison.changed) == (1, 1, 1)
    assert comparison.differs  # the same total, other records: still a restatement
    kinds = {change.kind: change for change in comparison.changes}
    assert kinds["added"].label == "Gamma New" and kinds["added"].after == 3
    assert kinds["removed"].label == "Beta Gene" and kinds["removed"].before == 5
    assert (kinds["changed"].before, kinds["changed"].after) == (10, 12)
    assert _value(frozen_2024).value == 15  # comparing writes nothing


def test_nothing_changed_nothing_to_restate(frozen_2024, staff_user):
    assert not services.compare(_value(frozen_2024)).differs
    with pytest.raises(ValidationError):
        services.restate(actor=staff_user, frozen=_value(frozen_2024), reason="Checking")
    assert not Restatement.objects.exists()


def test_restating_is_a_recorded_decision(frozen_2024, staff_user):
    on_site("Gamma New", headcount=3)
    frozen = _value(frozen_2024)
    with pytest.raises(ValidationError) as no_reason:
        services.restate(actor=staff_user, frozen=frozen, reason="  ")
    assert "reason" in no_reason.value.message_dict
    assert _value(frozen_2024).value == 15

    restatement = services.restate(actor=staff_user, frozen=frozen, reason="Gamma was on site from June.")
    assert (restatement.value_before, restatement.value_after) == (15, 18)
    assert restatement.decided_by == staff_user and restatement.added == 1
    frozen.refresh_from_db()
    assert frozen.value == 18 and frozen.records_count == 3 and frozen.records.count() == 3
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"publishing.value.restated", "publishing.restatement.decided"} <= actions


def test_a_new_definition_version_is_a_reason_to_restate(frozen_2024, staff_user):
    register_headcount(version=2)
    comparison = services.compare(_value(frozen_2024))
    assert comparison.differs and comparison.value_after == comparison.value_before
    restatement = services.restate(actor=staff_user, frozen=_value(frozen_2024), reason="Definition v2")
    assert (restatement.version_before, restatement.version_after) == (1, 2)
    assert _value(frozen_2024).version == 2


def test_publishing_and_withdrawing(frozen_2024, staff_user):
    assert not Snapshot.objects.published().exists()
    services.publish(actor=staff_user, snapshot=frozen_2024)
    assert Snapshot.objects.published().get().published_by == staff_user
    with pytest.raises(ValidationError):
        services.publish(actor=staff_user, snapshot=frozen_2024)
    services.unpublish(actor=staff_user, snapshot=frozen_2024)
    assert not Snapshot.objects.published().exists()


def test_a_section_names_figures_of_its_snapshot_in_both_languages(frozen_2024, staff_user):
    section = services.create_section(
        actor=staff_user,
        snapshot=frozen_2024,
        title_en="Companies",
        title_fr="Entreprises",
        codes=["directory.companies_on_site", HEADCOUNT, HEADCOUNT],
    )
    assert section.codes == ["directory.companies_on_site", HEADCOUNT]
    with pytest.raises(ValidationError) as bad:
        services.create_section(
            actor=staff_user, snapshot=frozen_2024, title_en="X", title_fr="", codes=["nothing.here"]
        )
    assert set(bad.value.message_dict) == {"title_fr", "codes"}
    assert frozen_2024.sections.count() == 1
    services.update_section(actor=staff_user, section=section, display="table")
    section.refresh_from_db()
    assert section.display == "table"
    services.delete_section(actor=staff_user, section=SectionFactory(snapshot=frozen_2024))
    assert frozen_2024.sections.count() == 1


def test_values_are_kept_exactly(frozen_2024):
    assert services.exact(Decimal("1") / Decimal("3")) == Decimal("0.333333")
    assert services.exact(None) is None


def test_freezing_reports_its_progress_indicator_by_indicator(clock, headcount, staff_user):
    calls = []
    services.freeze(actor=staff_user, year=2025, progress=lambda done, total: calls.append((done, total)))
    total = len(list(ind.all_indicators()))
    assert calls == [(done, total) for done in range(1, total + 1)]


def test_the_job_beats_as_it_freezes_and_ends_done(clock, headcount, staff_user):
    job = FreezeJob.objects.create(year=2025, requested_by=staff_user, total_rows=3)
    beats = []
    real_beat = FreezeJob.beat

    def beat(self, done=None):
        beats.append(done)
        return real_beat(self, done)

    with mock.patch.object(FreezeJob, "beat", beat):
        job = services.run_freeze_job(job)
    total = len(list(ind.all_indicators()))
    assert beats == list(range(1, total + 1))
    assert job.status == FreezeStatus.DONE and job.attempt == 1 and job.processed_rows == job.total_rows
    assert Snapshot.objects.get(year=2025).frozen_by == staff_user


def test_a_run_given_up_meanwhile_rolls_its_freeze_back(clock, headcount, staff_user):
    job = FreezeJob.objects.create(year=2025, total_rows=1)
    with mock.patch.object(FreezeJob, "finish", return_value=False):  # another attempt took the job over
        services.run_freeze_job(job)
    assert not Snapshot.objects.exists() and not FrozenValue.objects.exists()


def test_a_freeze_silent_for_too_long_is_given_up_and_the_year_may_be_frozen_again(
    clock, headcount, staff_user
):
    job = FreezeJob.objects.create(year=2025, total_rows=1)
    assert job.claim(from_statuses=[FreezeStatus.QUEUED], status=FreezeStatus.RUNNING)
    with pytest.raises(ValidationError, match="being frozen already"):
        services.start_freeze(actor=staff_user, year=2025)
    clock.shift(FreezeJob.stale_after() + timedelta(seconds=1))
    again = services.start_freeze(actor=staff_user, year=2025)
    job.refresh_from_db()
    assert job.status == FreezeStatus.FAILED and "nothing was saved" in job.failure
    assert again.pk != job.pk


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_another_session_sees_the_progress_but_no_snapshot_before_the_end(
    clock, headcount, staff_user
):
    """What the polling page sees while a worker freezes: the beats, and nothing of the snapshot."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite: the run holds the write lock, its beats wait for the end")
    job = FreezeJob.objects.create(year=2025, total_rows=1)
    other = connections.create_connection("default")
    seen = []
    real_beat = FreezeJob.beat

    def beat(self, done=None):
        written = real_beat(self, done)
        with other.cursor() as cursor:
            cursor.execute("SELECT processed_rows FROM publishing_freezejob WHERE id = %s", [self.pk])
            progress = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM publishing_snapshot")
            seen.append((written, progress, cursor.fetchone()[0]))
        return written

    try:
        with mock.patch.object(FreezeJob, "beat", beat):
            job = services.run_freeze_job(job)
    finally:
        other.close()
    total = len(list(ind.all_indicators()))
    assert seen == [(True, done, 0) for done in range(1, total + 1)]
    assert job.status == FreezeStatus.DONE and Snapshot.objects.filter(year=2025).exists()
