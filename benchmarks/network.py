"""Network benchmark: the network API and page at real size, baseline and current code in one run.

    .venv/bin/python benchmarks/network.py                       # SQLite and PostgreSQL
    .venv/bin/python benchmarks/network.py --databases sqlite --baseline d4f6391

For each database it builds one database: the demo cluster (`biocluster load_demo`),
the 16,591 organisations of CORDIS H2020 (2017) imported through the product's
import service (`biocluster import_organisations`, after the same clean-up a
person would do in a spreadsheet: kinds from the activity type, CORDIS country
codes UK/EL as GB/GR, short names cut at 40 characters), and co-participation
links between imported organisations up to 290 links in all. Then it times the
same requests, in-process through Django's test client with the cache emptied
before each request, against the baseline code (`git archive` of --baseline,
first on the import path) and against the current code: the figures compare
two versions on the same data on the same machine at the same time.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import BIN, ROOT, drop_postgres, export_source, fresh_postgres

CORDIS = Path(os.environ.get("CORDIS_FILE", "/work/shared/data/cordis-h2020-organisations-2017.csv"))
SOURCE = "CORDIS open data, Horizon 2020 organisations (2017)"
KINDS = {
    "PRC": "sme",
    "REC": "research_organisation",
    "HES": "university",
    "PUB": "public_body",
    "OTH": "other",
}
COUNTRIES = {"UK": "GB", "EL": "GR"}
LINKS_IN_ALL = 290
DB_NAME = "bench_network"
STAFF_EMAIL = "bench-network-staff@example.org"


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, check=True, cwd=ROOT, **kwargs)


def cordis_as_import(path: Path) -> int:
    """The CORDIS file with the product's import columns; returns the number of rows."""
    rows = 0
    with CORDIS.open(newline="", encoding="utf-8") as source, path.open("w", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(["name", "acronym", "kind", "country", "city", "address", "source"])
        for row in csv.DictReader(source):
            writer.writerow(
                [
                    row["name"].strip()[:200],
                    row["short_name"].strip()[:40],
                    KINDS.get(row["activity_type"], "other"),
                    COUNTRIES.get(row["country"], row["country"]),
                    row["city"].strip()[:120],
                    row["street"].strip()[:255],
                    SOURCE,
                ]
            )
            rows += 1
    return rows


SETUP = r"""
import random
from biocluster.accounts.models import Department, Role, RoleGrant, User
from biocluster.directory.models import Organisation, OrganisationLink
user = User.objects.filter(email=EMAIL).first() or User.objects.create_user(email=EMAIL, password="x")
RoleGrant.objects.get_or_create(user=user, role=Role.STAFF, department=Department.COMMUNICATION)
imported = list(Organisation.objects.filter(source=SOURCE).order_by("pk").values_list("pk", flat=True))
rng = random.Random(11)
missing = max(0, TOTAL - OrganisationLink.objects.count())
pairs = set()
while len(pairs) < missing:
    a, b = rng.sample(imported, 2)
    pairs.add((a, b))
OrganisationLink.objects.bulk_create(
    OrganisationLink(subject_id=a, object_id=b, kind="partner_of", source=SOURCE) for a, b in pairs
)
print(Organisation.objects.count(), OrganisationLink.objects.count())
"""


def prepare(database: str, workdir: Path) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "BIOCLUSTER_DATA": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
    }
    env.pop("REDIS_URL", None)  # a per-process cache, emptied before each timed request
    env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"  # the demo sends mail
    if database == "postgresql":
        env["DATABASE_URL"] = fresh_postgres(DB_NAME)
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    biocluster = str(BIN / "biocluster")
    started = time.perf_counter()
    run([biocluster, "migrate", "--no-input", "-v", "0"], env)
    run([biocluster, "createcachetable"], env)
    run([biocluster, "collectstatic", "--no-input", "-v", "0"], env)
    run([biocluster, "load_demo"], env, stdout=subprocess.DEVNULL)
    print(f"  demo loaded in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    table = workdir / "cordis.csv"
    rows = cordis_as_import(table)
    run(
        [biocluster, "import_organisations", str(table), "--on-duplicate", "create"],
        env,
        stdout=subprocess.DEVNULL,
    )
    code = f"EMAIL = {STAFF_EMAIL!r}; SOURCE = {SOURCE!r}; TOTAL = {LINKS_IN_ALL}\n" + SETUP
    out = run([biocluster, "shell", "-c", code], env, capture_output=True, text=True).stdout.split()
    print(
        f"  imported {rows:,} CORDIS rows in {time.perf_counter() - started:.0f} s: "
        f"{int(out[-2]):,} organisations, {int(out[-1]):,} links",
        flush=True,
    )
    if database == "postgresql":
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-d", DB_NAME, "-c", "VACUUM ANALYZE"],
            check=True,
        )
    else:
        run(
            [
                biocluster,
                "shell",
                "-c",
                "from django.db import connection; connection.cursor().execute('ANALYZE')",
            ],
            env,
        )
    return env


