"""Cold start benchmark: the first request to a fresh server process against its second.

    .venv/bin/python benchmarks/cold_start.py                  # SQLite and PostgreSQL
    .venv/bin/python benchmarks/cold_start.py --databases sqlite --rounds 2
    .venv/bin/python benchmarks/cold_start.py --baseline d4f6391   # before/after in the same run

For each database it builds a small database (migrations and a few hundred
organisations), then, `--rounds` times, starts gunicorn with one worker (the
project's gunicorn.conf.py applies, as in production) and measures:

- startup: from launching gunicorn until it accepts a connection;
- the first request to each page of PAGES, then the second request to the same page;
- the same for SIGNED_IN pages, as a staff member: the cooperation dashboard (its world
  map and charts are drawn by vl-convert, whose renderer starts on its first drawing) and
  the indicators' dashboard with one of its rows (a trend chart).

With `--worker`, tasks go to the database (`TASKS_BACKEND=django_tasks_db.DatabaseBackend`)
and a `biocluster db_worker` runs beside the server, as in production; with `--cold`, the
shared cache is emptied before each round (no process has drawn any chart or map yet). Pages
whose drawings the worker makes (the cooperation dashboard, an indicator's row) also get `ready_ms`: from the
first request until the page no longer says a drawing is coming.

With `--baseline REF`, the same rounds also run the source of that commit
(exported to a temporary directory, put first on PYTHONPATH and used as the
working directory, so that its own gunicorn.conf.py applies or none), alternating
with the current source, on the same database: before and after in one run.

The goal: the first request as fast as the second (issue 11). The figure is the
median over the rounds of each; `/ok` (a bare view) is the baseline of the run.
Results go to bench-results/cold_start.json.
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import BIN, ROOT, Server, drop_postgres, export_source, fresh_postgres, timed_get

# One database per run (the process id in its name): two runs at once never drop each other's.
PG_NAME = f"{os.environ.get('BENCH_PG_PREFIX', 'bench_cold_start')}_{os.getpid()}"
PAGES = [
    "/directory/",
    "/ok",
    "/",
    "/platforms/",
    "/events/",
    "/calls/",
    "/accreditation/",
    "/directory/network.json",
]
# The first drawing page of the process comes first: it would pay for starting the renderer.
SIGNED_IN = ["/cooperation/", "/indicators/", "/indicators/{code}/row/"]
DRAWN_BY_WORKER = {"/cooperation/", "/indicators/{code}/row/"}  # their maps and charts: `ready_ms` too
# A staff member's session, and an indicator to draw the trend of, printed for the benchmark.
SESSION = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from biocluster.core import indicators
user, _ = get_user_model().objects.get_or_create(email="bench-staff@example.org", defaults={"is_staff": True})
user.is_superuser = True
user.save()
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "biocluster.accounts.backends.PasswordBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(session.session_key, indicators.all_indicators()[0].code)
"""


