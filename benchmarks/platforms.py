"""Platforms benchmark: the week calendar with a million bookings stored, and booking throughput.

    .venv/bin/python benchmarks/platforms.py                    # 1,000,000 bookings, SQLite and PostgreSQL
    .venv/bin/python benchmarks/platforms.py --bookings 100000 --databases sqlite
    .venv/bin/python benchmarks/platforms.py --databases postgresql --baseline main   # before/after, one database

For each database it builds a fresh database (migrations, hence the
no-double-booking guarantee: the exclusion constraint or the SQLite triggers),
stores the bookings (200 instruments open 08:00-20:00 on weekdays, ~5,000
bookings each over ~6 years around today), then serves the project with
gunicorn and measures:

1. the week calendar of an instrument (GET /platforms/instruments/<id>/calendar/?date=...)
   over random instruments and weeks of the populated years: p50/p95 with one
   client, and with 20 concurrent clients; the SQL queries of one page;
   The bare view /ok under the same 20 clients is the baseline of the run: the
   goal is a week-calendar p95 within 3x of its p95. Measured twice: one after the
   other (/ok, then the calendar), and in six alternating rounds (a share of /ok, a
   share of the calendar, ...), so that both meet the same load from other work.
   In those rounds the CPU each request cost is also read (the server's workers,
   PostgreSQL's processes, the clients: /proc), a ratio that does not follow the
   machine's load as a percentile does;
2. booking through the API (POST /api/bookings, each client with its own token)
   with 20 concurrent clients in pairs: both clients of a pair ask for the same
   slots in the same order, so half of the attempts conflict. Successful
   bookings per second, 409s, anything else (must be none), and afterwards a
   check in SQL that no two active bookings of an instrument overlap.

With `--baseline REF` the same database (seeded once) is served by the source of that
commit (exported to a temporary directory, first on PYTHONPATH) and then by the working
tree, one after the other: each variant measures the calendar and runs the race (on
race instruments emptied before it), so that before and after are compared in one run.

gunicorn runs as gunicorn.conf.py sets it in production (its workers and threads on this
machine); `--server 4x4` serves with 4 workers of 4 threads instead, and `--baseline-server`
gives the baseline its own (`--baseline HEAD --baseline-server 4x4` compares two server
shapes on the same code and database).

With `--current REF` the after variant is that commit's source rather than the working tree
(each variant's source is exported when its turn comes: a branch is measured as it is then).
On PostgreSQL each run creates its own database (`BENCH_PG_PREFIX`, default bench_platforms,
then the process id) and drops it at the end.

Results go to bench-results/platforms.json (`--out` names another file).
"""

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from support import (
    BIN,
    ROOT,
    Server,
    add_server_options,
    cpu_now,
    cpu_per_request,
    drop_postgres,
    export_source,
    inside,
    percentile,
    server_shapes,
)

# One database per run (the process id in its name), dropped at the end: two runs at once
# never drop each other's. BENCH_PG_PREFIX names it (a helper's own prefix, say).
PG_NAME = f"{os.environ.get('BENCH_PG_PREFIX', 'bench_platforms')}_{os.getpid()}"
PARIS = ZoneInfo("Europe/Paris")
INSTRUMENTS = 200
RACE_PAIRS = 10
ROUNDS = 6  # alternating rounds of /ok and the week calendar


def summary(latencies: list[float], elapsed: float) -> dict:
    return {
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1),
        "requests_per_second": round(len(latencies) / elapsed, 1),
    }


# --------------------------------------------------------------------------- inside the project (subprocesses)


