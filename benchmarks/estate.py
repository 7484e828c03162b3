"""Real estate benchmark: 5,000 units and 50,000 leases over 25 years.

    .venv/bin/python benchmarks/estate.py                    # SQLite
    .venv/bin/python benchmarks/estate.py --database postgresql
    .venv/bin/python benchmarks/estate.py --units 1000 --leases 10000

It builds a fresh database (migrated), 50 buildings on 5 campuses (the largest with 300
units), the units with their first status, then the leases written in bulk as agreements
and lines (ten per unit, one after another with gaps, 1 to 4 years each, from 2001 to 2025:
none overlapping, as the database guarantees) and the units' status rows rebuilt from them
by `services.rebuild_statuses`, the code the services use. Then, in process, each timed
`--repeat` times:

- the availability search (`services.units_free`, random kind, area range, start and
  duration, the first 200 units), against a baseline: the same filters without the
  period (a plain list of units);
- the occupancy series over 25 years, month by month (`series.series`, read from the occupancy
  summary the services keep: one grouped query), against two baselines: the same series
  computed from the status rows and lines (`series.computed_series_by`, grouped by month in
  SQL: the code before the summary) and `occupancy.monthly` (two aggregate queries per month);
- the summary's cost on a write: `occupancy_summary.refresh` of one random unit (what every
  service that changes a unit's statuses or lines adds to its transaction);
- the stacking plan of the largest building (`plan.stacking_plan`), against the
  baseline of listing its units.

It reports p50/p95/max in milliseconds and writes bench-results/estate.json. Goals: each
under 200 ms p95.
"""

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from support import ROOT, fresh_postgres, percentile

RESULTS = ROOT / "bench-results" / "estate.json"
GOAL_MS = 200
KINDS = ["office", "bsl1_lab", "bsl2_lab", "mixed", "production", "storage"]