PROBE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from biocluster.accounts.models import User
from biocluster.directory.models import Organisation, OrganisationLink

def clear():  # every cache: the shared one and, where the settings have it, the per-process one
    for alias in caches.settings:
        caches[alias].clear()

repeat, email, with_focus = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
hub = (
    Organisation.objects.annotate(n=Count("links_out", distinct=True) + Count("links_in", distinct=True))
    .order_by("-n", "pk").values_list("pk", flat=True).first()
)
paths = {"api": "/api/network", "json": "/directory/network.json?fragments=1", "page": "/directory/network/"}
if with_focus:
    paths["api focus depth 1"] = f"/api/network?focus={hub}"
    paths["api focus depth 2"] = f"/api/network?focus={hub}&depth=2"
    paths["page focus"] = f"/directory/network/?focus={hub}&depth=2"
results = {}
for who in ("public", "staff"):
    client = Client()
    if who == "staff":
        client.force_login(User.objects.get(email=email))
    for label, path in paths.items():
        clear()
        response = client.get(path)  # warm-up: imports, templates, connections
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
        size = len(response.content)
        timings = []
        for _ in range(repeat):
            clear()
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        timings.sort()
        results[f"{who} {label}"] = {
            "median": statistics.median(timings), "max": timings[-1], "bytes": size,
            "queries": len(captured.captured_queries),
        }
print(json.dumps(results))
"""


def probe(env: dict, src: Path | None, repeat: int, with_focus: bool) -> dict:
    env = {**env, "DJANGO_SETTINGS_MODULE": "biocluster.config.settings"}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    out = subprocess.run(
        [str(BIN / "python"), "-c", PROBE, str(repeat), STAFF_EMAIL, "1" if with_focus else "0"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def baseline_source(ref: str, workdir: Path) -> Path:
    target = workdir / "baseline"
    target.mkdir()
    return export_source(ref, target) / "src"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--baseline", default="d4f6391", help="git ref of the code to compare with")
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per path")
    parser.add_argument("--keep", action="store_true", help="keep the databases (printed) for inspection")
    args = parser.parse_args()
    report = {"baseline": args.baseline, "databases": {}}
    for database in args.databases.split(","):
        print(f"== {database}", flush=True)
        workdir = Path(tempfile.mkdtemp(prefix="bench-network-"))
        try:
            env = prepare(database, workdir)
            baseline = probe(env, baseline_source(args.baseline, workdir), args.repeat, with_focus=False)
            current = probe(env, None, args.repeat, with_focus=True)
            report["databases"][database] = {"baseline": baseline, "current": current}
            for label, after in current.items():
                before = baseline.get(label)
                was = (
                    f"{before['median']:8.0f} ms ({before['queries']} queries, {before['bytes'] // 1024} KiB)"
                    if before
                    else " " * 30
                )
                print(
                    f"  {label:28} before {was}  after {after['median']:6.0f} ms "
                    f"(max {after['max']:.0f}, {after['queries']} queries, {after['bytes'] // 1024} KiB)",
                    flush=True,
                )
        finally:
            if args.keep:
                print(f"  kept {workdir}" + (f" and database {DB_NAME}" if database == "postgresql" else ""))
            else:
                shutil.rmtree(workdir, ignore_errors=True)
                if database == "postgresql":
                    drop_postgres(DB_NAME)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "network.json").write_text(json.dumps(report, indent=2))
    print(f"written {out / 'network.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
