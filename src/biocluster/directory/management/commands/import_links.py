"""biocluster import_links FILE [--dry-run] [--mapping JSON] [--actor EMAIL]

Links between organisations from a CSV or XLSX file (see `importing/links.py` for
the columns): every row is checked first; the links are written only if no row
has an error, all in one transaction. Exits with status 1, listing the errors, otherwise.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from biocluster.directory.importing import links
from biocluster.directory.importing.reading import CHUNK, UnreadableFile, detect_format

ERRORS_PRINTED = 50


class Command(BaseCommand):
    help = "Import links between organisations from a CSV or XLSX file, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
        parser.add_argument("--mapping", help='JSON object {"header in the file": "field"}')
        parser.add_argument("--actor", help="email of the user recorded as the author")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = None
        if options["actor"]:
            actor = get_user_model().objects.filter(email__iexact=options["actor"]).first()
            if actor is None:
                raise CommandError(f"No user with the email {options['actor']}.")
        try:
            mapping = json.loads(options["mapping"]) if options["mapping"] else None
            with path.open("rb") as binary:
                format = detect_format(binary.read(CHUNK), path.name)
                binary.seek(0)
                columns, report = links.check_links(binary, format, mapping)
        except UnreadableFile as error:
            raise CommandError(str(error)) from error
        except ValueError as error:
            raise CommandError(f"Invalid mapping: {error}") from error
        self.stdout.write("Columns: " + ", ".join(code or "(ignored)" for code in columns))
        counts = report.counts
        self.stdout.write(
            f"Checked {counts['rows']:,} rows: {counts['new']:,} new links, {counts['already']:,} already "
            f"recorded, {counts['errors']:,} errors in {counts['error_rows']:,} rows."
        )
        if report.already:
            shown = ", ".join(str(entry["row"]) for entry in report.already[:100])
            self.stdout.write(f"Rows already recorded (left alone): {shown}")
        if counts["errors"]:
            for error in report.errors[:ERRORS_PRINTED]:
                self.stderr.write(f"row {error['row']}, column “{error['column']}”: {links.message(error)}")
            if counts["errors"] > ERRORS_PRINTED:
                self.stderr.write(f"…and {counts['errors'] - ERRORS_PRINTED:,} more.")
            raise CommandError(
                f"The file has {counts['errors']:,} errors; nothing was written.", returncode=1
            )
        if options["dry_run"]:
            return
        created = links.apply_links(actor=actor, report=report, file_name=path.name)
        self.stdout.write(self.style.SUCCESS(f"Applied: {created:,} links created."))
