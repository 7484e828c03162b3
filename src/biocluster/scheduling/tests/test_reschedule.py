"""Re-scheduling: locked meetings never move; other meetings move only for strictly more."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biocluster.scheduling import parse_instance, schedule_to_json, solve

from . import brute_force_optimum, check_schedule, instances


def _spots(out: dict[str, Any]) -> dict[Any, tuple[Any, Any]]:
    return {a["meeting"]: (a["slot"], a["location"]) for a in out["assignments"]}


def _run(data: dict[str, Any], method: str = "auto") -> dict[str, Any]:
    inst = parse_instance(data)
    return schedule_to_json(inst, solve(inst, time_limit=3, method=method, workers=1))


def _still_fits(data: dict[str, Any], previous: dict[Any, tuple[Any, Any]]) -> dict:
    """Previous placements that are still feasible, taken greedily in order as the scheduler
    does (fixed and locked first, then the rest in previous order)."""
    people = {p["id"]: set(p.get("unavailable", [])) for p in data["participants"]}
    members = {m["id"]: m["participants"] for m in data["meetings"]}
    capacity = {
        loc["id"]: None if loc.get("virtual") else loc.get("capacity", 1) for loc in data["locations"]
    }
    busy: set[tuple[Any, Any]] = set()
    use: dict[tuple[Any, Any], int] = {}
    total_cap = None if None in capacity.values() else sum(capacity.values())
    per_slot: dict[Any, int] = {}
    kept = {}
    first = [f["meeting"] for f in data.get("fixed", [])] + list(data.get("locked", []))
    order = first + [m for m in previous if m not in first]
    for mid in order:
        if mid not in members or mid not in previous:
            continue
        slot, loc = previous[mid]
        if any(slot in people[p] or (p, slot) in busy for p in members[mid]):
            continue
        if total_cap is not None and per_slot.get(slot, 0) >= total_cap:
            continue
        busy |= {(p, slot) for p in members[mid]}
        per_slot[slot] = per_slot.get(slot, 0) + 1
        use[slot, loc] = use.get((slot, loc), 0) + 1
        kept[mid] = (slot, loc)
    return kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_slots=3, max_people=5, max_meetings=5), st.data())
def test_locked_never_move_and_moves_need_strictly_more(data: dict, draw: st.DataObject) -> None:
    first = _run(data)
    placed = [a["meeting"] for a in first["assignments"]]
    changed = copy.deepcopy(data)
    # A change: one new accepted meeting, and maybe a participant less available.
    ids = [p["id"] for p in data["participants"]]
    pair = draw.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
    changed["meetings"].append({"id": "new", "participants": pair, "priority": 3})
    if draw.draw(st.booleans()):
        who = draw.draw(st.sampled_from(changed["participants"]))
        slot = draw.draw(st.sampled_from(data["slots"]))["id"]
        meetings = {m["id"]: m["participants"] for m in data["meetings"]}
        # A fixed meeting is a given of the instance: its participants stay available for it.
        pinned_here = any(
            f["slot"] == slot and who["id"] in meetings[f["meeting"]] for f in data.get("fixed", [])
        )
        if slot not in who["unavailable"] and not pinned_here:
            who["unavailable"].append(slot)
    changed["previous"] = first["assignments"]
    # Lock a random subset of the placed meetings that are still feasible where they are.
    fixed_ids = {f["meeting"] for f in data.get("fixed", [])}
    fits = _still_fits(changed, _spots(first))
    lockable = [m for m in placed if m in fits and m not in fixed_ids]
    changed["locked"] = draw.draw(st.lists(st.sampled_from(lockable), unique=True)) if lockable else []
    again = _run(changed)
    value = check_schedule(changed, again)
    before, after = _spots(first), _spots(again)
    for m in changed["locked"]:
        assert after.get(m) == before[m], f"locked {m!r} moved"
    pinned = {f["meeting"]: (f["slot"], f["location"]) for f in data.get("fixed", [])}
    pinned.update({m: before[m] for m in changed["locked"]})
    # CP-SAT is exact on tiny instances: the optimum with only the locked meetings pinned.
    assert value == brute_force_optimum(changed, pinned)
    moved = [m for m in before if after.get(m) != before[m]]
    assert again["moved"] == len(moved)
    voluntary = [m for m in moved if m in fits]
    if voluntary:
        # Moving meetings that could have stayed must place strictly more than the best
        # schedule that keeps every one of them in place.
        assert value > brute_force_optimum(changed, {**pinned, **fits})


def _one_day(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"s{i}",
            "start": f"2026-06-22T{9 + i // 2:02d}:{30 * (i % 2):02d}:00+02:00",
            "end": f"2026-06-22T{9 + (i + 1) // 2:02d}:{30 * ((i + 1) % 2):02d}:00+02:00",
        }
        for i in range(n)
    ]


def test_insertion_moves_an_unlocked_meeting_only_when_needed() -> None:
    # a-b sits in s0; c is only free in s0, so new meeting a-c needs a-b to move to s1.
    data = {
        "slots": _one_day(2),
        "locations": [{"id": "t", "capacity": 2}],
        "participants": [{"id": "a"}, {"id": "b"}, {"id": "c", "unavailable": ["s1"]}],
        "meetings": [
            {"id": "ab", "participants": ["a", "b"]},
            {"id": "ac", "participants": ["a", "c"], "priority": 2},
        ],
        "previous": [{"meeting": "ab", "slot": "s0", "location": "t"}],
    }
    for method in ("heuristic", "auto"):
        out = _run(data, method)
        assert _spots(out) == {"ab": ("s1", "t"), "ac": ("s0", "t")}
        assert out["moved"] == 1
    data["locked"] = ["ab"]
    for method in ("heuristic", "auto"):
        out = _run(data, method)
        assert _spots(out) == {"ab": ("s0", "t")}
        assert out["unscheduled"] == ["ac"] and out["moved"] == 0


def test_nothing_moves_without_a_gain_and_cancellations_are_counted() -> None:
    data = {
        "slots": _one_day(4),
        "locations": [{"id": "t1"}, {"id": "t2"}],
        "participants": [{"id": p} for p in "abcd"],
        "meetings": [
            {"id": "ab", "participants": ["a", "b"]},
            {"id": "cd", "participants": ["c", "d"]},
            {"id": "ad", "participants": ["a", "d"]},
        ],
        # A scattered previous schedule (idle slots): still, nothing may move for agenda
        # quality alone, and the cancelled meeting "bc" just disappears.
        "previous": [
            {"meeting": "ab", "slot": "s0", "location": "t2"},
            {"meeting": "cd", "slot": "s3", "location": "t1"},
            {"meeting": "bc", "slot": "s1", "location": "t1"},
        ],
    }
    for method in ("heuristic", "auto"):
        out = _run(data, method)
        spots = _spots(out)
        assert spots["ab"] == ("s0", "t2") and spots["cd"] == ("s3", "t1")
        assert "ad" in spots and out["moved"] == 0


def test_availability_change_forces_a_move_that_is_counted() -> None:
    data = {
        "slots": _one_day(3),
        "locations": [{"id": "t"}],
        "participants": [{"id": "a", "unavailable": ["s0"]}, {"id": "b"}],
        "meetings": [{"id": "ab", "participants": ["a", "b"]}],
        "previous": [{"meeting": "ab", "slot": "s0", "location": "t"}],
    }
    out = _run(data)
    assert _spots(out)["ab"][0] in {"s1", "s2"} and out["moved"] == 1
    data["locked"] = ["ab"]
    try:
        parse_instance(data)
    except ValueError as exc:
        assert 'locked[0]: participant "a" is unavailable in that slot' in str(exc)
    else:  # pragma: no cover
        raise AssertionError("a locked meeting that no longer fits must be an error")
