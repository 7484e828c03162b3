"""biocluster recommend partners|evaluate: the partner recommender on CSV files (issue #16).

The same as the Django-free `biocluster recommend` (see `engine/cli.py` and docs/recommendations.md);
nothing is read from or written to the database. A bad file exits with status 2.
"""

from django.core.management.base import BaseCommand, CommandError

from biocluster.recommendations.engine import cli


class _Errors:
    """Collects what the engine writes as errors, to raise it as the command's error."""

    def __init__(self, stderr):
        self.stderr = stderr
        self.errors: list[str] = []

    def write(self, text: str) -> None:
        if text.startswith("error: "):
            self.errors.append(text.removeprefix("error: ").strip())
        else:
            self.stderr.write(text.rstrip("\n"))


class Command(BaseCommand):
    help = "Suggest partners from CSV files, or evaluate the recommender against baselines on held-out years."

    def add_arguments(self, parser):
        cli.configure(parser)

    def handle(self, *args, **options):
        errors = _Errors(self.stderr)
        status = cli.run(options, self.stdout, errors)
        if status:
            raise CommandError("; ".join(errors.errors) or "bad input", returncode=status)
