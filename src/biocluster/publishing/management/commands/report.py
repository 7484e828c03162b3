"""`biocluster report annual YEAR --lang fr|en -o FILE.pdf` and `biocluster report eccp -o FILE.pdf|FILE.json`.

The annual report is read from the year's snapshot (frozen, published or not: staff check a
draft before publishing it); a year without one is an error (exit status 2).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from biocluster.publishing import eccp, eccp_document, report
from biocluster.publishing.models import Snapshot

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Publish a document: the annual activity report of a year (PDF) or the ECCP profile (PDF or JSON)."

    def add_arguments(self, parser):
        documents = parser.add_subparsers(dest="document", required=True, metavar="{annual,eccp}")
        annual = documents.add_parser("annual", help="The annual activity report of a frozen year, as a PDF.")
        annual.add_argument("year", type=int)
        annual.add_argument("--lang", choices=report.LANGUAGES, default="fr")
        annual.add_argument("-o", "--output", required=True, type=Path, help="The PDF file to write.")
        annual.add_argument("--base-url", default="", help="The site's address, for the figures' links.")
        profile = documents.add_parser(
            "eccp", help="The European Cluster Collaboration Platform profile, as a PDF or JSON."
        )
        profile.add_argument("--lang", choices=report.LANGUAGES, default="en")
        profile.add_argument(
            "-o", "--output", required=True, type=Path, help="The file to write: .pdf (a document) or .json."
        )

    def handle(self, *args, document: str, output: Path, **options):
        if document == "annual":
            snapshot = Snapshot.objects.filter(year=options["year"]).first()
            if snapshot is None:
                frozen = ", ".join(
                    str(year) for year in Snapshot.objects.order_by("year").values_list("year", flat=True)
                )
                raise CommandError(
                    f"No snapshot of {options['year']}: freeze the year first (frozen years: {frozen or 'none'}).",
                    returncode=USAGE_ERROR,
                )
            content = report.report_pdf(snapshot, options["lang"], base_url=options["base_url"].rstrip("/"))
            self._write(output, content)
            self.stdout.write(
                f"{output}: annual report {snapshot.year} ({options['lang']}), {len(content):,} bytes"
            )
        else:
            kind = output.suffix.lower()
            if kind == ".pdf":
                content = eccp_document.eccp_pdf(options["lang"])
            elif kind == ".json":
                content = json.dumps(eccp.profile(options["lang"]), ensure_ascii=False, indent=2).encode()
            else:
                raise CommandError(
                    f"{output}: name a .pdf or a .json file (the format follows the extension).",
                    returncode=USAGE_ERROR,
                )
            self._write(output, content)
            self.stdout.write(f"{output}: ECCP profile ({options['lang']}, {kind[1:].upper()})")

    def _write(self, output: Path, content: bytes) -> None:
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=USAGE_ERROR) from None
