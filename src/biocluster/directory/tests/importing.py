"""Test helpers for the import: an uploaded file, and a job checked by a dry run."""

from django.core.files.uploadedfile import SimpleUploadedFile

from biocluster.directory.importing import services
from biocluster.directory.models_import import ImportJob


def upload(content, name="organisations.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


def checked(content, name="organisations.csv", actor=None) -> ImportJob:
    job = services.start_job(actor=actor, upload=upload(content, name))
    services.dry_run(job=job)
    job.refresh_from_db()
    return job
