"""`biocluster generate --organisations N`: a large synthetic directory for benchmarks."""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from biocluster.directory import generation
from biocluster.directory.models import SYNTHETIC, Campus, Organisation


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Generate a synthetic ecosystem for benchmarks: organisations of every kind with bilingual "
        "descriptions, technology fields, value-chain stages and campuses, their people and "
        "affiliations, and links between them, all with source 'synthetic', saved in batches. "
        "This is benchmark data, not domain changes: no audit events are recorded. Rows are "
        "inserted directly with reserved ids: run it while nothing else writes to the directory. "
        "The same --seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisations", type=positive_int, required=True, help="How many organisations."
        )
        parser.add_argument(
            "--people-per-organisation",
            type=non_negative_float,
            default=5.0,
            help="Average number of people per organisation (default 5).",
        )
        parser.add_argument(
            "--links-per-organisation",
            type=non_negative_float,
            default=1.5,
            help="Average number of links per organisation (default 1.5).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--campuses", type=int, default=8, help="Synthetic campuses to spread them over.")
        parser.add_argument("--batch-size", type=positive_int, default=5000, help="Rows per bulk insert.")

    def handle(self, *args, **options):
        total = options["organisations"]
        per_person = options["people_per_organisation"]
        seed = options["seed"]
        batch_size = options["batch_size"]
        started = time.monotonic()
        try:
            writer = generation.BulkWriter(batch_size=batch_size, fast=True)
        except RuntimeError as error:
            raise CommandError(str(error)) from error

        rng = random.Random(seed)
        people_rng = random.Random(seed + 1)
        pool = generation.NamePool(seed)
        campuses = self._campuses(options["campuses"], pool)
        # Names stay distinct across runs: a second run numbers its repeats.
        names = generation.UniqueNames(Organisation.objects.values_list("name", flat=True).iterator())

        try:
            nodes: list[tuple[int, str]] = []
            people_count = affiliation_count = 0
            drafts = generation.organisations(rng, total, pool=pool, names=names, campuses=campuses)
            for batch in generation.batched(drafts, batch_size):
                with transaction.atomic():
                    saved = writer.organisations(batch)
                    people, affiliations = [], []
                    for organisation in saved:
                        count = self._people_count(people_rng, per_person)
                        for person, affiliation in generation.people(
                            people_rng, organisation, count, pool=pool
                        ):
                            people.append(person)
                            affiliations.append(affiliation)
                    writer.people(people, affiliations)
                nodes.extend((o.pk, o.kind) for o in saved)
                people_count += len(people)
                affiliation_count += len(affiliations)
                self._progress(started, f"organisations {len(nodes):,}/{total:,}, people {people_count:,}")

            links_rng = random.Random(seed + 2)
            isolated = {pk for pk, _kind in nodes if links_rng.random() < 0.02}
            link_count = 0
            links = generation.links(links_rng, nodes, options["links_per_organisation"], isolated=isolated)
            for batch in generation.batched(links, batch_size):
                with transaction.atomic():
                    writer.links(batch)
                link_count += len(batch)
                self._progress(started, f"links {link_count:,}")

        finally:
            writer.finish()

        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {len(nodes):,} organisations, {people_count:,} people, "
                f"{affiliation_count:,} affiliations and {link_count:,} links "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    @staticmethod
    def _people_count(rng: random.Random, average: float) -> int:
        if average <= 0:
            return 0
        return max(1, round(rng.uniform(0.2 * average, 1.8 * average)))

    @staticmethod
    def _campuses(count: int, pool: generation.NamePool) -> list[Campus]:
        campuses = []
        for number in range(1, count + 1):
            campus, _created = Campus.objects.get_or_create(
                name=f"Synthetic campus {number:02d}",
                defaults={"city": pool.cities[(number - 1) % len(pool.cities)], "source": SYNTHETIC},
            )
            campuses.append(campus)
        return campuses

    def _progress(self, started: float, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {message} ({time.monotonic() - started:.1f} s)")

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)