def seed(total: int) -> dict:
    """Store `total` bookings and the race's instruments and clients; print what the load needs."""
    from datetime import time as clock
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    from biocluster.accounts.models import ApiToken, User
    from biocluster.directory.models import Affiliation, Campus, Organisation, Person
    from biocluster.platforms import timeutils
    from biocluster.platforms.models import Booking, Instrument, OpeningHours, Platform

    rng = random.Random(11)
    campus = Campus.objects.create(name="Bench campus")
    labs = [
        Organisation.objects.create(
            name=f"Bench lab {i}", kind="research_lab", campus=campus, source="synthetic"
        )
        for i in range(50)
    ]
    users = User.objects.bulk_create([User(email=f"bench{i}@bench.invalid") for i in range(1000)])
    people = Person.objects.bulk_create(
        [Person(first_name="Bench", last_name=str(u.pk), user=u) for u in users]
    )
    Affiliation.objects.bulk_create(
        [Affiliation(person=p, organisation=rng.choice(labs), role="Scientist") for p in people]
    )
    owner = {a.person.user_id: a.organisation_id for a in Affiliation.objects.select_related("person")}
    platforms = [
        Platform.objects.create(
            organisation=Organisation.objects.create(
                name=f"Bench platform {i}", kind="platform", campus=campus
            )
        )
        for i in range(20)
    ]
    instruments = Instrument.objects.bulk_create(
        [
            Instrument(platform=platforms[i % 20], name=f"Instrument {i}", requires_qualification=False)
            for i in range(INSTRUMENTS)
        ]
    )
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(instrument=i, weekday=d, opens=clock(8), closes=clock(20))
            for i in instruments
            for d in range(5)
        ]
    )
    tz = platforms[0].tz
    per_instrument = total // INSTRUMENTS
    today = timezone.localdate()
    first_day = today - timedelta(days=round(per_instrument / 3 / 5 * 7 * 0.78))
    started = time.perf_counter()
    # Rows straight into the table (COPY on PostgreSQL, executemany on SQLite): building a
    # million model instances for bulk_create took over half an hour on a loaded machine.
    fields = [f for f in Booking._meta.local_concrete_fields if not f.primary_key]
    sample = Booking(
        instrument=instruments[0],
        user=users[0],
        created_by=users[0],
        start=timezone.now(),
        end=timezone.now(),
        blocked_until=timezone.now(),
        organisation_id=owner[users[0].pk],
        category="cluster_academic",
        status="confirmed",
    )
    base = [f.get_db_prep_save(f.pre_save(sample, True), connection) for f in fields]
    at = {f.attname: i for i, f in enumerate(fields)}
    moment = next(f for f in fields if f.attname == "start")
    postgres = connection.vendor == "postgresql"

    def stamp(value):
        return value if postgres else moment.get_db_prep_save(value, connection)

    table = connection.ops.quote_name(Booking._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    batch: list[list] = []
    stored = 0

    def flush() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if postgres:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)  # noqa: S608

    for instrument in instruments:
        day, count = first_day, 0
        while count < per_instrument:
            if day.weekday() < 5:
                cursor = timeutils.at(day, clock(8), tz)
                close = timeutils.at(day, clock(20), tz)
                while count < per_instrument:
                    cursor += timedelta(minutes=30 * rng.randint(0, 4))
                    end = cursor + timedelta(minutes=30 * rng.randint(2, 8))
                    if end > close:
                        break
                    user = rng.choice(users)
                    row = base[:]
                    row[at["instrument_id"]] = instrument.pk
                    row[at["user_id"]] = row[at["created_by_id"]] = user.pk
                    row[at["organisation_id"]] = owner[user.pk]
                    row[at["start"]] = stamp(cursor)
                    row[at["end"]] = row[at["blocked_until"]] = stamp(end)
                    row[at["status"]] = "completed" if end.date() < today else "confirmed"
                    batch.append(row)
                    count += 1
                    cursor = end
            day += timedelta(days=1)
        if len(batch) >= 50_000:
            flush()
            stored += len(batch)
            batch = []
    flush()
    stored += len(batch)
    seconds = time.perf_counter() - started
    # The race: instruments always open, bookable two years ahead; twenty clients with tokens.
    race = Instrument.objects.bulk_create(
        [
            Instrument(
                platform=platforms[0], name=f"Race {i}", requires_qualification=False, max_days_ahead=730
            )
            for i in range(RACE_PAIRS)
        ]
    )
    tokens = [ApiToken.issue(users[i])[1] for i in range(2 * RACE_PAIRS)]
    session = _session_of(users[0])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "bookings": stored,
        "seconds": round(seconds, 1),
        "instruments": [i.pk for i in instruments],
        "first_day": first_day.isoformat(),
        "race_instruments": [i.pk for i in race],
        "tokens": tokens,
        "session_cookie": f"sessionid={session}",
    }


def _session_of(user) -> str:
    """A signed-in session of `user` (a booker): the calendar is then rendered for them."""
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "biocluster.accounts.backends.PasswordBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def count_queries(instrument: int, day: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    with CaptureQueriesContext(connection) as context:
        assert client.get(f"/platforms/instruments/{instrument}/calendar/?date={day}").status_code == 200
    return len(context.captured_queries)


