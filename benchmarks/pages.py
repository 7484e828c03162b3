"""Every page as each demo role, at a real size: what a person reaches by following links.

    .venv/bin/python benchmarks/pages.py                                   # SQLite: the demo and 20,000 generated organisations
    .venv/bin/python benchmarks/pages.py --databases postgresql --organisations FILE.csv

It builds a fresh database (migrations, the demo, `generate --organisations N`, and with
`--organisations` a CSV or XLSX file imported as a user would, duplicates created), then, for
each demo login (and an anonymous visitor), crawls the site in process with Django's test
client: from the home page, every link and htmx address of each page it reaches, at most
`--per-route` pages a route (exports, downloads and signing out aside). For each role it reports
the pages and routes reached, the slowest pages (the first request and a second one, which
finds the caches filled), the pages with the most queries, the longest menu (<select>), and
every **dead link**: an address a page showed that role which then answers 4xx or 5xx to the
same role. The permission matrix checks who gets which status; this checks that nobody is
shown a way that does not exist for them. Exits with status 1 if a dead link is found.

Results go to bench-results/pages.json (`--out` names another file).
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from support import BIN, ROOT, drop_postgres, fresh_postgres, inside

PG_NAME = f"{os.environ.get('BENCH_PG_PREFIX', 'bench_pages')}_{os.getpid()}"
PASSWORD = "demo-biocluster"  # noqa: S105 - the demo's logins (load_demo prints them)
ROLES = [
    "anonymous",
    "admin@demo.biocluster",
    "staff-entreprises@demo.biocluster",
    "staff-real-estate@demo.biocluster",
    "staff-international@demo.biocluster",
    "platform-manager@demo.biocluster",
    "founder@demo.biocluster",
    "member@demo.biocluster",
    "reviewer@demo.biocluster",
    "researcher@demo.biocluster",
    "partnering@demo.biocluster",
    "applicant-morel@demo.biocluster",
]
# Not pages to read: signing out, files, the admin (Django's own), the API (its own matrix).
SKIPPED = ("/accounts/logout", "/admin/", "/static/", "/media/", "/i18n/", "/jsi18n", "/api/")
FILES = re.compile(r"(\.(pdf|xlsx|csv|ics|svg|png)$)|/export|/download")
ADDRESS = re.compile(r'(?:href|hx-get)="(/[^"#]*)"')
SELECT = re.compile(r"<select\b.*?</select>", re.S)


# --------------------------------------------------------------------------- inside the project (a subprocess)


def crawl(role: str, per_route: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.urls import Resolver404, resolve

    client = Client(HTTP_HOST="127.0.0.1")
    if role != "anonymous" and not client.login(email=role, password=PASSWORD):
        raise SystemExit(f"{role} could not sign in")
    per = collections.Counter()
    seen, shown_on = set(), {}
    queue = collections.deque(["/"])
    pages = []
    while queue:
        address = queue.popleft()
        if address in seen:
            continue
        seen.add(address)
        try:
            route = resolve(urlsplit(address).path).route
        except Resolver404:
            pages.append({"address": address, "status": 404, "shown_on": shown_on.get(address)})
            continue
        if per[route] >= per_route:
            continue
        per[route] += 1
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            response = client.get(address)
            first = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        client.get(address)
        again = (time.perf_counter() - started) * 1000
        html = ""
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            html = response.content.decode()
        pages.append(
            {
                "address": address,
                "route": route,
                "status": response.status_code,
                "first_ms": round(first, 1),
                "again_ms": round(again, 1),
                "queries": len(queries),
                "kilobytes": round(len(response.content if not response.streaming else b"") / 1024, 1),
                "longest_menu": max((menu.count("<option") for menu in SELECT.findall(html)), default=0),
                "shown_on": shown_on.get(address),
            }
        )
        for found in ADDRESS.findall(html):
            found = found.replace("&amp;", "&")
            if not found.startswith(SKIPPED) and not FILES.search(
                urlsplit(found).path + urlsplit(found).query
            ):
                shown_on.setdefault(found, address)
                queue.append(found)
    return {"role": role, "routes": len(per), "pages": pages}


def internal(command: str, argument: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biocluster.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    django.setup()
    role, per_route = argument.rsplit(",", 1)
    print("RESULT " + json.dumps(crawl(role, int(per_route))))


# --------------------------------------------------------------------------- the orchestration


def prepare(database: str, workdir: Path, generated: int, organisations: str | None) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "BIOCLUSTER_DEMO": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BIOCLUSTER_DATA": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "DEMO_MAIL_DIR": str(workdir / "mail"),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = fresh_postgres(PG_NAME)
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'pages.sqlite3'}"
    steps = [["migrate", "--no-input", "-v", "0"], ["load_demo"]]
    if generated:
        steps.append(["generate", "--organisations", str(generated)])
    if organisations:
        steps.append(["import_organisations", organisations, "--on-duplicate", "create", "-v", "0"])
    for step in steps:
        subprocess.run([str(BIN / "biocluster"), *step], env=env, check=True, cwd=ROOT, capture_output=True)
    return env


def run_role(env: dict, role: str, per_route: int) -> dict:
    return inside(__file__, env, "--internal", "crawl", f"{role},{per_route}")


def dead_links(result: dict) -> list[dict]:
    return [page for page in result["pages"] if page["status"] >= 400 and page.get("shown_on")]


def report(result: dict) -> None:
    pages = [page for page in result["pages"] if "route" in page]
    print(f"\n{result['role']}: {len(pages)} pages, {result['routes']} routes")
    for page in sorted(pages, key=lambda page: -page["again_ms"])[:5]:
        print(
            f"  {page['again_ms']:8.1f} ms (first {page['first_ms']:7.1f}) {page['queries']:4d} queries "
            f"{page['kilobytes']:7.1f} KB  {page['address'][:90]}"
        )
    most = max(pages, key=lambda page: page["queries"])
    menu = max(pages, key=lambda page: page["longest_menu"])
    print(f"  most queries: {most['queries']} on {most['address'][:90]}")
    print(f"  longest menu: {menu['longest_menu']} choices on {menu['address'][:90]}")
    for page in dead_links(result):
        print(f"  DEAD LINK: {page['address']} answers {page['status']}, shown on {page['shown_on']}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--generate", type=int, default=20_000, help="generated organisations")
    parser.add_argument("--organisations", help="a CSV or XLSX of organisations to import as well")
    parser.add_argument("--per-route", type=int, default=2)
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--out", default="pages.json", help="file name under bench-results/")
    parser.add_argument("--internal", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.internal:
        internal(*args.internal)
        return 0
    results, dead = {}, 0
    for database in args.databases.split(","):
        with tempfile.TemporaryDirectory() as workdir:
            started = time.perf_counter()
            organisations = str(Path(args.organisations).resolve()) if args.organisations else None
            env = prepare(database, Path(workdir), args.generate, organisations)
            print(f"== {database}: built in {time.perf_counter() - started:.0f} s")
            try:
                results[database] = [run_role(env, role, args.per_route) for role in args.roles.split(",")]
            finally:
                if database == "postgresql":
                    drop_postgres(PG_NAME)
        for result in results[database]:
            report(result)
            dead += len(dead_links(result))
    out = ROOT / "bench-results" / args.out
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(f"\n{dead} dead links; results in {out.relative_to(ROOT)}")
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
