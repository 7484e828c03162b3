"""Inserting one meeting into a published BIO-scale schedule, end to end through the database.

    .venv/bin/python benchmarks/partnering_insert.py [--databases sqlite,postgresql] [--insertions 20]

For each database: a fresh database (migrations), the BIO instance of benchmarks/partnering.py
stored (12,000 participants, 57,000 meetings, 72 slots, 900 tables), placed by the
scheduler's greedy and published. Then, in the same run:

- before: today's path, a scheduler run (services.schedule_now: reading the whole event,
  re-scheduling with every published meeting locked, writing back) for one new meeting;
- after: services.insert_meeting (reading only the new meeting's neighbourhood, writing only
  the changed rows) for `--insertions` new meetings, each between a busy participant and a
  random one: p50/p95 wall time and queries, and which were placed or refused (and why).

Afterwards every participant's placed meetings are checked for double booking and every
slot for its table capacity, in SQL. Results go to bench-results/partnering_insert.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import drop_postgres

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_NAME = "bench_partnering_insert"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


# --------------------------------------------------------------------------- inside the project


def store_bio() -> tuple:
    """The BIO instance stored and published; returns (event, participant pks by instance id)."""
    from datetime import datetime, timedelta
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from django.db import connection, transaction
    from django.utils import timezone

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from partnering import bio

    from biocluster.events.models import Event, Registration
    from biocluster.partnering import services
    from biocluster.partnering.models import (
        Location,
        Meeting,
        PartneringSettings,
        Profile,
        Slot,
        Unavailability,
    )
    from biocluster.scheduling import parse_instance
    from biocluster.scheduling.greedy import greedy
    from biocluster.scheduling.tables import assign_tables

    scale = float(os.environ.get("BENCH_SCALE", "1"))
    data = bio(
        people=round(12_000 * scale), meetings=round(57_000 * scale), tables=max(1, round(900 * scale))
    )
    data.pop("_stats", None)
    tz = "America/Los_Angeles"
    first = timezone.localdate() + timedelta(days=60)
    event = Event.objects.create(
        title_en="BIO bench",
        kind="abroad",
        status="published",
        time_zone=tz,
        starts_at=datetime.combine(first, clock(9), tzinfo=ZoneInfo(tz)),
        ends_at=datetime.combine(first + timedelta(days=3), clock(18), tzinfo=ZoneInfo(tz)),
        has_partnering=True,
        source="synthetic",
    )
    services.configure(
        event=event,
        actor=None,
        first_day=first,
        last_day=first + timedelta(days=3),
        day_starts=clock(9),
        day_ends=clock(18),
        slot_minutes=30,
    )
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    assert len(slots) == len(data["slots"]) == 72
    slot_pk = {s["id"]: slots[i].pk for i, s in enumerate(data["slots"])}
    slot_of_pk = {slot.pk: slot for slot in slots}
    started = time.perf_counter()
    with transaction.atomic():
        locations = Location.objects.bulk_create(
            [Location(event=event, name=loc["id"], capacity=1) for loc in data["locations"]]
        )
        location_pk = {loc.name: loc.pk for loc in locations}
        registrations = Registration.objects.bulk_create(
            [
                Registration(
                    event=event, name=p["id"], email=f"{p['id'].lower()}@bench.invalid", status="confirmed"
                )
                for p in data["participants"]
            ],
            batch_size=2000,
        )
        profiles = Profile.objects.bulk_create(
            [Profile(registration=r, event=event) for r in registrations], batch_size=2000
        )
        person = {p["id"]: profile.pk for p, profile in zip(data["participants"], profiles, strict=True)}
        Unavailability.objects.bulk_create(
            [
                Unavailability(profile_id=person[p["id"]], slot_id=slot_pk[s])
                for p in data["participants"]
                for s in p["unavailable"]
            ],
            batch_size=5000,
        )
        inst = parse_instance(data)
        board = greedy(inst)
        placements = assign_tables(inst, board.slot_of)
        now = timezone.now()
        meetings = []
        for m, meeting in enumerate(data["meetings"]):
            placement = placements.get(m)
            row = Meeting(event=event, priority=meeting["priority"])
            if placement is not None:
                slot = slot_of_pk[slot_pk[inst.slots[placement.slot].id]]
                row.slot_id, row.location_id = slot.pk, location_pk[inst.locations[placement.location].id]
                row.published_at, row.sequence = now, 1
                row.calendar_starts_at, row.calendar_ends_at = slot.starts_at, slot.ends_at
            meetings.append(row)
        meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
        Meeting.participants.through.objects.bulk_create(
            [
                Meeting.participants.through(meeting_id=row.pk, profile_id=person[p])
                for row, meeting in zip(meetings, data["meetings"], strict=True)
                for p in meeting["participants"]
            ],
            batch_size=5000,
        )
        PartneringSettings.objects.filter(event=event).update(is_published=True, published_at=now)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"  stored {len(meetings):,} meetings ({len(placements):,} placed and published) "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return event, person, data


def new_meeting(event, pair: list[int]):
    from biocluster.partnering.models import Meeting

    meeting = Meeting.objects.create(event=event, priority=3)
    meeting.participants.set(pair)
    return meeting


def double_bookings(event) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT mp.profile_id, m.slot_id FROM partnering_meeting_participants mp "
            "JOIN partnering_meeting m ON m.id = mp.meeting_id WHERE m.event_id = %s AND m.status = 'confirmed' "
            "AND m.slot_id IS NOT NULL GROUP BY mp.profile_id, m.slot_id HAVING count(*) > 1) AS clash",
            [event.pk],
        )
        people = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM (SELECT m.slot_id, m.location_id FROM partnering_meeting m "
            "JOIN partnering_location l ON l.id = m.location_id WHERE m.event_id = %s AND m.status = 'confirmed' "
            "AND NOT l.is_virtual GROUP BY m.slot_id, m.location_id, l.capacity HAVING count(*) > l.capacity) AS over",
            [event.pk],
        )
        tables = cursor.fetchone()[0]
    return {"double_booked_participant_slots": people, "tables_over_capacity": tables}


def measure(insertions: int, runs: int) -> dict:
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from biocluster.partnering import services

    event, person, data = store_bio()
    rng = random.Random(7)
    degree: dict[str, int] = {}
    for meeting in data["meetings"]:
        for p in meeting["participants"]:
            degree[p] = degree.get(p, 0) + 1
    busy_people = sorted(degree, key=lambda p: -degree[p])
    ids = [p["id"] for p in data["participants"]]

    def pair() -> list[int]:
        a = busy_people[rng.randrange(50, 500)]
        b = rng.choice(ids)
        while b == a:
            b = rng.choice(ids)
        return [person[a], person[b]]

    out: dict = {}
    # Before: today's path, a whole scheduler run for one new meeting.
    run_s, run_placed = [], 0
    for _ in range(runs):
        meeting = new_meeting(event, pair())
        started = time.perf_counter()
        run = services.schedule_now(event=event, actor=None)
        run_s.append(time.perf_counter() - started)
        meeting.refresh_from_db()
        run_placed += meeting.slot_id is not None
        assert run.status == "done", run.error
    started = time.perf_counter()
    services.build_instance(event)
    out["before_read_instance_s"] = round(time.perf_counter() - started, 2)
    out["before_run_s"] = [round(s, 2) for s in run_s]
    out["before_run_placed"] = f"{run_placed}/{runs}"
    print(
        f"  before (scheduler run for one new meeting): {', '.join(f'{s:.1f} s' for s in run_s)}; "
        f"reading the instance alone {out['before_read_instance_s']} s; placed {run_placed}/{runs}",
        flush=True,
    )
    # After: the delta path.
    wall, queries, refused = [], [], {}
    placed = 0
    for _ in range(insertions):
        meeting = new_meeting(event, pair())
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            try:
                services.insert_meeting(meeting=meeting, actor=None)
                placed += 1
            except ValidationError as error:
                reason = "; ".join(error.messages)
                refused[reason] = refused.get(reason, 0) + 1
            wall.append(time.perf_counter() - started)
        queries.append(len(context.captured_queries))
    out.update(
        {
            "after_insert_p50_s": round(_percentile(wall, 0.5), 3),
            "after_insert_p95_s": round(_percentile(wall, 0.95), 3),
            "after_insert_max_s": round(max(wall), 3),
            "after_queries_p50": _percentile(queries, 0.5),
            "after_queries_max": max(queries),
            "after_placed": f"{placed}/{insertions}",
            "after_refused": refused,
        }
    )
    print(
        f"  after (insert_meeting): p50 {out['after_insert_p50_s'] * 1000:.0f} ms, "
        f"p95 {out['after_insert_p95_s'] * 1000:.0f} ms, max {out['after_insert_max_s'] * 1000:.0f} ms; "
        f"{out['after_queries_p50']} queries (max {out['after_queries_max']}); placed {placed}/{insertions}, "
        f"refused {refused or 'none'}",
        flush=True,
    )
    out["check"] = double_bookings(event)
    print(f"  check: {out['check']}", flush=True)
    return out


def internal(insertions: int, runs: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biocluster.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    django.setup()
    print("RESULT " + json.dumps(measure(insertions, runs)), flush=True)


# --------------------------------------------------------------------------- orchestration


def bench(database: str, insertions: int, runs: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="bench-insert-"))
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "BIOCLUSTER_DATA": str(workdir),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "ERROR",
    }
    try:
        if database == "postgresql":
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", PG_NAME], check=True
            )
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", PG_NAME], check=True)
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "biocluster"), "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT
        )
        print(f"  migrated in {time.perf_counter() - started:.0f} s", flush=True)
        done = subprocess.run(
            [str(BIN / "python"), __file__, "--internal", str(insertions), str(runs)],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in done.stdout.splitlines():
            if not line.startswith("RESULT "):
                print(line, flush=True)
        line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
        return json.loads(line[len("RESULT ") :])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if database == "postgresql":
            drop_postgres(PG_NAME)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--insertions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=2, help="scheduler runs of the 'before' path")
    parser.add_argument("--scale", type=float, default=1.0, help="a share of BIO's size (a quick try)")
    parser.add_argument("--internal", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.internal:
        internal(*args.internal)
        return 0
    os.environ["BENCH_SCALE"] = str(args.scale)
    report = {"scale": args.scale, "load_average_before": os.getloadavg()[0], "databases": {}}
    for database in args.databases.split(","):
        print(f"== {database}", flush=True)
        report["databases"][database] = bench(database, args.insertions, args.runs)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "partnering_insert.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"written {out / 'partnering_insert.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