def overlaps(instruments: list[int]) -> dict:
    """Active bookings of the race's instruments, and pairs of them that overlap (must be none)."""
    from django.db import connection

    from biocluster.platforms.constraints import ACTIVE_SQL

    placeholders = ", ".join(["%s"] * len(instruments))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM platforms_booking WHERE status IN {ACTIVE_SQL} "  # noqa: S608 - constants
            f"AND instrument_id IN ({placeholders})",
            instruments,
        )
        active = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM platforms_booking AS one JOIN platforms_booking AS other "  # noqa: S608
            "ON other.instrument_id = one.instrument_id AND other.id < one.id "
            'AND other."start" < one.blocked_until AND other.blocked_until > one."start" '
            f"WHERE one.status IN {ACTIVE_SQL} AND other.status IN {ACTIVE_SQL} "
            f"AND one.instrument_id IN ({placeholders})",
            instruments,
        )
        clashes = cursor.fetchone()[0]
    return {"active": active, "overlapping_pairs": clashes}


def clear_race(instruments: list[int]) -> dict:
    """Empty the race's instruments (before another variant races on them)."""
    from biocluster.platforms.models import Booking

    deleted, _ = Booking.objects.filter(instrument_id__in=instruments).delete()
    return {"deleted": deleted}


def internal(command: str, argument: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biocluster.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    django.setup()
    if command == "seed":
        result = seed(int(argument))
    elif command == "queries":
        instrument, day = argument.split(",")
        result = {"queries": count_queries(int(instrument), day)}
    elif command == "clear":
        result = clear_race([int(pk) for pk in argument.split(",")])
    else:
        result = overlaps([int(pk) for pk in argument.split(",")])
    print("RESULT " + json.dumps(result))


# --------------------------------------------------------------------------- the orchestration


def project(env: dict, command: str, argument: str) -> dict:
    return inside(__file__, env, "--internal", command, argument)


def prepare(database: str, workdir: Path) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BIOCLUSTER_DATA": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # As in production: emails are queued in the database for `biocluster db_worker`, not sent in the request.
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "ERROR",
    }
    if database == "postgresql":
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", PG_NAME], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", PG_NAME], check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    subprocess.run(
        [str(BIN / "biocluster"), "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT
    )
    subprocess.run(
        [str(BIN / "biocluster"), "collectstatic", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT
    )
    return env


def calendar_paths(seeded: dict, count: int, seed: int) -> list[str]:
    from datetime import date, timedelta

    rng = random.Random(seed)
    first = date.fromisoformat(seeded["first_day"])
    today = datetime.now(PARIS).date()
    span = (today - first).days
    paths = []
    for _ in range(count):
        day = today + timedelta(days=rng.randint(-min(span, 365), 365))
        paths.append(
            f"/platforms/instruments/{rng.choice(seeded['instruments'])}/calendar/?date={day.isoformat()}"
        )
    return paths


def get_load(port: int, paths: list[str], clients: int, cookie: str = "") -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()
    shares = [paths[i::clients] for i in range(clients)]

    def client(mine: list[str]):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        timings = []
        for path in mine:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            timings.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(timings)

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started


def race(port: int, seeded: dict, slots: int) -> dict:
    """Twenty clients in pairs; both of a pair ask for the same slots in the same order."""
    from datetime import timedelta

    statuses: dict[int, int] = {}
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2 * RACE_PAIRS)
    tomorrow = datetime.now(PARIS).date() + timedelta(days=1)

    def client(index: int):
        instrument = seeded["race_instruments"][index // 2]
        headers = {"Authorization": f"Bearer {seeded['tokens'][index]}", "Content-Type": "application/json"}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, timings = {}, []
        barrier.wait()
        for offset in range(slots):
            day = tomorrow + timedelta(days=offset // 8)
            hour = 8 + offset % 8
            body = json.dumps(
                {
                    "instrument": instrument,
                    "start": f"{day}T{hour:02d}:00:00",
                    "end": f"{day}T{hour + 1:02d}:00:00",
                }
            )
            started = time.perf_counter()
            connection.request("POST", "/api/bookings", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            timings.append((time.perf_counter() - started) * 1000)
            mine[response.status] = mine.get(response.status, 0) + 1
        connection.close()
        with lock:
            latencies.extend(timings)
            for status, count in mine.items():
                statuses[status] = statuses.get(status, 0) + count

    threads = [threading.Thread(target=client, args=(i,)) for i in range(2 * RACE_PAIRS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    created = statuses.get(201, 0)
    return {
        "clients": 2 * RACE_PAIRS,
        "attempts": sum(statuses.values()),
        "created": created,
        "conflicts_409": statuses.get(409, 0),
        "other_statuses": {str(k): v for k, v in statuses.items() if k not in (201, 409)},
        "seconds": round(elapsed, 2),
        "bookings_per_second": round(created / elapsed, 1),
        "attempts_per_second": round(sum(statuses.values()) / elapsed, 1),
        "latency_p50_ms": round(statistics.median(latencies), 1),
        "latency_p95_ms": round(percentile(latencies, 95), 1),
    }


def _cpu(pairs: list[tuple[dict, dict]], requests: int) -> dict[str, float]:
    """CPU ms per request over rounds of `requests` each (support.cpu_now readings)."""
    per_round = [cpu_per_request(before, after, requests) for before, after in pairs]
    return {name: round(statistics.mean(r[name] for r in per_round), 3) for name in per_round[0]}


def _cpu_words(cpu: dict) -> str:
    return f"{cpu['total']:.2f} ({cpu['server']:.2f} + {cpu['postgres']:.2f} + {cpu['clients']:.2f})"


def measure(
    env: dict,
    seeded: dict,
    paths: list[str],
    requests: int,
    slots: int,
    workdir: Path,
    source,
    server_shape: tuple[int, int],
) -> dict:
    """One variant (the working tree, or `source`: another commit's exported tree) on the seeded
    database, served by `server_shape` (workers, threads)."""
    cwd = ROOT
    if source is not None:
        env, cwd = {**env, "PYTHONPATH": str(source / "src")}, source
    project(env, "clear", ",".join(map(str, seeded["race_instruments"])))
    # gunicorn's own and Django's warnings (each 409 is one) go to server.log.
    workers, threads = server_shape
    print(f"  gunicorn: {workers} workers x {threads} threads", flush=True)
    server = Server(env, workers=workers, threads=threads, cwd=cwd, log=workdir / "server.log")
    try:
        get_load(server.port, calendar_paths(seeded, 80, 2), 8)  # warm-up
        one = summary(*get_load(server.port, paths, 1))
        # Signed in, the page is rendered by the templates (the header and menu are the viewer's).
        signed_in = summary(*get_load(server.port, paths, 1, cookie=seeded["session_cookie"]))
        bare = summary(*get_load(server.port, ["/ok"] * (requests * 2), 20))
        many = summary(*get_load(server.port, calendar_paths(seeded, requests * 2, 3), 20))
        ratio = many["p95_ms"] / bare["p95_ms"]
        # The same in alternating rounds: the machine's load (other work on it) changes within a
        # minute, and the two measures above, one after the other, can meet different loads.
        mixed_bare: list[float] = []
        mixed_many: list[float] = []
        mixed_paths = calendar_paths(seeded, requests * 2, 4)
        step = len(mixed_paths) // ROUNDS
        elapsed = {"bare": 0.0, "many": 0.0}
        spent = {"bare": [], "many": []}  # (cpu_now before, after) of each round
        for round_ in range(ROUNDS):
            before = cpu_now(server.process.pid)
            latencies, seconds = get_load(server.port, ["/ok"] * step, 20)
            spent["bare"].append((before, cpu_now(server.process.pid)))
            mixed_bare += latencies
            elapsed["bare"] += seconds
            before = cpu_now(server.process.pid)
            latencies, seconds = get_load(server.port, mixed_paths[round_ * step : (round_ + 1) * step], 20)
            spent["many"].append((before, cpu_now(server.process.pid)))
            mixed_many += latencies
            elapsed["many"] += seconds
        rounds = {
            "rounds": ROUNDS,
            "bare_view_20_clients": summary(mixed_bare, elapsed["bare"]),
            "week_calendar_20_clients": summary(mixed_many, elapsed["many"]),
            "cpu_ms_per_request": {name: _cpu(pairs, step) for name, pairs in spent.items()},
        }
        cpu = rounds["cpu_ms_per_request"]
        rounds["cpu_ratio"] = round(cpu["many"]["total"] / cpu["bare"]["total"], 2)
        rounds["ratio_p95_20_clients"] = round(
            rounds["week_calendar_20_clients"]["p95_ms"] / rounds["bare_view_20_clients"]["p95_ms"], 2
        )
        print(
            f"  week calendar, 1 client: p50 {one['p50_ms']} ms, p95 {one['p95_ms']} ms (goal p95 < 100 ms)"
        )
        print(
            f"  week calendar signed in, 1 client: p50 {signed_in['p50_ms']} ms, p95 {signed_in['p95_ms']} ms"
        )
        print(
            f"  week calendar, 20 clients: p50 {many['p50_ms']} ms, p95 {many['p95_ms']} ms, "
            f"{many['requests_per_second']} req/s"
        )
        print(
            f"  bare view /ok, 20 clients: p95 {bare['p95_ms']} ms; "
            f"week calendar p95 / bare view p95 = {ratio:.2f} (goal <= 3)"
        )
        print(
            f"  alternating rounds ({ROUNDS}), 20 clients: week calendar p95 "
            f"{rounds['week_calendar_20_clients']['p95_ms']} ms, /ok p95 {rounds['bare_view_20_clients']['p95_ms']} ms; "
            f"ratio {rounds['ratio_p95_20_clients']:.2f}",
            flush=True,
        )
        print(
            "  CPU per request in those rounds (server workers + PostgreSQL + clients, ms): "
            f"week calendar {_cpu_words(cpu['many'])}, /ok {_cpu_words(cpu['bare'])}; ratio {rounds['cpu_ratio']:.2f}",
            flush=True,
        )
        raced = race(server.port, seeded, slots)
    finally:
        server.stop()
    if raced["other_statuses"]:  # say what went wrong before the log is deleted with the workdir
        log = (workdir / "server.log").read_text(errors="replace").splitlines()
        print("\n".join(line for line in log if "Error" in line or "error" in line)[-4000:])
    check = project(env, "overlaps", ",".join(map(str, seeded["race_instruments"])))
    print(
        f"  booking race: {raced['created']} created, {raced['conflicts_409']} refused (409), "
        f"other {raced['other_statuses'] or 'none'}; {raced['bookings_per_second']} bookings/s "
        f"({raced['attempts_per_second']} attempts/s), p95 {raced['latency_p95_ms']} ms; "
        f"overlapping pairs stored: {check['overlapping_pairs']}",
        flush=True,
    )
    return {
        "week_calendar_one_client": one,
        "week_calendar_signed_in_one_client": signed_in,
        "week_calendar_20_clients": many,
        "bare_view_20_clients": bare,
        "ratio_p95_20_clients": round(ratio, 2),
        "alternating": rounds,
        "booking_race": raced,
        "after_race": check,
    }


def source_of(ref: str | None) -> tuple[Path | None, str]:
    """The exported tree of `ref` (None: the working tree) and the commit it names."""
    if ref is None:
        return None, "working tree"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", ref], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    return export_source(commit, Path(tempfile.mkdtemp(prefix="bench-platforms-source-"))), commit


def bench(
    database: str,
    bookings: int,
    requests: int,
    slots: int,
    baseline: str | None,
    current: str | None,
    shapes: dict[str, tuple[int, int]],
) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="bench-platforms-"))
    try:
        started = time.perf_counter()
        env = prepare(database, workdir)
        print(f"  migrated in {time.perf_counter() - started:.0f} s", flush=True)
        seeded = project(env, "seed", str(bookings))
        print(f"  stored {seeded['bookings']:,} bookings in {seeded['seconds']:.0f} s", flush=True)
        paths = calendar_paths(seeded, requests, 1)
        queries = project(env, "queries", f"{seeded['instruments'][0]},{paths[0].rsplit('=', 1)[1]}")[
            "queries"
        ]
        print(f"  {queries} queries per week calendar (working tree, first request)")
        result = {"bookings_stored": seeded["bookings"], "store_seconds": seeded["seconds"]}
        variants = {"current": current} if baseline is None else {"baseline": baseline, "current": current}
        for name, ref in variants.items():
            # Exported when its turn comes: `--current BRANCH` measures the branch as it is then.
            source, commit = source_of(ref)
            print(f"  -- {name} ({commit})", flush=True)
            try:
                result[name] = {
                    "commit": commit,
                    "server": dict(zip(("workers", "threads"), shapes[name], strict=True)),
                    **measure(env, seeded, paths, requests, slots, workdir, source, shapes[name]),
                }
            finally:
                if source is not None:
                    shutil.rmtree(source, ignore_errors=True)
        result["week_calendar_queries"] = queries
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if database == "postgresql":
            drop_postgres(PG_NAME)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=300, help="calendar requests of the one-client run")
    parser.add_argument("--slots", type=int, default=60, help="slots each racing client asks for")
    parser.add_argument("--baseline", help="a commit to measure on the same database first (before)")
    parser.add_argument(
        "--current",
        help="a commit to measure as the after variant instead of the working tree (which may change meanwhile)",
    )
    add_server_options(parser)
    parser.add_argument("--out", default="platforms.json", help="file name under bench-results/")
    parser.add_argument("--internal", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.internal:
        internal(*args.internal)
        return 0
    shapes = server_shapes(args)
    report = {"bookings": args.bookings, "baseline": args.baseline, "current": args.current, "databases": {}}
    for database in args.databases.split(","):
        print(f"== {database}", flush=True)
        report["databases"][database] = bench(
            database, args.bookings, args.requests, args.slots, args.baseline, args.current, shapes
        )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / args.out).write_text(json.dumps(report, indent=2))
    print(f"written {out / args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
