"""Indicators and publishing benchmark: the staff dashboard's rows and the annual report, at scale.

    .venv/bin/python benchmarks/indicators.py                     # 100,000 organisations, 1M bookings
    .venv/bin/python benchmarks/indicators.py --organisations 20000 --bookings 100000   # smaller
    .venv/bin/python benchmarks/indicators.py --database postgresql

It builds a fresh database (SQLite by default), fills it with `biocluster generate`
(organisations of every kind on eight campuses, their people and links), the platforms
benchmark's bookings (benchmarks/platforms.py `seed`) and ten years of programme
milestones (enrolments of the generated start-ups and SMEs, fund raises validated by staff
and declared ones) and the stays on the site of the organisations on a campus, then, each in a process of its own:

- the dashboard: every indicator's row (`/indicators/<code>/row/?year=`, the value, its
  provenance and a five-year trend) requested as cluster staff, first with the caches
  emptied before each request (the baseline: computed afresh), then `--requests` more
  times each (once computed). It reports p50/p95/max of both. Goal: p95 under 300 ms once
  computed.
- the annual report: freezing the year (every indicator's value and the records behind it)
  and typesetting the report in French and in English from the snapshot, its time and the
  process's peak memory (ru_maxrss); against the baseline of computing every indicator's
  value for the year live (no records copied, no document) in a process of its own.
  Goals: under 30 s, under 1 GB.

Results go to bench-results/indicators.json.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import BIN, ROOT, drop_postgres, fresh_postgres, percentile

RESULTS = ROOT / "bench-results" / "indicators.json"
DASHBOARD_GOAL_MS = 300
REPORT_GOAL_S = 30
MEMORY_GOAL_MB = 1024
YEARS = 10
PG_NAME = os.environ.get("BENCH_PG_NAME", "bench_indicators")


def environment(database: str, workdir: Path, *, reuse: bool = False) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "BIOCLUSTER_TESTING": "1",  # plain static files storage: no collectstatic needed
        "ALLOWED_HOSTS": "testserver",
        "BIOCLUSTER_DATA": str(workdir),
        "DJANGO_SETTINGS_MODULE": "biocluster.config.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    if database == "postgresql":
        env["DATABASE_URL"] = (
            f"postgres://postgres@127.0.0.1:5432/{PG_NAME}" if reuse else fresh_postgres(PG_NAME)
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    return env


def worker(env: dict, *arguments: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *arguments],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode:
        print(out.stdout[-4000:], out.stderr[-4000:], file=sys.stderr)
        out.check_returncode()
    line = next(line for line in reversed(out.stdout.splitlines()) if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


# ----------------------------------------------------------------------------- worker


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def fill(bookings: int, milestones_per_year: int, year: int) -> dict:
    """Bookings (the platforms benchmark's) and ten years of milestones, written in bulk."""
    import random
    from datetime import date, timedelta
    from decimal import Decimal

    from django.db import connection

    from biocluster.directory.models import Organisation
    from biocluster.programmes.models import Cohort, Enrolment, Milestone
    from biocluster.programmes.tests.factories import ProgrammeFactory

    sys.path.insert(0, str(Path(__file__).parent))
    import platforms  # the platforms benchmark's generator of bookings

    started = time.perf_counter()
    booked = platforms.seed(bookings)["bookings"] if bookings else 0
    booking_seconds = time.perf_counter() - started

    rng = random.Random(13)
    programme = ProgrammeFactory()
    first = year - YEARS + 1
    cohorts = {
        y: Cohort.objects.create(programme=programme, name=f"Bench {y}", start_date=date(y, 1, 15))
        for y in range(first, year + 1)
    }
    companies = list(Organisation.objects.filter(kind__in=["startup", "sme"]).values_list("pk", flat=True))
    per_year = max(1, min(len(companies) // YEARS, milestones_per_year // 2))
    enrolments = []
    for index, y in enumerate(range(first, year + 1)):
        for pk in companies[index * per_year : (index + 1) * per_year]:
            start = date(y, 1, 15)
            ended = y < year - 1
            enrolments.append(
                Enrolment(
                    cohort=cohorts[y],
                    organisation_id=pk,
                    start_date=start,
                    initial_end_date=start + timedelta(days=365),
                    end_date=start + timedelta(days=365),
                    status="graduated" if ended else "active",
                    ended_on=start + timedelta(days=365) if ended else None,
                    source="synthetic",
                )
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    enrolments = list(Enrolment.objects.values_list("pk", "start_date"))
    milestones = []
    for y in range(first, year + 1):
        for _ in range(milestones_per_year):
            pk, start = rng.choice(enrolments)
            day = date(y, 1, 1) + timedelta(days=rng.randrange(365))
            milestones.append(
                Milestone(
                    enrolment_id=pk,
                    kind="fund_raise",
                    date=max(day, start),
                    title="Seed round",
                    amount=Decimal(rng.randrange(50_000, 5_000_000)),
                    round=rng.choice(["seed", "series_a", "series_b"]),
                    status=rng.choice(["validated", "validated", "validated", "declared"]),
                    source="synthetic",
                )
            )
    Milestone.objects.bulk_create(milestones, batch_size=5000)
    stays(year)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "bookings": booked,
        "booking_seconds": round(booking_seconds, 1),
        "enrolments": len(enrolments),
        "milestones": Milestone.objects.count(),
        "organisations": Organisation.objects.count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def stays(year: int) -> None:
    """The organisations on a campus arrived on the site over 25 years; one in ten left before `year`."""
    from datetime import date

    from django.db.models.functions import Mod

    from biocluster.directory.models import Organisation

    on_campus = Organisation.objects.filter(campus__isnull=False)
    for slot in range(25):
        arrived = date(year - 24 + slot, 1 + slot % 12, 1)
        on_campus.annotate(slot=Mod("pk", 25)).filter(slot=slot).update(on_site_since=arrived)
    leavers = on_campus.annotate(slot=Mod("pk", 10)).filter(slot=0, on_site_since__lt=date(year - 1, 6, 30))
    leavers.update(left_site_on=date(year - 1, 6, 30), left_site_reason="benchmark")


def staff():
    from biocluster.accounts.models import Department, Role, User
    from biocluster.accounts.services import grant_role

    user = User.objects.filter(email="bench-staff@bench.invalid").first()
    if user is None:
        user = User.objects.create(email="bench-staff@bench.invalid")
        grant_role(actor=None, user=user, role=Role.STAFF, department=Department.DIRECTION)
    return user


def dashboard(year: int, requests: int) -> dict:
    """Every indicator's dashboard row: computed afresh (caches emptied), then once computed."""
    from django.core.cache import caches
    from django.test import Client

    from biocluster.core import indicators

    client = Client()
    client.force_login(staff())
    codes = [indicator.code for indicator in indicators.all_indicators()]

    def get(code: str) -> float:
        started = time.perf_counter()
        response = client.get(f"/indicators/{code}/row/", {"year": year})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (code, response.status_code)
        return elapsed

    client.get("/indicators/", {"year": year})  # warm-up: templates, translations
    afresh = []
    for code in codes:
        for alias in caches:
            caches[alias].clear()
        afresh.append(get(code))
    for code in codes:  # computed once more: emptying the caches before each row above dropped the others'
        get(code)
    computed = [get(code) for _ in range(requests) for code in codes]
    slowest = sorted(zip(afresh, codes, strict=True), reverse=True)[:5]

    def summary(values):
        return {
            "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1),
            "max_ms": round(max(values), 1),
            "requests": len(values),
        }

    return {
        "indicators": len(codes),
        "computed_afresh": summary(afresh),
        "once_computed": summary(computed),
        "slowest_afresh": [{"code": code, "ms": round(ms, 1)} for ms, code in slowest],
    }


def report(year: int) -> dict:
    """Freeze the year and typeset its report in both languages: time and peak memory."""
    from django.core.cache import caches

    from biocluster.publishing import demo, report, services
    from biocluster.publishing.models import FrozenRecord, Snapshot

    actor = staff()
    Snapshot.objects.filter(year=year).delete()
    for alias in caches:  # no chart drawn by an earlier run: the report typeset cold
        caches[alias].clear()
    started = time.perf_counter()
    snapshot = services.freeze(actor=actor, year=year)
    frozen = time.perf_counter()
    codes = set(snapshot.values.values_list("code", flat=True))
    for order, title_en, title_fr, body_en, body_fr, wanted, display in demo.SECTIONS:
        services.create_section(
            actor=actor,
            snapshot=snapshot,
            order=order,
            title_en=title_en,
            title_fr=title_fr,
            body_en=body_en,
            body_fr=body_fr,
            codes=[code for code in wanted if code in codes],
            display=display,
        )
    sizes = {language: len(report.report_pdf(snapshot, language)) for language in ("fr", "en")}
    done = time.perf_counter()
    return {
        "freeze_seconds": round(frozen - started, 2),
        "typeset_seconds": round(done - frozen, 2),
        "seconds": round(done - started, 2),
        "records_frozen": FrozenRecord.objects.filter(value__snapshot=snapshot).count(),
        "pdf_bytes": sizes,
        "peak_mb": peak_mb(),
    }


def live(year: int) -> dict:
    """The baseline: every indicator's value for the year, computed live, nothing kept."""
    from biocluster.core import indicators

    started = time.perf_counter()
    for indicator in indicators.all_indicators():
        indicator.evaluate(indicator.period(year=year)).records.count()
    return {"seconds": round(time.perf_counter() - started, 2), "peak_mb": peak_mb()}


def run_worker(arguments: list[str]) -> None:
    import django

    django.setup()
    command, *rest = arguments
    if command == "fill":
        result = fill(int(rest[0]), int(rest[1]), int(rest[2]))
    elif command == "dashboard":
        result = dashboard(int(rest[0]), int(rest[1]))
    elif command == "report":
        result = report(int(rest[0]))
    elif command == "live":
        result = live(int(rest[0]))
    else:
        result = {"peak_mb": peak_mb()}  # Django set up, nothing done: the floor of a process
    print("RESULT " + json.dumps(result))


# ----------------------------------------------------------------------------- orchestration


def main() -> int:
    if "--worker" in sys.argv:
        run_worker(sys.argv[sys.argv.index("--worker") + 1 :])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--milestones-per-year", type=int, default=5_000)
    parser.add_argument("--year", type=int, default=time.localtime().tm_year - 1)
    parser.add_argument("--requests", type=int, default=5, help="Requests of each row once computed.")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--keep",
        type=Path,
        help="Keep the filled database in this folder (SQLite) / do not drop it (PostgreSQL, "
        "BENCH_PG_NAME), to measure it again with --reuse.",
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        help="Measure a database kept by --keep (this folder) without generating it again.",
    )
    parser.add_argument(
        "--phases",
        default="dashboard,live,report",
        help="What to measure, comma-separated (default: dashboard,live,report).",
    )
    options = parser.parse_args()

    results: dict = {"database": options.database, "year": options.year}
    with tempfile.TemporaryDirectory(prefix="bench-indicators-") as folder:
        workdir = options.reuse or options.keep or Path(folder)
        workdir.mkdir(parents=True, exist_ok=True)
        env = environment(options.database, workdir, reuse=options.reuse is not None)
        if options.reuse is None:
            fill_database(env, options, results)
        else:
            results["reused"] = str(options.reuse)
        measure(env, options, results)
    if options.database == "postgresql" and options.keep is None and options.reuse is None:
        drop_postgres(PG_NAME)
    results["load_average"] = os.getloadavg()
    results["goals"] = {
        "dashboard_p95_ms": DASHBOARD_GOAL_MS,
        "report_s": REPORT_GOAL_S,
        "memory_mb": MEMORY_GOAL_MB,
    }
    if "dashboard" in results:
        results["goals"]["dashboard_met"] = (
            results["dashboard"]["once_computed"]["p95_ms"] < DASHBOARD_GOAL_MS
        )
    if "report" in results:
        results["goals"]["report_met"] = results["report"]["typeset_seconds"] < REPORT_GOAL_S
        results["goals"]["memory_met"] = results["report"]["peak_mb"] < MEMORY_GOAL_MB
    RESULTS.parent.mkdir(exist_ok=True)
    target = RESULTS.with_name(f"indicators-{options.database}.json")
    target.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0


def fill_database(env: dict, options, results: dict) -> None:
    """Migrate, generate the directory, add the bookings, milestones and stays."""
    started = time.perf_counter()
    subprocess.run([str(BIN / "biocluster"), "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [
            str(BIN / "biocluster"),
            "generate",
            "--organisations",
            str(options.organisations),
            "--people-per-organisation",
            "0.5",
            "--links-per-organisation",
            "0.5",
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    results["generate_seconds"] = round(time.perf_counter() - started, 1)
    print(f"directory generated in {results['generate_seconds']} s (load {os.getloadavg()})", flush=True)
    results["fill"] = worker(
        env, "fill", str(options.bookings), str(options.milestones_per_year), str(options.year)
    )
    print(f"filled: {results['fill']} (load {os.getloadavg()})", flush=True)


def measure(env: dict, options, results: dict) -> None:
    """Each measure in a process of its own, with the load average when it ended."""
    phases = options.phases.split(",")
    if options.reuse is not None:  # the code may have new migrations since the database was kept
        subprocess.run([str(BIN / "biocluster"), "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    if "dashboard" in phases:
        results["dashboard"] = worker(env, "dashboard", str(options.year), str(options.requests))
        results["dashboard"]["load_average"] = os.getloadavg()
        print(f"dashboard: {json.dumps(results['dashboard'])}", flush=True)
    results["process_floor"] = worker(env, "floor")
    if "live" in phases:
        results["live_baseline"] = worker(env, "live", str(options.year))
        results["live_baseline"]["load_average"] = os.getloadavg()
        print(f"live baseline: {results['live_baseline']}", flush=True)
    if "report" in phases:
        results["report"] = worker(env, "report", str(options.year))
        results["report"]["load_average"] = os.getloadavg()
        print(f"report: {results['report']}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
