"""Imports and exports share one background-job base (core.models.BackgroundJob): a sign of life in
a column, stamped on the application's clock at every chunk; a job silent for longer than the
limit is reported failed and may be run again."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection, connections
from django.urls import reverse

from biocluster.directory import exporting
from biocluster.directory.importing import services
from biocluster.directory.models import Organisation
from biocluster.directory.models_export import ExportJob, ExportStatus
from biocluster.directory.models_import import ImportJob, ImportStatus
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.directory.tests.importing import checked

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def rows(count: int) -> str:
    return "name,kind\n" + "".join(f"Org {i},startup\n" for i in range(count))


@pytest.mark.django_db
def test_the_apply_stamps_its_heartbeat_column_at_every_batch_on_the_application_clock(monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    with time_machine.travel(NOON, tick=False) as clock:
        job = checked(rows(5))
        seen = []

        def progress(done, total):
            seen.append((done, ImportJob.objects.values_list("heartbeat_at", flat=True).get(pk=job.pk)))
            clock.shift(timedelta(minutes=1))

        services.apply(job=job, actor=None, on_progress=progress)
    assert job.status == ImportStatus.APPLIED
    assert seen == [
        (2, NOON),
        (4, NOON + timedelta(minutes=1)),
        (5, NOON + timedelta(minutes=2)),
    ]


@pytest.mark.django_db
def test_an_import_silent_for_longer_than_the_limit_is_reported_failed_and_can_be_applied_again(
    client, staff_user
):
    with time_machine.travel(NOON, tick=False) as clock:
        job = checked("name,kind\nAlpha,startup\nBeta,sme\n")
        assert services.begin_apply(actor=staff_user, job=job)
        clock.shift(timedelta(minutes=8))
        services.report_progress(job, 1)  # the worker's last beat, then it is killed
        client.force_login(staff_user)
        clock.shift(timedelta(minutes=9))  # 17 minutes after the start, 9 after the beat
        client.get(reverse("directory:import_detail", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == ImportStatus.APPLYING
        clock.shift(timedelta(minutes=2))  # 11 minutes after the beat
        response = client.get(reverse("directory:import_detail", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == ImportStatus.FAILED and job.was_interrupted
        assert job.finished_at == NOON + timedelta(minutes=19)
        assert b"stopped before the end" in response.content and b'id="apply-title"' in response.content
        services.apply(job=job, actor=staff_user)
    assert job.status == ImportStatus.APPLIED and job.attempt == 2
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Alpha", "Beta"]


@pytest.mark.django_db
def test_an_export_silent_for_longer_than_the_limit_is_reported_failed_and_can_be_run_again(
    client, staff_user, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Alpha")
    client.force_login(staff_user)
    with time_machine.travel(NOON, tick=False) as clock:
        with django_capture_on_commit_callbacks():  # no worker takes it
            client.post(reverse("directory:export_xlsx"))
        job = ExportJob.objects.get()
        assert job.claim(from_statuses=[ExportStatus.QUEUED], status=ExportStatus.RUNNING)
        clock.shift(timedelta(minutes=5))
        job.beat(1)  # then the worker is killed
        clock.shift(timedelta(minutes=9))
        client.get(reverse("directory:export_detail", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == ExportStatus.RUNNING
        clock.shift(timedelta(minutes=2))
        page = client.get(reverse("directory:export_detail", args=[job.pk])).content.decode()
        job.refresh_from_db()
        assert job.status == ExportStatus.FAILED and "stopped before the end" in job.failure
        restart = reverse("directory:export_restart", args=[job.pk])
        assert "stopped before the end" in page and restart in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(restart)
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempt, job.total_rows, job.failure) == (ExportStatus.DONE, 2, 1, "")
    assert client.get(reverse("directory:export_download", args=[job.pk])).status_code == 200


@pytest.mark.django_db
def test_an_export_given_up_for_dead_that_finishes_later_keeps_nothing(staff_user, monkeypatch, settings):
    OrganisationFactory(name="Alpha")
    with time_machine.travel(NOON):
        job = ExportJob.objects.create(created_by=staff_user)
    written = exporting.write_xlsx

    def slow(queryset, progress):
        # While this worker writes, the page takes it for dead and a new run starts.
        with time_machine.travel(NOON + timedelta(hours=1)):
            page_copy = ExportJob.objects.get(pk=job.pk)
            assert page_copy.give_up_if_silent()
        return written(queryset, progress)

    monkeypatch.setattr(exporting, "write_xlsx", slow)
    with time_machine.travel(NOON):
        exporting.build_xlsx(job)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and not job.file
    assert not any((settings.MEDIA_ROOT / "exports").iterdir())


@pytest.mark.django_db
def test_a_finished_job_is_never_given_up():
    with time_machine.travel(NOON, tick=False) as clock:
        job = checked("name,kind\nAlpha,startup\n")
        services.apply(job=job, actor=None)
        export = ExportJob.objects.create(status=ExportStatus.DONE)
        clock.shift(timedelta(days=3))
        assert not job.give_up_if_silent() and not export.give_up_if_silent()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite: the apply's write lock shows it alive")
@pytest.mark.django_db(transaction=True)
def test_another_session_sees_the_apply_beat_while_its_transaction_is_open(monkeypatch):
    """The apply writes all or nothing in one transaction; its beats must not wait for the commit."""
    monkeypatch.setattr(services, "BATCH", 2)
    job = checked(rows(5))
    page = connections.create_connection("default")  # the page polling the job, in its own session
    seen = []

    def progress(done, total):
        with page.cursor() as cursor:
            cursor.execute(
                f"SELECT processed_rows, heartbeat_at FROM {ImportJob._meta.db_table} WHERE id = %s",  # noqa: S608
                [job.pk],
            )
            seen.append(cursor.fetchone())
            cursor.execute(f"SELECT count(*) FROM {Organisation._meta.db_table}")  # noqa: S608
            seen.append(cursor.fetchone()[0])

    try:
        services.apply(job=job, actor=None, on_progress=progress)
    finally:
        page.close()
    assert job.status == ImportStatus.APPLIED
    assert [entry[0] for entry in seen[0::2]] == [2, 4, 5]  # the progress, seen at once
    assert all(entry[1] is not None for entry in seen[0::2])
    assert seen[1::2] == [0, 0, 0]  # while no organisation is visible before the commit


@pytest.mark.django_db
def test_a_job_given_up_on_a_french_page_reads_in_each_readers_language(client, staff_user):
    """The reason is stored as the project's message and translated when shown: a French reader's
    page gave the job up, an English reader reads it in English (it was stored in French)."""
    with time_machine.travel(NOON, tick=False) as clock:
        job = ExportJob.objects.create(status=ExportStatus.RUNNING, created_by=staff_user, heartbeat_at=NOON)
        clock.shift(timedelta(hours=1))
        client.force_login(staff_user)
        url = reverse("directory:export_detail", args=[job.pk])
        french = client.get(url, headers={"accept-language": "fr"}).content.decode()
        english = client.get(url, headers={"accept-language": "en"}).content.decode()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.failure == "The worker writing this export stopped before the end. Start it again."
    assert "Le processus qui écrivait cet export s\u2019est arrêté avant la fin" in french
    assert "The worker writing this export stopped before the end" in english
