"""The import against hostile files and dying workers, and the caches it must refresh."""

import io
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from biocluster.directory import caching
from biocluster.directory.importing import services
from biocluster.directory.importing.reading import UnreadableFile
from biocluster.directory.models import Organisation
from biocluster.directory.models_import import ImportJob, ImportStatus
from biocluster.directory.tests.importing import checked

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx_bomb(expanded_bytes: int) -> bytes:
    """A zip shaped like an XLSX whose sheet expands from about 1 MB to `expanded_bytes`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"\0" * (1 << 20)
            for _ in range(expanded_bytes >> 20):
                sheet.write(chunk)
    return buffer.getvalue()


def test_an_xlsx_that_would_expand_to_a_gibibyte_is_refused_before_it_is_read(monkeypatch):
    loaded = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: loaded.append(1))
    bomb = xlsx_bomb(1 << 30)
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(UnreadableFile, match="expand to 1024 MB"):
        services.start_job(actor=None, upload=SimpleUploadedFile("bomb.xlsx", bomb))
    assert not loaded and not ImportJob.objects.exists()


def test_an_xlsx_compressed_far_more_than_a_spreadsheet_is_refused():
    with pytest.raises(UnreadableFile, match="compressed"):
        services.start_job(actor=None, upload=SimpleUploadedFile("bomb.xlsx", xlsx_bomb(64 << 20)))


def test_an_import_bumps_the_directory_version_so_public_counts_are_fresh(
    client, django_capture_on_commit_callbacks
):
    client.get(reverse("directory:organisation_list"))
    before = caching.version()
    job = checked("name,kind\nAlpha,startup\nBeta,sme\n")
    with django_capture_on_commit_callbacks(execute=True):
        services.apply(job=job, actor=None)
    assert job.status == ImportStatus.APPLIED
    assert caching.version() > before
    assert b"Alpha" in client.get(reverse("directory:organisation_list")).content


def test_an_apply_whose_worker_died_is_marked_failed_and_can_be_applied_again(client, staff_user):
    job = checked("name,kind\nAlpha,startup\nBeta,sme\n")
    assert services.begin_apply(actor=staff_user, job=job)  # then the worker is killed: nothing more
    services.report_progress(job, 1)
    client.force_login(staff_user)
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        client.get(reverse("directory:import_detail", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == ImportStatus.APPLYING  # quiet for 5 minutes: maybe still working
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = client.get(reverse("directory:import_detail", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == ImportStatus.FAILED and job.was_interrupted
        assert b"stopped before the end" in response.content
        assert b'id="apply-title"' in response.content
        services.apply(job=job, actor=staff_user)
    assert job.status == ImportStatus.APPLIED
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Alpha", "Beta"]


def test_a_worker_given_up_for_dead_that_finishes_later_writes_nothing(staff_user):
    job = checked("name,kind\nAlpha,startup\n")
    assert services.begin_apply(actor=staff_user, job=job)
    slow = ImportJob.objects.get(pk=job.pk)  # the worker's copy, attempt 1
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert services.give_up_if_abandoned(job)
        services.apply(job=job, actor=staff_user)  # a new apply, attempt 2
    assert job.status == ImportStatus.APPLIED and Organisation.objects.count() == 1
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.APPLYING)  # as if the slow one went on
    services.apply(job=slow, actor=staff_user)
    assert Organisation.objects.count() == 1


def test_a_running_job_that_beats_is_not_given_up():
    job = checked("name,kind\nAlpha,startup\n")
    assert services.begin_apply(actor=None, job=job)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        services.heartbeat(job)
        assert not services.give_up_if_abandoned(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLYING


def test_a_cache_that_fails_after_the_commit_does_not_mark_the_import_failed(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broken():
        raise RuntimeError("no such table: biocluster_cache")

    monkeypatch.setattr(caching, "bump", broken)
    job = checked("name,kind\nAlpha,startup\n")
    with django_capture_on_commit_callbacks(execute=True):
        services.apply(job=job, actor=None)
    assert job.status == ImportStatus.APPLIED and Organisation.objects.count() == 1