def setup(database: str, workdir: Path, pg_name: str = "bench_estate") -> None:
    os.environ.update(
        {
            "SECRET_KEY": "bench",
            "DEBUG": "0",
            "BIOCLUSTER_TESTING": "1",
            "ALLOWED_HOSTS": "testserver",
            "BIOCLUSTER_DATA": str(workdir),
            "DJANGO_SETTINGS_MODULE": "biocluster.config.settings",
            "DATABASE_URL": fresh_postgres(pg_name)
            if database == "postgresql"
            else f"sqlite:///{workdir / 'estate.sqlite3'}",
        }
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def fill(units: int, leases: int, rng: random.Random) -> dict:
    from django.db import transaction

    from biocluster.directory.models import Campus, Organisation
    from biocluster.estate import services
    from biocluster.estate.models import Agreement, AgreementUnit, Building, Floor, Unit, UnitStatus

    started = time.perf_counter()
    with transaction.atomic():
        campuses = [Campus.objects.create(name=f"Bench campus {i}") for i in range(5)]
        sizes = [300] + [(units - 300) // 49] * 48
        sizes.append(units - sum(sizes))
        buildings = Building.objects.bulk_create(
            [Building(campus=campuses[i % 5], name=f"Building {i}") for i in range(len(sizes))]
        )
        floors = Floor.objects.bulk_create(
            [Floor(building=b, level=level) for b in buildings for level in range(6)]
        )
        floor_of = {(f.building_id, f.level): f for f in floors}
        rows = []
        for building, size in zip(buildings, sizes, strict=True):
            for n in range(size):
                rows.append(
                    Unit(
                        building=building,
                        floor=floor_of[building.pk, n % 6],
                        code=f"U{n:04d}",
                        kind=rng.choice(KINDS),
                        area=Decimal(rng.randrange(9, 2700 if n % 50 == 0 else 150)),
                        source="synthetic",
                    )
                )
        made = Unit.objects.bulk_create(rows, batch_size=2000)
        UnitStatus.objects.bulk_create(
            [UnitStatus(unit=u, status="available", since=datetime.date(2000, 1, 1)) for u in made],
            batch_size=5000,
        )
        tenants = Organisation.objects.bulk_create(
            [Organisation(name=f"Tenant {i}", kind="sme") for i in range(2000)], batch_size=2000
        )
        per_unit = leases // len(made)
        agreements, spans = [], []
        for unit in made:
            day = datetime.date(2001, 1, 1) + datetime.timedelta(days=rng.randrange(0, 200))
            for _ in range(per_unit):
                end = day + datetime.timedelta(days=rng.randrange(300, 1000))
                agreements.append(
                    Agreement(
                        organisation=rng.choice(tenants),
                        kind="lease",
                        start=day,
                        end=end,
                        rent_per_m2=Decimal(rng.randrange(120, 260)),
                        source="synthetic",
                    )
                )
                spans.append((unit, day, end))
                day = end + datetime.timedelta(days=rng.randrange(1, 120))
        agreements = Agreement.objects.bulk_create(agreements, batch_size=5000)
        AgreementUnit.objects.bulk_create(
            [
                AgreementUnit(agreement=a, unit=unit, start=start, end=end)
                for a, (unit, start, end) in zip(agreements, spans, strict=True)
            ],
            batch_size=5000,
        )
        for index in range(0, len(made), 500):
            services.rebuild_statuses(made[index : index + 500])
    return {
        "units": len(made),
        "leases": len(agreements),
        "largest_building": buildings[0].pk,
        "fill_seconds": round(time.perf_counter() - started, 1),
    }


def timed(work, repeat: int, *, warm: bool = True) -> dict:
    if warm:
        work()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
    }


def measure(world: dict, repeat: int, rng: random.Random) -> dict:
    from biocluster.estate import occupancy, occupancy_summary, plan, series, services
    from biocluster.estate.models import Building, Unit

    def search():
        first = datetime.date(2001, 1, 1) + datetime.timedelta(days=rng.randrange(0, 9000))
        last = first + datetime.timedelta(days=rng.randrange(90, 1100))
        low = rng.choice([0, 10, 50, 100])
        return list(
            services.units_free(
                first=first, last=last, kind=rng.choice(KINDS), min_area=low, max_area=low + 200
            )[:200]
        )

    def plain_list():
        low = rng.choice([0, 10, 50, 100])
        return list(
            Unit.objects.filter(kind=rng.choice(KINDS), area__gte=low, area__lte=low + 200).select_related(
                "building__campus", "floor"
            )[:200]
        )

    first, last = datetime.date(2001, 1, 1), datetime.date(2025, 12, 1)
    building = Building.objects.get(pk=world["largest_building"])
    at = datetime.date(2015, 6, 1)
    months = series.series(first, last)
    sample = [day for index, (day, _figures) in enumerate(months) if index % 25 == 0]
    assert all(occupancy.occupancy(day) == dict(months)[day] for day in sample), "the series differs"
    assert months == series.computed_series_by(first, last)[series.TOTAL], "the summary differs"
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    return {
        "availability_search": timed(search, repeat),
        "availability_baseline_plain_list": timed(plain_list, repeat),
        "occupancy_series_25_years": timed(lambda: series.series(first, last), repeat),
        "occupancy_series_by_campus": timed(lambda: series.series_by(first, last, "campus"), repeat),
        "occupancy_baseline_computed_from_rows": timed(
            lambda: series.computed_series_by(first, last), repeat
        ),
        "occupancy_baseline_computed_by_campus": timed(
            lambda: series.computed_series_by(first, last, "campus"), repeat
        ),
        "summary_refresh_one_unit": timed(lambda: occupancy_summary.refresh([rng.choice(unit_ids)]), repeat),
        "occupancy_baseline_month_by_month": timed(
            lambda: occupancy.monthly(first, last), max(3, repeat // 10)
        ),
        "stacking_plan_largest_building": timed(lambda: plan.stacking_plan(building, at=at), repeat),
        "stacking_plan_baseline_unit_list": timed(
            lambda: list(Unit.objects.filter(building=building).select_related("floor")), repeat
        ),
        "months_in_series": len(months),
        "let_rate_2015": occupancy.occupancy(at).rate,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--leases", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg-database", default="bench_estate", help="the PostgreSQL database (made afresh)")
    parser.add_argument("--profile", action="store_true", help="profile the occupancy series and stop")
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory(prefix="bench-estate-") as folder:
        setup(args.database, Path(folder), args.pg_database)
        world = fill(args.units, args.leases, rng)
        if args.profile:
            import cProfile

            from biocluster.estate import series

            cProfile.runctx(
                "series.series(datetime.date(2001, 1, 1), datetime.date(2025, 12, 1))",
                globals(),
                {"series": series, "datetime": datetime},
                sort="cumulative",
            )
            return
        results = {
            "database": args.database,
            **world,
            **measure(world, args.repeat, rng),
            "goal_p95_ms": GOAL_MS,
        }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    goals = ("availability_search", "occupancy_series_25_years", "stacking_plan_largest_building")
    missed = [name for name in goals if results[name]["p95_ms"] > GOAL_MS]
    print("goals met" if not missed else f"over {GOAL_MS} ms p95: {', '.join(missed)}")


if __name__ == "__main__":
    main()
