"""Benchmark of the directory import: a 100,000-row CSV, checked then applied.

    .venv/bin/python benchmarks/import_100k.py [--rows N] [--only sqlite|postgresql] [--repeat N] [--keep FILE]

Generates a CSV of synthetic organisations (about 3 % of them likely duplicates
of an earlier row: same name in other words, or same website), then, on a fresh
SQLite database and on a fresh PostgreSQL database (created with createdb and
dropped after), times in separate subprocesses:

- upload: the file is read once to count its rows and keep it (`start_job`);
- check: the dry run (every row checked, duplicates looked for);
- apply: the writing, in one transaction (it checks every row again);
- recheck: a dry run of the same file against the 100,000 organisations now there.

Each step runs in its own process so that its peak memory (ru_maxrss) is its
own; its CPU time is shown next to its duration, and the load average before
it, since a shared machine slows everything down. Goal: under 60 s and 1 GB.
Prints a table and writes bench-results/import.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIOCLUSTER = str(Path(PYTHON).with_name("biocluster"))
PG = {"host": "127.0.0.1", "user": "postgres", "port": "5432"}
HEADERS = [
    "name",
    "acronym",
    "kind",
    "description_en",
    "description_fr",
    "website",
    "founded_year",
    "headcount",
    "campus",
    "address",
    "city",
    "country",
    "technology_fields",
    "value_chain_stages",
    "tags",
    "is_listed",
    "source",
]
KINDS = ["startup", "sme", "large_company", "research_lab", "platform", "Start-up", "PME", "Laboratoire"]
FIELDS = [
    "gene-cell-therapy",
    "biotherapies",
    "diagnostics",
    "genome-sequencing",
    "proteomics",
    "synthetic-biology",
    "bioinformatics",
    "Bioproduction",
    "Médecine personnalisée",
]
STAGES = ["training", "research-development", "process-industrialisation", "production", "post-market"]
SYLLABLES = [
    "gen",
    "bio",
    "cell",
    "thera",
    "med",
    "nova",
    "omic",
    "syn",
    "vita",
    "lab",
    "pro",
    "tech",
    "cyte",
    "zym",
]
CITIES = ["Évry-Courcouronnes", "Paris", "Lyon", "Strasbourg", "Montpellier", "Toulouse", "Lille", "Nantes"]


# --------------------------------------------------------------------------- generator


def _name(rng: random.Random, i: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word} {rng.choice(['Therapeutics', 'Diagnostics', 'Bio', 'Labs', 'Genomics', 'Systems'])} {i}"


def generate(path: Path, rows: int, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    tags = [f"tag-{n}" for n in range(200)]
    duplicates = 0
    previous: list[tuple[str, str]] = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(rows):
            name = _name(rng, i)
            website = f"https://www.{name.split()[0].lower()}{i}.example.org"
            if previous and rng.random() < 0.03:
                duplicates += 1
                earlier_name, earlier_site = rng.choice(previous[-5000:])
                if rng.random() < 0.5:
                    name = earlier_name.upper() + " SAS"  # same name key
                else:
                    website = earlier_site.replace("https://www.", "http://")  # same domain
            previous.append((name, website))
            writer.writerow(
                [
                    name,
                    name.split()[0][:6].upper(),
                    rng.choice(KINDS),
                    f"{name} develops {rng.choice(['cell', 'gene', 'protein', 'data'])} products for health "
                    f"and works with the labs and platforms of the campus on {rng.choice(FIELDS)}.",
                    f"{name} développe des produits de {rng.choice(['thérapie', 'diagnostic', 'données'])} "
                    "avec les laboratoires et les plateformes du campus.",
                    website,
                    rng.randint(1950, 2025),
                    rng.randint(1, 500),
                    "",
                    f"{rng.randint(1, 200)} rue de la Science",
                    rng.choice(CITIES),
                    "FR",
                    "; ".join(rng.sample(FIELDS, rng.randint(1, 3))),
                    "|".join(rng.sample(STAGES, rng.randint(1, 2))),
                    "; ".join(rng.sample(tags, rng.randint(0, 3))),
                    rng.choice(["yes", "no", "oui", "1"]),
                    "synthetic",
                ]
            )
    return {"rows": rows, "planted_duplicates": duplicates, "bytes": path.stat().st_size}


# --------------------------------------------------------------------------- one step, in a child process


def child(step: str, file: str, job_id: int | None) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biocluster.config.settings")
    import django

    django.setup()
    from django.core.files import File

    from biocluster.directory.importing import services
    from biocluster.directory.models_import import ImportJob

    result: dict = {}
    started = time.perf_counter()
    cpu = time.process_time()
    if step == "check":
        with open(file, "rb") as handle:
            job = services.start_job(actor=None, upload=File(handle, name=Path(file).name))
        result["upload_s"] = time.perf_counter() - started
        started = time.perf_counter()
        cpu = time.process_time()
        report = services.dry_run(job=job)
        result.update(seconds=time.perf_counter() - started, job=job.pk, counts=report["counts"])
    elif step == "apply":
        job = ImportJob.objects.get(pk=job_id)
        services.set_decisions(actor=None, job=job, decisions={}, default="merge")
        job = services.apply(job=job, actor=None)
        result.update(
            seconds=time.perf_counter() - started,
            status=job.status,
            created=job.created_count,
            merged=job.merged_count,
            skipped=job.skipped_count,
        )
    result["cpu_s"] = time.process_time() - cpu  # this process only: not the PostgreSQL server's
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_child(env: dict, step: str, file: Path, job_id: int | None = None) -> dict:
    command = [PYTHON, __file__, "--child", step, "--file", str(file)]
    if job_id is not None:
        command += ["--job", str(job_id)]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"{step} failed:\n{done.stdout}\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall  # including Python and Django start-up
    result["load_before"] = load  # the machine may be shared: other work slows every step
    return result


# --------------------------------------------------------------------------- databases


def _env(database_url: str, media: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "SECRET_KEY": secrets.token_hex(32),
    }
    for name in ("DEBUG", "BIOCLUSTER_DEMO", "BIOCLUSTER_TESTING", "TASKS_BACKEND"):
        env.pop(name, None)  # DEBUG off: no query log, as in production
    return env


def _migrate(env: dict) -> None:
    subprocess.run([BIOCLUSTER, "migrate", "-v", "0"], env=env, check=True)


def bench_database(vendor: str, file: Path, work: Path) -> dict:
    media = work / f"media-{vendor}"
    if vendor == "sqlite":
        database = work / "bench.sqlite3"
        url = f"sqlite:///{database}"
    else:
        name = f"bench_import_{os.getpid()}"
        createdb = ["createdb", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], name]
        subprocess.run(createdb, check=True)
        url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    env = _env(url, media)
    try:
        _migrate(env)
        check = run_child(env, "check", file)
        apply = run_child(env, "apply", file, check["job"])
        recheck = run_child(env, "check", file)
    finally:
        if vendor == "postgresql":
            subprocess.run(
                ["dropdb", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "--if-exists", name],
                check=False,
            )
    return {"check": check, "apply": apply, "recheck": recheck}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--keep", help="also write the generated CSV here")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per database; the table shows the fastest of each step"
    )
    parser.add_argument("--child", choices=["check", "apply"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--job", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file, args.job)
        return

    with tempfile.TemporaryDirectory(prefix="bench-import-") as directory:
        work = Path(directory)
        file = Path(args.keep) if args.keep else work / "organisations.csv"
        started = time.perf_counter()
        generated = generate(file, args.rows)
        generated["generate_s"] = time.perf_counter() - started
        print(
            f"Generated {generated['rows']:,} rows ({generated['bytes'] / 1e6:.1f} MB, "
            f"{generated['planted_duplicates']:,} planted duplicates) in {generated['generate_s']:.1f} s"
        )
        runs: dict[str, list[dict]] = {}
        for vendor in [args.only] if args.only else ["sqlite", "postgresql"]:
            runs[vendor] = [bench_database(vendor, file, work) for _ in range(args.repeat)]
    # On a shared machine other work only ever slows a step down: keep each step's fastest run.
    results = {
        vendor: {
            step: min((run[step] for run in vendor_runs), key=lambda r: r["seconds"])
            for step in vendor_runs[0]
        }
        for vendor, vendor_runs in runs.items()
    }

    print()
    print(
        f"{'database':<11} {'step':<8} {'rows':>8} {'seconds':>8} {'cpu s':>6} {'wall s':>7} "
        f"{'peak MB':>8} {'load':>5}  result"
    )
    for vendor, steps in results.items():
        for step, result in steps.items():
            if step == "apply":
                outcome = f"{result['created']:,} created, {result['merged']:,} merged, {result['skipped']:,} skipped"
            else:
                counts = result["counts"]
                outcome = (
                    f"{counts['new']:,} new, {counts['duplicates']:,} duplicates, {counts['errors']:,} errors"
                )
            print(
                f"{vendor:<11} {step:<8} {args.rows:>8,} {result['seconds']:>8.1f} {result['cpu_s']:>6.1f} "
                f"{result['wall_s']:>7.1f} {result['peak_mb']:>8.0f} {result['load_before']:>5.1f}  {outcome}"
            )
    output = ROOT / "bench-results" / "import.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "rows": args.rows,
                "generated": generated,
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                },
                "goal": {"seconds": 60, "peak_mb": 1024},
                "results": results,
                "runs": runs,
            },
            indent=2,
        )
    )
    print(f"\nWrote {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
