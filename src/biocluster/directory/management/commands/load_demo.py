"""`biocluster load_demo [--flush]`: the demo cluster, its people and one login per role."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from biocluster.core.demo import DEMO_PASSWORD, DemoContext, ordered_loaders
from biocluster.core.mail_tasks import mail_task_paths


def drop_made_up_mail(since) -> int:
    """The demo's history is loaded, not lived: the letters and notices its made-up past queued
    while loading are never sent (a worker started afterwards would send them all at once)."""
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(
        status="READY", enqueued_at__gte=since, task_path__in=mail_task_paths()
    )
    return queued.delete()[0]


class Command(BaseCommand):
    help = (
        "Load the demo cluster: the real organisations and links of the public documents about "
        "Genopole (each with its source), a synthetic ecosystem around them (companies, labs, "
        "platforms, ~2,300 people) and one demo login per role, then every other area's demo data. "
        "Idempotent: running it again adds nothing. Prints the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--flush",
            action="store_true",
            help="First empty what the demo fills (the whole directory, with organisations not "
            "from the demo, and each area's own data), then load.",
        )
        parser.add_argument(
            "--only",
            default="",
            help="Load only these areas, comma-separated (e.g. --only directory); the default is all.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation before --flush.",
        )

    def handle(self, *args, flush=False, interactive=True, verbosity=1, only="", **options):
        loaders = ordered_loaders()
        if only:
            wanted = {name.strip() for name in only.split(",") if name.strip()}
            unknown = wanted - {loader.name for loader in loaders}
            if unknown:
                raise CommandError(f"Unknown area(s): {', '.join(sorted(unknown))}.")
            loaders = [loader for loader in loaders if loader.name in wanted]
        if flush and interactive:
            answer = input(
                "--flush deletes every organisation, person and link, and each area's data. "
                "Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was changed.")
        context = DemoContext(write=self.stdout.write, verbosity=verbosity)
        started, started_at = time.monotonic(), timezone.now()
        with transaction.atomic():
            if flush:
                for loader in reversed(loaders):
                    if loader.flush is not None:
                        loader.flush(context)
                self.stdout.write("Flushed: " + ", ".join(loader.name for loader in loaders))
            for loader in loaders:
                loader_started = time.monotonic()
                loader.load(context)
                if verbosity >= 2:
                    self.stdout.write(f"  {loader.name}: {time.monotonic() - loader_started:.1f} s")
        dropped = drop_made_up_mail(started_at)
        if dropped and verbosity >= 2:
            self.stdout.write(f"  {dropped} e-mails of the demo's past left unsent")
        elapsed = time.monotonic() - started
        if context.counts:
            self.stdout.write(
                "This run: " + ", ".join(f"{label} {value}" for label, value in context.counts.items())
            )
        else:
            self.stdout.write("This run: nothing new, the demo was already loaded.")
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {elapsed:.1f} s."))
        self._print_logins(context)

    def _print_logins(self, context: DemoContext) -> None:
        if not context.logins:
            return
        rows = [("Email", "Password", "Name", "Role")] + [
            (login.email, DEMO_PASSWORD, login.name, login.role) for login in context.logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        rule = "+-" + "-+-".join("-" * w for w in widths) + "-+"
        self.stdout.write("")
        self.stdout.write("Demo logins")
        self.stdout.write(rule)
        for index, row in enumerate(rows):
            self.stdout.write(
                "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
            )
            if index == 0:
                self.stdout.write(rule)
        self.stdout.write(rule)
