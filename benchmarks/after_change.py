"""What a visitor waits for after a directory change, and the people search: the baseline's code
and the current code in one run, on one generated database.

    .venv/bin/python benchmarks/after_change.py --baseline ac2985a            # 20,000 organisations, SQLite
    .venv/bin/python benchmarks/after_change.py --organisations 5000 --databases sqlite,postgresql

It builds a database with `biocluster generate` (organisations, about 1.5 links each, five
people each), then for each code, in its own process with the database task backend, in
alternating rounds:
- changes an organisation (a save, committed), runs `biocluster db_worker --batch` (what a
  worker would do meanwhile: the current code builds the network's opening view there), then
  times the first anonymous and staff visits of the network page and the first and a repeated
  call of `/api/network`;
- times the people page's search and the pickers' search for a common and an accented word.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import BIN, ROOT, drop_postgres, export_source, fresh_postgres, inside

STAFF_EMAIL = "bench-after-change@example.org"
ROUNDS = 5

PROBE = r"""
import json, os, statistics, subprocess, sys, time
import django
django.setup()
from django.test import Client
from biocluster.accounts.models import User
from biocluster.directory.models import Organisation

rounds, email, worker = int(sys.argv[1]), sys.argv[2], sys.argv[3]
public, staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
staff.force_login(User.objects.get(email=email))
for client in (public, staff):  # imports, templates, connections
    client.get("/directory/network/"); client.get("/api/network"); client.get("/directory/people/?q=mar")
org = Organisation.objects.order_by("pk").first()
times = {}

def timed(label, client, path):
    started = time.perf_counter()
    response = client.get(path)
    times.setdefault(label, []).append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, (path, response.status_code)

def change(number):
    org.description_en = f"changed {number}"
    org.save()
    subprocess.run([worker, "db_worker", "--batch", "--no-startup-delay"], check=True, capture_output=True)

for number in range(rounds):
    # Each after a change of its own: a visit must not find what the one before it computed.
    change(f"{number} page")
    timed("network page, first public visit after a change", public, "/directory/network/")
    timed("network page, first staff visit after a change", staff, "/directory/network/")
    change(f"{number} api")
    timed("/api/network, first call after a change", public, "/api/network")
    timed("/api/network, next call", public, "/api/network")
    for word in ("mar", "hélène"):
        timed(f"people page, search {word!r}", public, f"/directory/people/?q={word}")
        timed(f"pickers (staff), search {word!r}", staff, f"/directory/people/choices.json?q={word}")
print("RESULT " + json.dumps({label: statistics.median(values) for label, values in times.items()}))
"""

SETUP = r"""
from django.db import connection
from biocluster.accounts.models import Role, User
from biocluster.accounts.services import grant_role
user = User.objects.create_user(email=EMAIL, password=None)
grant_role(actor=None, user=user, role=Role.STAFF, department="communication")
connection.cursor().execute("ANALYZE")
"""


def run(cmd: list[str], env: dict, **kwargs) -> None:
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, **kwargs)


def build(database: str, organisations: int, workdir: Path) -> dict:
    env = {
        **os.environ,
        "BIOCLUSTER_DEMO": "1",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_SETTINGS_MODULE": "biocluster.config.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DIRECTORY_WARM_NETWORK": "1",
    }
    env.pop("REDIS_URL", None)  # the database cache, shared by the worker and the probe
    if database == "postgresql":
        env["DATABASE_URL"] = fresh_postgres("bench_after_change")
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    biocluster = str(BIN / "biocluster")
    started = time.perf_counter()
    run([biocluster, "migrate", "--no-input", "-v", "0"], env)
    run(
        [biocluster, "generate", "--organisations", str(organisations), "--links-per-organisation", "1.5"],
        env,
        stdout=subprocess.DEVNULL,
    )
    run([biocluster, "shell", "-c", f"EMAIL = {STAFF_EMAIL!r}\n" + SETUP], env)
    run([biocluster, "db_worker", "--batch", "--no-startup-delay"], env, capture_output=True)
    print(f"  {organisations:,} organisations generated in {time.perf_counter() - started:.0f} s", flush=True)
    return env


def probe(env: dict, src: Path | None, script: Path, rounds: int) -> dict:
    env = {**env}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return inside(str(script), env, str(rounds), STAFF_EMAIL, str(BIN / "biocluster"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--baseline", default="ac2985a", help="git ref of the code to compare with")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    results = {}
    workdir = Path(tempfile.mkdtemp(prefix="bench-after-change-"))
    try:
        script = workdir / "probe.py"
        script.write_text(PROBE)
        (workdir / "baseline").mkdir()
        baseline = export_source(args.baseline, workdir / "baseline") / "src"
        for database in args.databases.split(","):
            print(f"== {database}", flush=True)
            env = build(database, args.organisations, workdir)
            before, after = {}, {}
            for _ in range(2):  # each code twice, alternated: the machine's drift falls on both
                for into, src in ((before, baseline), (after, None)):
                    for label, value in probe(env, src, script, args.rounds).items():
                        into.setdefault(label, []).append(value)
            rows = {}
            for label in after:
                rows[label] = {
                    "before": statistics.median(before[label]),
                    "after": statistics.median(after[label]),
                }
                print(
                    f"  {label:<52} before {rows[label]['before']:8.1f} ms   after {rows[label]['after']:8.1f} ms"
                )
            results[database] = rows
            if database == "postgresql":
                drop_postgres("bench_after_change")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    out = ROOT / "bench-results" / "after-change.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps({"organisations": args.organisations, "baseline": args.baseline, **results}, indent=2)
    )
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
