"""biocluster import_organisations FILE [--dry-run] [--mapping JSON] [--on-duplicate create|skip|merge] [--actor EMAIL]

The same steps as the staff pages (a job is kept, visible under Imports): the
file is checked, and applied only if no row has an error. Exits with status 1,
listing the errors, when the file has errors.
"""

import json
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from biocluster.directory.importing import services
from biocluster.directory.importing.mapping import from_names, mapping_errors
from biocluster.directory.importing.reading import UnreadableFile
from biocluster.directory.importing.validation import message
from biocluster.directory.models_import import DuplicateDecision, ImportStatus

ERRORS_PRINTED = 50
REASONS = {
    "name": "name and country",
    "website": "website",
    "eu_pic": "EU PIC",
    "vat_number": "VAT number",
    "national_id": "national identifier",
}


class Command(BaseCommand):
    help = "Import organisations from a CSV or XLSX file, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a CSV or XLSX file, headers on the first row")
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
        parser.add_argument(
            "--mapping",
            help='JSON object {"header in the file": "field"} ("" to ignore a column); other columns are auto-mapped',
        )
        parser.add_argument(
            "--on-duplicate",
            choices=DuplicateDecision.values,
            default=DuplicateDecision.SKIP,
            help="what to do with rows that look like an existing organisation or an earlier row (default: skip)",
        )
        parser.add_argument(
            "--actor", help="email of the user recorded as the author (default: none, a system import)"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = self._actor(options["actor"])
        with path.open("rb") as handle:
            try:
                job = services.start_job(actor=actor, upload=File(handle, name=path.name), size_limit=False)
            except UnreadableFile as error:
                raise CommandError(str(error)) from error
        self._map(job, options["mapping"])
        started = time.monotonic()
        report = services.dry_run(job=job, on_progress=self._progress("Checked"))
        self._end_progress()
        if job.status == ImportStatus.FAILED:
            raise CommandError(report.get("failure", "The check failed."))
        counts = report["counts"]
        self.stdout.write(
            f"Checked {counts['rows']:,} rows in {time.monotonic() - started:.1f} s: {counts['new']:,} new, "
            f"{counts['duplicates']:,} likely duplicates, {counts['errors']:,} errors in {counts['error_rows']:,} rows "
            f"(import #{job.pk})."
        )
        self._print_warnings(report)
        self._print_duplicates(report, options["on_duplicate"])
        if counts["errors"]:
            self._print_errors(report)
            raise CommandError(
                f"The file has {counts['errors']:,} errors; nothing was written.", returncode=1
            )
        if options["dry_run"]:
            return
        services.set_decisions(actor=actor, job=job, decisions={}, default=options["on_duplicate"])
        started = time.monotonic()
        job = services.apply(job=job, actor=actor, on_progress=self._progress("Applied"))
        self._end_progress()
        if job.status != ImportStatus.APPLIED:
            self._print_errors(job.report)
            raise CommandError("The import was not applied; nothing was written.", returncode=1)
        self.stdout.write(
            self.style.SUCCESS(
                f"Applied in {time.monotonic() - started:.1f} s: {job.created_count:,} created, "
                f"{job.merged_count:,} merged, {job.skipped_count:,} skipped."
            )
        )

    def _actor(self, email):
        if not email:
            return None
        try:
            return get_user_model().objects.get(email__iexact=email)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user with the email {email}.") from error

    def _map(self, job, mapping_json):
        if mapping_json:
            try:
                given = json.loads(mapping_json)
                if not isinstance(given, dict):
                    raise ValueError("--mapping must be a JSON object")
                mapping = from_names(job.headers, given)
            except ValueError as error:
                raise CommandError(f"Invalid --mapping: {error}") from error
        else:
            mapping = job.mapping
        problems = mapping_errors(job.headers, mapping)
        self.stdout.write(
            "Columns: "
            + ", ".join(f"{h} → {m or '(ignored)'}" for h, m in zip(job.headers, mapping, strict=True))
        )
        if problems:
            raise CommandError(
                "Invalid mapping: " + " ".join(problems) + " Use --mapping to choose the columns."
            )
        services.set_mapping(actor=None, job=job, mapping=mapping)

    def _progress(self, verb):
        stream = self.stderr

        def show(done, total):
            stream.write(f"\r{verb} {done:,} / {total:,} rows", ending="")
            stream.flush()

        return show

    def _end_progress(self):
        self.stderr.write("")

    def _print_warnings(self, report):
        for warning in report.get("warnings", []):
            rows = ", ".join(str(row) for row in warning["rows"])
            more = "…" if warning["count"] > len(warning["rows"]) else ""
            self.stdout.write(
                f"Warning, column “{warning['column']}”: {message(warning)} "
                f"({warning['count']:,} rows: {rows}{more})"
            )

    def _print_duplicates(self, report, decision):
        """Which rows look like what, so that the person can check them before choosing --on-duplicate."""
        duplicates = report.get("duplicates", [])
        if not duplicates:
            return
        self.stdout.write(f"Likely duplicates (--on-duplicate {decision}):")
        for duplicate in duplicates:
            reason = REASONS.get(duplicate["reason"], duplicate["reason"])
            if duplicate["existing_id"]:
                like = f"organisation #{duplicate['existing_id']} “{duplicate['existing_name']}”"
            else:
                like = f"row {duplicate['same_as_row']} “{duplicate['same_as_name']}”"
            self.stdout.write(f"  row {duplicate['row']} “{duplicate['name']}”: same {reason} as {like}")
        total = report.get("counts", {}).get("duplicates", len(duplicates))
        if total > len(duplicates):
            self.stdout.write(
                f"  …and {total - len(duplicates):,} more (the staff pages of the import list them)."
            )

    def _print_errors(self, report):
        errors = (report or {}).get("errors", [])
        for error in errors[:ERRORS_PRINTED]:
            self.stderr.write(f"row {error['row']}, column “{error['column']}”: {message(error)}")
        total = (report or {}).get("counts", {}).get("errors", len(errors))
        if total > ERRORS_PRINTED:
            self.stderr.write(f"…and {total - ERRORS_PRINTED:,} more.")
