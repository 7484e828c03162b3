"""Directory benchmark: search latency, list page under load vs a bare view, queries per page.

    make bench            # 100,000 organisations, SQLite and PostgreSQL
    .venv/bin/python benchmarks/directory.py --organisations 20000 --databases sqlite

For each database it builds a fresh database with `biocluster generate`, then
1. times the directory search (ranked full-text match, count and first page) in-process;
2. serves the project with gunicorn and sends the same load (20 concurrent
   clients) to a bare view returning "ok" and to the directory list page: the
   ratio of their p95 latencies is the figure, both measured in this run;
3. counts the SQL queries of the list page at two page sizes.

With `--caches default,redis` step 2 runs once per cache, in the same run: the
default cache of the settings (without REDIS_URL) and a shared Redis cache
(REDIS_URL, a database of its own on 127.0.0.1:6379, emptied first).
"""

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
WORDS = [
    "gene",
    "therapy",
    "genomics",
    "sequencing",
    "cell",
    "synthetic",
    "biology",
    "bioproduction",
    "vaccine",
    "protein",
    "diagnostic",
    "imaging",
    "thérapie",
    "génomique",
    "cellulaire",
    "biofonderie",
    "enzyme",
    "microbiome",
    "antibody",
    "plateforme",
    "bioinformatics",
    "ferment",
    "seq",
    "bio",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, check=True, cwd=ROOT, **kwargs)


def prepare(database: str, organisations: int, workdir: Path) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "BIOCLUSTER_DATA": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
    }
    if database == "postgresql":
        name = "bench_directory"
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    run([str(BIN / "biocluster"), "migrate", "--no-input", "-v", "0"], env)
    run([str(BIN / "biocluster"), "collectstatic", "--no-input", "-v", "0"], env)
    started = time.perf_counter()
    run(
        [
            str(BIN / "biocluster"),
            "generate",
            "--organisations",
            str(organisations),
            "--links-per-organisation",
            os.environ.get("BENCH_LINKS", "1.5"),
        ],
        env,
        stdout=subprocess.DEVNULL,
    )
    print(f"  generated {organisations:,} organisations in {time.perf_counter() - started:.0f} s", flush=True)
    if database == "postgresql":
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-q",
                "-d",
                "bench_directory",
                "-c",
                "VACUUM ANALYZE",
            ],
            check=True,
        )
    else:
        run(
            [
                str(BIN / "biocluster"),
                "shell",
                "-c",
                "from django.db import connection; connection.cursor().execute('ANALYZE')",
            ],
            env,
        )
    return env


SEARCH_PROBE = r"""
import json, random, statistics, sys, time
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from biocluster.directory.filters import OrganisationFilter
from biocluster.directory.models import Organisation
from django.contrib.auth.models import AnonymousUser

words = json.loads(sys.argv[1])
rng = random.Random(7)
queries = [" ".join(rng.sample(words, rng.choice([1, 1, 2]))) for _ in range(300)]
base = Organisation.objects.visible_to(AnonymousUser())
timings = []
for text in queries:
    started = time.perf_counter()
    filterset = OrganisationFilter({"q": text}, queryset=base)
    total = filterset.qs.count()
    page = list(filterset.ranked_qs[:25])
    timings.append((time.perf_counter() - started) * 1000)
timings.sort()
client = Client()
counts = {}
for label, url in [("list 25 rows", "/directory/"), ("list page 40", "/directory/?page=40"),
                   ("search", "/directory/?q=gene+therapy"), ("api limit 5", "/api/organisations?limit=5"),
                   ("api limit 200", "/api/organisations?limit=200")]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    counts[label] = len(ctx.captured_queries)
print(json.dumps({"p50": statistics.median(timings), "p95": timings[int(0.95 * (len(timings) - 1))],
                  "max": timings[-1], "queries": counts}))
"""


def probe_search(env: dict) -> dict:
    code = "import django; django.setup()\n" + SEARCH_PROBE
    env = {**env, "DJANGO_SETTINGS_MODULE": "biocluster.config.settings"}
    out = subprocess.run(
        [str(BIN / "python"), "-c", code, json.dumps(WORDS)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load(port: int, paths: list[str], clients: int, requests_per_client: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def client(seed: int):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(requests_per_client):
            path = rng.choice(paths)
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


REDIS_DATABASES = {"sqlite": 11, "postgresql": 12}


def serve_and_load(env: dict, clients: int, requests_per_client: int) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "biocluster.config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(3000):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        list_paths = [f"/directory/?page={p}" for p in range(1, 40)] + ["/directory/"]
        load(port, ["/ok", *list_paths], 4, 20)  # warm-up: connections, caches
        results = {}
        for label, paths in (("bare view /ok", ["/ok"]), ("directory list page", list_paths)):
            started = time.perf_counter()
            latencies = load(port, paths, clients, requests_per_client)
            elapsed = time.perf_counter() - started
            results[label] = {
                "p50": statistics.median(latencies),
                "p95": percentile(latencies, 95),
                "requests_per_second": len(latencies) / elapsed,
            }
        results["ratio_p95"] = results["directory list page"]["p95"] / results["bare view /ok"]["p95"]
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    parser.add_argument("--caches", default="default", help="default, redis or both: default,redis")
    args = parser.parse_args()
    report = {"organisations": args.organisations, "clients": args.clients, "databases": {}}
    for database in args.databases.split(","):
        print(f"== {database}", flush=True)
        workdir = Path(tempfile.mkdtemp(prefix="bench-directory-"))
        try:
            env = prepare(database, args.organisations, workdir)
            search = probe_search(env)
            report["databases"][database] = {"search_ms": search}
            print(f"  search: p50 {search['p50']:.1f} ms, p95 {search['p95']:.1f} ms (goal p95 < 50 ms)")
            for cache in args.caches.split(","):
                cache_env = dict(env)
                if cache == "redis":
                    number = REDIS_DATABASES[database]
                    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-n", str(number), "FLUSHDB"], check=True)
                    cache_env["REDIS_URL"] = f"redis://127.0.0.1:6379/{number}"
                served = serve_and_load(cache_env, args.clients, args.requests)
                report["databases"][database][f"served_ms_{cache}_cache"] = served
                print(f"  with the {cache} cache:")
                for label, figures in served.items():
                    if isinstance(figures, dict):
                        print(
                            f"    {label}: p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
                            f"{figures['requests_per_second']:.0f} req/s with {args.clients} clients"
                        )
                print(f"    list page p95 / bare view p95 = {served['ratio_p95']:.2f} (goal <= 3)")
            print(f"  queries per page: {search['queries']}")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            if database == "postgresql":
                subprocess.run(
                    ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "bench_directory"]
                )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "directory.json").write_text(json.dumps(report, indent=2))
    print(f"written {out / 'directory.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
