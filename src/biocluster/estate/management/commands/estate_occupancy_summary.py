"""`biocluster estate_occupancy_summary`: check the occupancy summary against its rows, or rebuild it.

The services keep the summary (`estate.occupancy_summary`) in the transaction that changes
the status rows and agreement lines; the migration that made it built it from the rows
already there. `--check` recomputes it (nothing written) and lists what differs (exit 1 if
anything does); `--rebuild` writes it all again, e.g. after rows were written by hand.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from biocluster.estate import occupancy_summary


class Command(BaseCommand):
    help = "Check the estate's occupancy summary against the status rows and agreement lines, or rebuild it."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help="List what differs from a recomputation.")
        action.add_argument("--rebuild", action="store_true", help="Write the summary again from the rows.")

    def handle(self, *args, check=False, rebuild=False, **options):
        if rebuild:
            with transaction.atomic():
                count = occupancy_summary.rebuild()
            self.stdout.write(f"Occupancy summary rebuilt from {count} units.")
            return
        found = occupancy_summary.differences()
        for line in found[:50]:
            self.stdout.write(line)
        if found:
            raise CommandError(f"{len(found)} differences: run --rebuild.")
        self.stdout.write("The occupancy summary agrees with the rows.")