def prepare(database: str, workdir: Path) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BIOCLUSTER_DATA": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "ERROR",
    }
    if database == "postgresql":
        env["DATABASE_URL"] = fresh_postgres(PG_NAME)
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run([str(BIN / "biocluster"), *command, "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [str(BIN / "biocluster"), "generate", "--organisations", "300"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    shell = [str(BIN / "biocluster"), "shell", "-c", SESSION]
    key, code = subprocess.run(
        shell, env=env, check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout.split()[-2:]  # the shell may print before (warnings)
    env["BENCH_COOKIE"] = f"sessionid={key}"
    env["BENCH_INDICATOR"] = code
    return env


def pages(env: dict) -> list[tuple[str, str]]:
    """Each page with the cookie it is asked with (none: anonymous)."""
    signed_in = [(path.format(code=env["BENCH_INDICATOR"]), env["BENCH_COOKIE"]) for path in SIGNED_IN]
    return [(path, "") for path in PAGES] + signed_in


DRAWING = b'class="drawing"'  # a page saying a chart or map is being drawn by the worker
READY_TIMEOUT = 180


def drawing(port: int, path: str, cookie: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=READY_TIMEOUT)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    body = connection.getresponse().read()
    connection.close()
    return DRAWING in body


def one_round(env: dict, source: Path | None, log: Path, *, worker: bool, cold: bool) -> dict:
    cwd = ROOT
    if source is not None:
        env = {**env, "PYTHONPATH": str(source / "src")}
        cwd = source
    if worker:
        env = {**env, "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    if cold:
        clear = "from django.core.cache import caches; [caches[alias].clear() for alias in caches.settings]"
        subprocess.run([str(BIN / "biocluster"), "shell", "-c", clear], env=env, check=True, cwd=cwd)
    background = None
    if worker:
        command = [str(BIN / "biocluster"), "db_worker", "--interval", "0.5", "--no-startup-delay"]
        background = subprocess.Popen(command, env=env, cwd=cwd, stderr=log.open("a"))
    try:
        with Server(env, workers=1, cwd=cwd, log=log, extra=()) as server:
            figures = {"startup_ms": server.startup_ms}
            drawn_by_worker = {path.format(code=env["BENCH_INDICATOR"]) for path in DRAWN_BY_WORKER}
            for path, cookie in pages(env):
                started = time.perf_counter()
                first, first_status = timed_get(server.port, path, cookie=cookie)
                second, second_status = timed_get(server.port, path, cookie=cookie)
                figures[path] = {"first_ms": first, "second_ms": second}
                # A worker that takes longer than gunicorn's timeout (30 s) to answer is killed: a 500.
                figures[path]["statuses"] = [first_status, second_status]
                if path in drawn_by_worker:
                    while (
                        drawing(server.port, path, cookie) and time.perf_counter() - started < READY_TIMEOUT
                    ):
                        time.sleep(0.25)
                    figures[path]["ready_ms"] = (time.perf_counter() - started) * 1000
            return figures
    finally:
        if background is not None:
            background.terminate()
            background.wait(timeout=30)


def medians(runs: list[dict]) -> dict:
    result = {"startup_ms": round(statistics.median(r["startup_ms"] for r in runs))}
    for path in [key for key in runs[0] if key.startswith("/")]:
        result[path] = {
            kind: round(statistics.median(r[path][kind] for r in runs), 1)
            for kind in ("first_ms", "second_ms", "ready_ms")
            if kind in runs[0][path]
        }
    return result


def bench(database: str, rounds: int, baseline: Path | None, *, worker: bool, cold: bool) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="bench-cold-start-"))
    try:
        env = prepare(database, workdir)
        variants = {"current": None} if baseline is None else {"baseline": baseline, "current": None}
        runs: dict[str, list[dict]] = {name: [] for name in variants}
        for _ in range(rounds):
            for name, source in variants.items():
                log = workdir / f"server-{name}.log"
                runs[name].append(one_round(env, source, log, worker=worker, cold=cold))
                print(f"  {name}: {json.dumps(runs[name][-1])}", flush=True)
        return {
            "rounds": rounds,
            "worker": worker,
            "cold": cold,
            "load_average": os.getloadavg()[0],
            **{name: medians(found) for name, found in runs.items()},
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if database == "postgresql":
            drop_postgres(PG_NAME)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help="a commit to measure in the same run (before)")
    parser.add_argument("--worker", action="store_true", help="tasks to the database, a db_worker beside")
    parser.add_argument("--cold", action="store_true", help="empty the shared cache before each round")
    args = parser.parse_args()
    report = {"baseline": args.baseline, "databases": {}}
    baseline = None
    if args.baseline:
        baseline = export_source(args.baseline, Path(tempfile.mkdtemp(prefix="bench-cold-start-baseline-")))
    for database in args.databases.split(","):
        print(f"== {database}", flush=True)
        result = bench(database, args.rounds, baseline, worker=args.worker, cold=args.cold)
        report["databases"][database] = result
        print(f"  load average {result['load_average']:.1f} on {os.cpu_count()} cores")
        for name in ("baseline", "current"):
            if name not in result:
                continue
            figures = result[name]
            print(f"  {name}: startup (launch to accepting) {figures['startup_ms']} ms")
            for path in [key for key in figures if key.startswith("/")]:
                ready = f", drawn after {figures[path]['ready_ms']} ms" if "ready_ms" in figures[path] else ""
                print(
                    f"    {path}: first {figures[path]['first_ms']} ms, second {figures[path]['second_ms']} ms"
                    + ready
                )
    if baseline is not None:
        shutil.rmtree(baseline, ignore_errors=True)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "cold_start.json").write_text(json.dumps(report, indent=2))
    print(f"written {out / 'cold_start.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
