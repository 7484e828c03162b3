"""Tests of the partnering scheduler, plus the helpers they share.

The feasibility checker and the brute-force optimum below work on the JSON documents only and
share no code with the scheduler, so they check it independently.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import strategies as st


def check_schedule(inst: dict[str, Any], out: dict[str, Any]) -> int:
    """Assert that `out` is a feasible schedule of `inst`; return its total priority."""
    slots = {s["id"] for s in inst["slots"]}
    locations = {loc["id"]: loc for loc in inst["locations"]}
    people = {p["id"]: set(p.get("unavailable", [])) for p in inst["participants"]}
    meetings = {m["id"]: m for m in inst["meetings"]}
    seen: set[Any] = set()
    person_slot: set[tuple[Any, Any]] = set()
    table_use: Counter[tuple[Any, Any]] = Counter()
    total = 0
    for a in out["assignments"]:
        mid, sid, lid = a["meeting"], a["slot"], a["location"]
        assert mid in meetings and sid in slots and lid in locations, a
        assert mid not in seen, f"meeting {mid!r} placed twice"
        seen.add(mid)
        for p in meetings[mid]["participants"]:
            assert sid not in people[p], f"{p!r} unavailable in {sid!r}"
            assert (p, sid) not in person_slot, f"{p!r} double-booked in {sid!r}"
            person_slot.add((p, sid))
        table_use[lid, sid] += 1
        loc = locations[lid]
        if not loc.get("virtual", False):
            assert table_use[lid, sid] <= loc.get("capacity", 1), f"{lid!r} full in {sid!r}"
        total += meetings[mid].get("priority", 1)
    placed = {a["meeting"]: (a["slot"], a["location"]) for a in out["assignments"]}
    for f in inst.get("fixed", []):
        assert placed.get(f["meeting"]) == (f["slot"], f["location"]), f"fixed {f} not kept"
    assert sorted(map(repr, out["unscheduled"])) == sorted(repr(m) for m in meetings if m not in seen)
    assert out["objective"] == total
    assert out["upper_bound"] >= total
    return total


def brute_force_optimum(inst: dict[str, Any], pinned: dict[Any, tuple[Any, Any]]) -> int:
    """Best total priority over all schedules (by exhaustive search) with `pinned` meetings
    forced to their (slot, location)."""
    slots = [s["id"] for s in inst["slots"]]
    locations = inst["locations"]
    spots = [(s, loc["id"]) for s in slots for loc in locations]
    capacity = {loc["id"]: None if loc.get("virtual") else loc.get("capacity", 1) for loc in locations}
    people = {p["id"]: set(p.get("unavailable", [])) for p in inst["participants"]}
    meetings = inst["meetings"]
    best = -1

    def ok(m: dict[str, Any], spot: tuple[Any, Any], busy: set, use: Counter) -> bool:
        s, loc = spot
        if any(s in people[p] or (p, s) in busy for p in m["participants"]):
            return False
        return capacity[loc] is None or use[spot] < capacity[loc]

    def search(i: int, busy: set, use: Counter, value: int) -> None:
        nonlocal best
        if value + sum(m.get("priority", 1) for m in meetings[i:]) <= best:
            return
        if i == len(meetings):
            best = max(best, value)
            return
        m = meetings[i]
        options = [pinned[m["id"]]] if m["id"] in pinned else spots
        for spot in options:
            if ok(m, spot, busy, use):
                added = {(p, spot[0]) for p in m["participants"]}
                use[spot] += 1
                search(i + 1, busy | added, use, value + m.get("priority", 1))
                use[spot] -= 1
        if m["id"] not in pinned:
            search(i + 1, busy, use, value)

    search(0, set(), Counter(), 0)
    return best


SLOT_TIMES = [
    ("2026-06-22T09:00:00+02:00", "2026-06-22T09:30:00+02:00"),
    ("2026-06-22T09:30:00+02:00", "2026-06-22T10:00:00+02:00"),
    ("2026-06-22T10:00:00+02:00", "2026-06-22T10:30:00+02:00"),
    ("2026-06-23T09:00:00+02:00", "2026-06-23T09:30:00+02:00"),
    ("2026-06-23T09:30:00+02:00", "2026-06-23T10:00:00+02:00"),
]


@st.composite
def instances(
    draw: st.DrawFn, max_slots: int = 3, max_people: int = 5, max_meetings: int = 5
) -> dict[str, Any]:
    """Small random instances, with int and str ids, groups, virtual rooms and a fixed one."""
    n_slots = draw(st.integers(1, max_slots))
    slots = [{"id": f"s{i}", "start": a, "end": b} for i, (a, b) in enumerate(SLOT_TIMES[:n_slots])]
    n_loc = draw(st.integers(1, 2))
    locations = [
        {
            "id": i,
            "capacity": draw(st.integers(1, 2)),
            "virtual": draw(st.booleans()) if i == 1 else False,
        }
        for i in range(n_loc)
    ]
    n_people = draw(st.integers(2, max_people))
    ids = [f"p{i}" for i in range(n_people)]
    participants = [
        {
            "id": p,
            "unavailable": draw(
                st.lists(st.sampled_from([s["id"] for s in slots]), unique=True, max_size=n_slots)
            ),
        }
        for p in ids
    ]
    n_meetings = draw(st.integers(1, max_meetings))
    meetings = []
    for i in range(n_meetings):
        size = draw(st.integers(2, min(3, n_people)))
        members = draw(st.lists(st.sampled_from(ids), min_size=size, max_size=size, unique=True))
        meetings.append({"id": f"m{i}", "participants": members, "priority": draw(st.integers(1, 3))})
    inst: dict[str, Any] = {
        "slots": slots,
        "locations": locations,
        "participants": participants,
        "meetings": meetings,
    }
    if draw(st.booleans()):
        m = meetings[0]
        slot = draw(st.sampled_from(slots))["id"]
        unavailable = {p["id"]: set(p["unavailable"]) for p in participants}
        if all(slot not in unavailable[p] for p in m["participants"]):
            inst["fixed"] = [{"meeting": m["id"], "slot": slot, "location": 0}]
    return inst
