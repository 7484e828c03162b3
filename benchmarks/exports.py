"""Exports benchmark: the directory's XLSX and CSV exports at 16,600 and 100,000 organisations.

    .venv/bin/python benchmarks/exports.py                       # SQLite and PostgreSQL
    .venv/bin/python benchmarks/exports.py --sizes 16600 --databases sqlite

For each database and size it builds a fresh database with `biocluster generate`
(no people or links: the export reads organisations, their fields, stages, tags
and campus), then, in process, as a staff member:

- before: the workbook written inside the request, as the XLSX export did
  (`exporting.write_xlsx` over the whole directory, what that request waited for);
- after: the request that starts the background export (POST export.xlsx), and
  the background task itself (`build_export`, as `biocluster db_worker` runs it),
  with the number of progress updates it saved;
- the CSV export streamed to the end through the test client.

The server's timeout is 30 s: "before" must stay under it, "after" never waits for it.
Results go to bench-results/exports.json.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import BIN, ROOT, drop_postgres, fresh_postgres

PG_NAME = "bench_exports"


def environment(database: str, workdir: Path) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "BIOCLUSTER_TESTING": "1",
        "ALLOWED_HOSTS": "testserver",
        "BIOCLUSTER_DATA": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SETTINGS_MODULE": "biocluster.config.settings",
        # As in production: the task is queued in the database, then run as the worker would.
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "ERROR",
    }
    if database == "postgresql":
        env["DATABASE_URL"] = fresh_postgres(PG_NAME)
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    return env


def worker() -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from biocluster.accounts.models import Role, RoleGrant
    from biocluster.directory import exporting
    from biocluster.directory.models import Organisation
    from biocluster.directory.models_export import ExportJob
    from biocluster.directory.tasks import build_export

    staff = get_user_model().objects.create_user("staff@bench.example")
    RoleGrant.objects.create(user=staff, role=Role.STAFF, department="communication")
    client = Client()
    client.force_login(staff)
    rows = Organisation.objects.count()
    client.get("/ok")  # the process's first request imports every view: not the export's cost

    started = time.perf_counter()
    with exporting.write_xlsx(Organisation.objects.visible_to(staff)) as output:
        size = output.seek(0, 2)
    inside_request = time.perf_counter() - started

    started = time.perf_counter()
    response = client.post("/directory/export.xlsx")
    start_request = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    job = ExportJob.objects.get()
    updates = []
    original = exporting.write_xlsx

    def counted(queryset, progress):
        return original(queryset, lambda written: (updates.append(written), progress(written)))

    exporting.write_xlsx = counted
    started = time.perf_counter()
    build_export.call(job.pk)
    background = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == "done" and job.total_rows == rows, (job.status, job.total_rows)

    started = time.perf_counter()
    response = client.get("/directory/export.csv")
    csv_bytes = sum(len(chunk) for chunk in response.streaming_content)
    csv_seconds = time.perf_counter() - started
    return {
        "organisations": rows,
        "before_xlsx_in_request_s": round(inside_request, 2),
        "xlsx_bytes": size,
        "after_start_request_ms": round(start_request * 1000, 1),
        "after_background_task_s": round(background, 2),
        "progress_updates": len(updates),
        "csv_streamed_s": round(csv_seconds, 2),
        "csv_bytes": csv_bytes,
        "load_average": os.getloadavg()[0],
    }


def bench(database: str, size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as workdir:
        env = environment(database, Path(workdir))
        try:
            subprocess.run([str(BIN / "biocluster"), "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
            started = time.perf_counter()
            subprocess.run(
                [
                    str(BIN / "biocluster"),
                    "generate",
                    "--organisations",
                    str(size),
                    "--people-per-organisation",
                    "0",
                    "--links-per-organisation",
                    "0",
                ],
                env=env,
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            print(f"  generated {size:,} organisations in {time.perf_counter() - started:.0f} s", flush=True)
            out = subprocess.run(
                [sys.executable, __file__, "--worker"],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            return json.loads(out.stdout.strip().splitlines()[-1])
        finally:
            if database == "postgresql":
                drop_postgres(PG_NAME)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="16600,100000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker()))
        return 0
    report = {"databases": {}}
    for database in args.databases.split(","):
        report["databases"][database] = {}
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"== {database}, {size:,} organisations", flush=True)
            figures = bench(database, size)
            report["databases"][database][str(size)] = figures
            print(
                f"  before: XLSX written in the request {figures['before_xlsx_in_request_s']} s "
                f"({figures['xlsx_bytes'] // 1024} KiB); after: the request {figures['after_start_request_ms']} ms, "
                f"the background task {figures['after_background_task_s']} s with "
                f"{figures['progress_updates']} progress updates; CSV streamed in {figures['csv_streamed_s']} s; "
                f"load average {figures['load_average']:.1f}",
                flush=True,
            )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "exports.json").write_text(json.dumps(report, indent=2))
    print(f"written {out / 'exports.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
