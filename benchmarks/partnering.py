"""Benchmark of the partnering-meeting scheduler, with a seeded instance generator.

    .venv/bin/python benchmarks/partnering.py [--only NAME] [--time-limit S] [--write-instances DIR]

Each instance is generated and solved in a fresh subprocess so that its peak memory (maxrss)
is that of one solve and not of the whole benchmark. Prints a table and writes
bench-results/partnering.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from biocluster.scheduling import parse_instance, schedule_to_json, solve  # noqa: E402
from biocluster.scheduling.greedy import fcfs  # noqa: E402
from biocluster.scheduling.quality import metrics  # noqa: E402

TZ = timezone(timedelta(hours=2))  # Central European Summer Time, as at BIO
INSERTIONS = 8  # new meetings inserted one at a time into the published BIO schedule


# --------------------------------------------------------------------------- generator


def make_slots(
    days: int, first: date = date(2026, 6, 22), minutes: int = 30, per_day: int = 18
) -> list[dict]:
    """`per_day` slots of `minutes` from 9:00 on consecutive days (18 x 30 min: 9:00-18:00)."""
    slots = []
    for d in range(days):
        day = first + timedelta(days=d)
        start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)
        for _ in range(per_day):
            end = start + timedelta(minutes=minutes)
            slots.append({"id": f"d{d + 1}-{start:%H%M}", "start": start.isoformat(), "end": end.isoformat()})
            start = end
    return slots


def _priority(rng: random.Random) -> int:
    return rng.choices((1, 2, 3), weights=(5, 3, 2))[0]


def _unavailable(rng: random.Random, slots: list[dict], days: int, per_day: int) -> list[str]:
    """Some participants skip whole days; most block a couple of single slots."""
    out: set[str] = set()
    if days > 1 and rng.random() < 0.35:
        for d in rng.sample(range(days), rng.randint(1, days - 1)):
            out.update(s["id"] for s in slots[d * per_day : (d + 1) * per_day])
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        out.add(rng.choice(slots)["id"])
    return sorted(out)


def convention(seed: int = 1) -> dict[str, Any]:
    """A regional convention: 8 cluster companies meet 25 corporations and 20 investors."""
    rng = random.Random(seed)
    days, per_day = 4, 18
    slots = make_slots(days)
    cluster = [f"cluster{i}" for i in range(1, 9)]
    corps = [f"corp{i}" for i in range(1, 26)]
    investors = [f"inv{i}" for i in range(1, 21)]
    people = cluster + corps + investors
    participants = [{"id": p, "unavailable": _unavailable(rng, slots, days, per_day)} for p in people]
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < 100:
        pairs.add((rng.choice(cluster), rng.choice(corps + investors)))
    meetings = []
    ordered = sorted(pairs)
    rng.shuffle(ordered)
    for i, (a, b) in enumerate(ordered):
        members = [a, b]
        if i % 25 == 0:  # a few three-party meetings (a company with a corporation and investor)
            members.append(rng.choice([p for p in investors if p != b]))
        meetings.append({"id": f"m{i + 1}", "participants": members, "priority": _priority(rng)})
    locations = [{"id": f"table{i}", "capacity": 1} for i in range(1, 4)]
    return {"slots": slots, "locations": locations, "participants": participants, "meetings": meetings}


def random_requests(
    rng: random.Random, n_people: int, n_meetings: int, popularity: float, cap: int
) -> list[tuple[int, int]]:
    """Pairs (requester, target) with Zipf-like target popularity, each person <= cap."""
    weights = [1.0 / (rank + 1) ** popularity for rank in range(n_people)]
    degree = [0] * n_people
    pairs: set[tuple[int, int]] = set()
    out = []
    while len(out) < n_meetings:
        a = rng.randrange(n_people)
        b = rng.choices(range(n_people), weights)[0]
        key = (min(a, b), max(a, b))
        if a == b or key in pairs or degree[a] >= cap or degree[b] >= cap:
            continue
        pairs.add(key)
        degree[a] += 1
        degree[b] += 1
        out.append((a, b))
    return out


def onsite_day(seed: int = 2, people: int = 200, requests: int = 900, tables: int = 15) -> dict:
    """One on-site day: many requests, few tables (18 slots x 15 tables = 270 table-slots)."""
    rng = random.Random(seed)
    slots = make_slots(1)
    participants = [{"id": f"p{i}", "unavailable": _unavailable(rng, slots, 1, 18)} for i in range(people)]
    meetings = [
        {"id": f"m{i}", "participants": [f"p{a}", f"p{b}"], "priority": _priority(rng)}
        for i, (a, b) in enumerate(random_requests(rng, people, requests, 0.6, 18))
    ]
    locations = [{"id": f"t{i}", "capacity": 1} for i in range(tables)]
    return {"slots": slots, "locations": locations, "participants": participants, "meetings": meetings}


def tight(seed: int = 3) -> dict:
    """Two days, 80 participants, 600 requests for 2 x 18 x 8 = 288 table-slots, one table of
    capacity 2, and a few fixed meetings (keynote pairings)."""
    rng = random.Random(seed)
    slots = make_slots(2)
    people = 80
    participants = [{"id": f"p{i}", "unavailable": _unavailable(rng, slots, 2, 18)} for i in range(people)]
    pairs = random_requests(rng, people, 600, 0.5, 30)
    meetings = [
        {"id": f"m{i}", "participants": [f"p{a}", f"p{b}"], "priority": _priority(rng)}
        for i, (a, b) in enumerate(pairs)
    ]
    locations = [{"id": f"t{i}", "capacity": 1} for i in range(7)] + [{"id": "lounge", "capacity": 2}]
    inst = {"slots": slots, "locations": locations, "participants": participants, "meetings": meetings}
    busy = {p["id"]: set(p["unavailable"]) for p in participants}
    fixed = []
    for meeting in meetings[:40]:
        if len(fixed) == 4:
            break
        slot = slots[len(fixed) * 5]["id"]
        if all(slot not in busy[p] for p in meeting["participants"]):
            fixed.append({"meeting": meeting["id"], "slot": slot, "location": "lounge"})
            for p in meeting["participants"]:
                busy[p].add(slot)
    inst["fixed"] = fixed
    return inst


def bio(seed: int = 4, people: int = 12_000, meetings: int = 57_000, tables: int = 900) -> dict:
    """BIO scale: 4 days x 18 slots, ~900 tables, 57,000 accepted meetings.

    Requests go to targets with Zipf-like popularity, so popular participants receive
    hundreds; each accepts only while it has room in its own agenda (up to its available
    slots minus a margin), except for a few over-demanded ones who accepted too many.
    """
    rng = random.Random(seed)
    days, per_day = 4, 18
    slots = make_slots(days)
    unavailable = [_unavailable(rng, slots, days, per_day) for _ in range(people)]
    free = [len(slots) - len(u) for u in unavailable]
    order = list(range(people))
    rng.shuffle(order)  # popularity rank is unrelated to id
    over = set(rng.sample(order[:60], 12))  # among the most popular, some accept too many
    cap = [
        f + rng.randint(5, 25) if i in over else max(1, f - rng.randint(2, 10)) for i, f in enumerate(free)
    ]
    index = {s["id"]: i for i, s in enumerate(slots)}
    avail = [set(range(len(slots))) - {index[s] for s in blocked} for blocked in unavailable]
    weights = [0.0] * people
    for rank, person in enumerate(order):
        weights[person] = 1.0 / (rank + 1) ** 0.75
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    degree = [0] * people
    received = [0] * people
    pairs: set[tuple[int, int]] = set()
    accepted: list[tuple[int, ...]] = []
    requests = 0
    while len(accepted) < meetings:
        a = rng.randrange(people)
        b = rng.choices(range(people), cum_weights=cum)[0]
        if a == b or (min(a, b), max(a, b)) in pairs or avail[a].isdisjoint(avail[b]):
            continue  # nobody requests a meeting with someone who is not there that day
        requests += 1
        received[b] += 1
        if degree[a] >= cap[a] or degree[b] >= cap[b]:
            continue  # declined: no room in an agenda
        pairs.add((min(a, b), max(a, b)))
        group = (a, b)
        if rng.random() < 0.01:  # a colleague joins
            c = rng.randrange(people)
            if c not in group and degree[c] < cap[c]:
                group = (a, b, c)
        for p in group:
            degree[p] += 1
        accepted.append(group)
    inst = {
        "slots": slots,
        "locations": [{"id": f"T{i:03d}", "capacity": 1} for i in range(tables)],
        "participants": [{"id": f"P{i:05d}", "unavailable": unavailable[i]} for i in range(people)],
        "meetings": [
            {
                "id": f"M{i:05d}",
                "participants": [f"P{p:05d}" for p in group],
                "priority": _priority(rng),
            }
            for i, group in enumerate(accepted)
        ],
    }
    inst["_stats"] = {
        "requests": requests,
        "max_requests_received": max(received),
        "participants_over_100_requests": sum(1 for r in received if r >= 100),
        "max_degree": max(degree),
        "over_demanded": sum(1 for p in range(people) if degree[p] > free[p]),
    }
    return inst


def held_like(
    seed: int = 5,
    people: int = 850,
    meetings: int = 6_873,
    days: int = 2,
    per_day: int = 12,
    tables: int = 60,
    away_share: float = 0.1,
) -> dict:
    """Shaped like the instances held back in issue 11 (on which the old bound was below the
    optimum): participants of three kinds (start-ups, corporations, investors) who meet
    across kinds, priorities 1-3, about 1 % three-party meetings, 15 % of each participant's
    slots unavailable, some participants away a whole day, far more requests than tables."""
    rng = random.Random(seed)
    slots = make_slots(days, per_day=per_day, minutes=40)
    kinds = ["startup", "corporation", "investor"]
    kind_of = [rng.choices(kinds, weights=(5, 3, 2))[0] for _ in range(people)]
    participants = []
    for i in range(people):
        blocked = set(rng.sample(range(len(slots)), round(0.15 * len(slots))))
        if days > 1 and rng.random() < away_share:
            d = rng.randrange(days)
            blocked.update(range(d * per_day, (d + 1) * per_day))
        participants.append(
            {"id": f"{kind_of[i]}{i}", "unavailable": [slots[s]["id"] for s in sorted(blocked)]}
        )
    ids = [p["id"] for p in participants]
    weights = [1.0 / (rank + 1) ** 0.5 for rank in range(people)]
    rng.shuffle(weights)
    pairs: set[tuple[int, int]] = set()
    out = []
    while len(out) < meetings:
        a = rng.randrange(people)
        b = rng.choices(range(people), weights)[0]
        if a == b or kind_of[a] == kind_of[b] or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        group = [ids[a], ids[b]]
        if rng.random() < 0.01:
            c = rng.randrange(people)
            if ids[c] not in group:
                group.append(ids[c])
        out.append({"id": f"m{len(out)}", "participants": group, "priority": _priority(rng)})
    locations = [{"id": f"t{i}", "capacity": 1} for i in range(tables)]
    return {"slots": slots, "locations": locations, "participants": participants, "meetings": out}


def held_day(seed: int = 6) -> dict:
    """The smaller held-back shape: 200 participants, 886 meetings, 1 day x 14 slots, 30 tables."""
    return held_like(seed, people=200, meetings=886, days=1, per_day=14, tables=30)


GENERATORS = {
    "convention": convention,
    "onsite": onsite_day,
    "tight": tight,
    "held850": held_like,
    "held200": held_day,
    "bio": bio,
}


# --------------------------------------------------------------------------- one run


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


def _insertion_times(
    inst_json: dict, schedule: dict, time_limit: float, n: int = INSERTIONS
) -> dict[str, Any]:
    """Publish the schedule, add one accepted meeting, and time the re-schedule; n times
    each with every meeting locked and with none locked, each time a different new meeting
    (the published schedule stays the same). Reports p50/p95 of solving and of parsing."""
    out: dict[str, Any] = {}
    rng = random.Random(7)
    placed = {a["meeting"] for a in schedule["assignments"]}
    # A new request between a mid-popularity participant and a random one.
    by_degree: dict[Any, int] = {}
    for meeting in inst_json["meetings"]:
        for p in meeting["participants"]:
            by_degree[p] = by_degree.get(p, 0) + 1
    busy_people = sorted(by_degree, key=lambda p: -by_degree[p])
    for label, locked in (("insert_locked", True), ("insert_unlocked", False)):
        solve_s, cpu_s, parse_s, placed_new, moved = [], [], [], 0, []
        for _ in range(n):
            a = busy_people[rng.randrange(50, 500)]
            b = rng.choice(inst_json["participants"])["id"]
            changed = dict(inst_json)
            changed["meetings"] = [
                *inst_json["meetings"],
                {"id": "NEW", "participants": [a, b], "priority": 3},
            ]
            changed["previous"] = schedule["assignments"]
            changed["locked"] = sorted(placed) if locked else []
            parse_started = time.perf_counter()
            inst = parse_instance(changed)
            parse_s.append(time.perf_counter() - parse_started)
            started, cpu_started = time.perf_counter(), time.process_time()
            result = solve(inst, time_limit=time_limit)
            solve_s.append(time.perf_counter() - started)
            cpu_s.append(time.process_time() - cpu_started)
            assert result.upper_bound >= result.objective
            placed_new += any(inst.meetings[m].id == "NEW" for m in result.placements)
            moved.append(result.moved or 0)
        out[f"{label}_s"] = round(_percentile(solve_s, 0.5), 3)
        out[f"{label}_p95_s"] = round(_percentile(solve_s, 0.95), 3)
        # CPU seconds as well: on a loaded machine the wall-clock time mostly measures the load.
        out[f"{label}_cpu_s"] = round(_percentile(cpu_s, 0.5), 3)
        out[f"{label}_cpu_p95_s"] = round(_percentile(cpu_s, 0.95), 3)
        out[f"{label}_parse_s"] = round(_percentile(parse_s, 0.5), 3)
        out[f"{label}_parse_p95_s"] = round(_percentile(parse_s, 0.95), 3)
        out[f"{label}_placed_new"] = f"{placed_new}/{n}"
        out[f"{label}_moved"] = max(moved)
    return out


def run_one(name: str, time_limit: float, write_dir: Path | None) -> dict[str, Any]:
    data = GENERATORS[name]()
    stats = data.pop("_stats", {})
    if write_dir is not None:
        write_dir.mkdir(parents=True, exist_ok=True)
        (write_dir / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    rss_before = _maxrss_mb()
    inst = parse_instance(data)
    cpu_started = time.process_time()
    schedule = solve(inst, time_limit=time_limit)
    cpu_seconds = time.process_time() - cpu_started
    rss_after = _maxrss_mb()
    base_started = time.perf_counter()
    baseline = fcfs(inst)
    base_seconds = time.perf_counter() - base_started
    base_quality = metrics(inst, baseline.slot_of)
    q = schedule.quality
    row: dict[str, Any] = {
        "instance": name,
        "participants": len(inst.participants),
        "meetings": len(inst.meetings),
        "slots": inst.n_slots,
        "table_slots": (inst.capacity or 0) * inst.n_slots,
        "method": schedule.method,
        "objective": schedule.objective,
        "upper_bound": schedule.upper_bound,
        "percent_of_bound": round(100.0 * schedule.objective / schedule.upper_bound, 3),
        "fcfs_objective": baseline.score,
        "vs_fcfs_percent": round(100.0 * (schedule.objective / baseline.score - 1), 2),
        "placed": q["placed_meetings"],
        "fcfs_placed": base_quality["placed_meetings"],
        "idle_mean": q["idle_mean"],
        "idle_p95": q["idle_p95"],
        "fcfs_idle_mean": base_quality["idle_mean"],
        "fcfs_idle_p95": base_quality["idle_p95"],
        "starved": q["starved"],
        "fcfs_starved": base_quality["starved"],
        "min_fraction_placed": q["min_fraction_placed"],
        "mean_fraction_placed": q["mean_fraction_placed"],
        "seconds": round(schedule.seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "time_limit": time_limit,
        "idle_max": q["idle_max"],
        "fcfs_idle_max": base_quality["idle_max"],
        "fcfs_seconds": round(base_seconds, 2),
        "peak_rss_mb": round(rss_after, 1),
        "rss_delta_solve_mb": round(rss_after - rss_before, 1),
        "generator": stats,
    }
    if name == "bio":
        row.update(_insertion_times(data, schedule_to_json(inst, schedule), time_limit))
    return row


# --------------------------------------------------------------------------- driver


COLUMNS = [
    ("instance", "instance", "{}"),
    ("meetings", "meetings", "{}"),
    ("objective", "placed prio", "{}"),
    ("upper_bound", "bound", "{}"),
    ("percent_of_bound", "% bound", "{:.2f}"),
    ("fcfs_objective", "FCFS prio", "{}"),
    ("vs_fcfs_percent", "vs FCFS %", "{:+.1f}"),
    ("idle_mean", "idle mean", "{:.2f}"),
    ("idle_p95", "idle p95", "{:.0f}"),
    ("starved", "starved", "{}"),
    ("min_fraction_placed", "min frac", "{:.2f}"),
    ("seconds", "seconds", "{:.1f}"),
    ("cpu_seconds", "cpu s", "{:.1f}"),
    ("peak_rss_mb", "peak MB", "{:.0f}"),
]


def print_table(rows: list[dict[str, Any]]) -> None:
    cells = [[label for _, label, _ in COLUMNS]]
    for row in rows:
        cells.append([fmt.format(row[key]) for key, _, fmt in COLUMNS])
    widths = [max(len(r[i]) for r in cells) for i in range(len(COLUMNS))]
    for i, r in enumerate(cells):
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for row in rows:
        if "insert_locked_s" in row:
            for label in ("locked", "unlocked"):
                key = f"insert_{label}"
                print(
                    f"{row['instance']}: insert one meeting ({label}), {INSERTIONS} times: "
                    f"solve p50 {row[key + '_s']:.3f} s, p95 {row[key + '_p95_s']:.3f} s "
                    f"(CPU p50 {row[key + '_cpu_s']:.3f} s, p95 {row[key + '_cpu_p95_s']:.3f} s); "
                    f"parse p50 {row[key + '_parse_s']:.2f} s, p95 {row[key + '_parse_p95_s']:.2f} s; "
                    f"new placed {row[key + '_placed_new']}, moved at most {row[key + '_moved']}"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(GENERATORS), action="append")
    parser.add_argument("--time-limit", type=float, default=50.0)
    parser.add_argument("--write-instances", type=Path, default=None)
    parser.add_argument(
        "--busy-core", action="store_true", help="keep one core busy with a spinning process meanwhile"
    )
    parser.add_argument("--worker", choices=sorted(GENERATORS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        row = run_one(args.worker, args.time_limit, args.write_instances)
        print(json.dumps(row))
        return 0
    spinner = None
    if args.busy_core:  # what the machine looks like when another job runs on the other core
        spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        rows = _run_all(args)
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
    if rows is None:
        return 1
    print_table(rows)
    out = ROOT / "bench-results" / "partnering.json"
    out.parent.mkdir(exist_ok=True)
    meta = {"time_limit": args.time_limit, "busy_core": args.busy_core, "cpus": os.cpu_count()}
    out.write_text(json.dumps({**meta, "results": rows}, indent=1) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


def _run_all(args: argparse.Namespace) -> list[dict[str, Any]] | None:
    rows = []
    for name in args.only or list(GENERATORS):
        cmd = [sys.executable, __file__, "--worker", name, "--time-limit", str(args.time_limit)]
        if args.write_instances is not None:
            cmd += ["--write-instances", str(args.write_instances)]
        load = os.getloadavg()[0]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return None
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["load_average_before"] = round(load, 2)
        rows.append(row)
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
