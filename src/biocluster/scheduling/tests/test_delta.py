"""Inserting one meeting from its neighbourhood (delta.py): the result, applied to the whole
schedule, passes the independent check; nobody is ever double-booked; an impossible
insertion names its reason."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biocluster.scheduling import parse_instance, schedule_to_json, solve
from biocluster.scheduling.delta import BUSY, NO_TABLE, UNAVAILABLE, Neighbourhood, NoRoom, check, insert_one

from . import check_schedule


def _instance(rng: random.Random, people: int, meetings: int, tables: int, days: int = 2) -> dict[str, Any]:
    slots = []
    for d in range(days):
        for i in range(6):
            slots.append(
                {
                    "id": f"d{d}s{i}",
                    "start": f"2026-06-{22 + d}T{9 + i:02d}:00:00+02:00",
                    "end": f"2026-06-{22 + d}T{10 + i:02d}:00:00+02:00",
                }
            )
    ids = [s["id"] for s in slots]
    participants = [
        {"id": f"p{i}", "unavailable": rng.sample(ids, rng.choice((0, 1, 2, 4)))} for i in range(people)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < meetings:
        a, b = rng.randrange(people), rng.randrange(people)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    return {
        "slots": slots,
        "locations": [{"id": f"t{i}", "capacity": 1} for i in range(tables)],
        "participants": participants,
        "meetings": [
            {"id": f"m{i}", "participants": [f"p{a}", f"p{b}"], "priority": rng.choice((1, 2, 3))}
            for i, (a, b) in enumerate(sorted(pairs))
        ],
    }


def neighbourhood(
    data: dict[str, Any], assignments: list[dict[str, Any]], people: list[str], movable: set[str]
) -> Neighbourhood:
    """What the database layer reads, taken here from a whole instance and its schedule."""
    index = {s["id"]: i for i, s in enumerate(data["slots"])}
    days: dict[str, int] = {}
    for i, s in enumerate(data["slots"]):
        days[s["start"][:10]] = days.get(s["start"][:10], 0) | 1 << i
    full = (1 << len(data["slots"])) - 1
    avail = {}
    for p in data["participants"]:
        mask = full
        for s in p["unavailable"]:
            mask &= ~(1 << index[s])
        avail[p["id"]] = mask
    members = {m["id"]: tuple(m["participants"]) for m in data["meetings"]}
    busy: dict[str, dict[int, str]] = {}
    used = [0] * len(data["slots"])
    for a in assignments:
        used[index[a["slot"]]] += 1
        for p in members[a["meeting"]]:
            busy.setdefault(p, {})[index[a["slot"]]] = a["meeting"]
    capacity = sum(loc["capacity"] for loc in data["locations"])
    return Neighbourhood(
        day_masks=list(days.values()),
        people=tuple(people),
        avail=avail,
        busy=busy,
        room=[capacity - n for n in used],
        movable={m: members[m] for m in movable},
    )


def apply(
    data: dict[str, Any], assignments: list[dict[str, Any]], new: dict[str, Any], result
) -> dict[str, Any]:
    """The whole schedule after the insertion, tables picked as the database layer does."""
    slots = [s["id"] for s in data["slots"]]
    tables = [loc["id"] for loc in data["locations"]]
    where = {a["meeting"]: a["slot"] for a in assignments}
    for m, s in result.moves.items():
        where[m] = slots[s]
    where[new["id"]] = slots[result.slot]
    out, used = [], {}
    for m, s in where.items():
        n = used.get(s, 0)
        used[s] = n + 1
        out.append({"meeting": m, "slot": s, "location": tables[n]})
    total = {m["id"]: m["priority"] for m in [*data["meetings"], new]}
    objective = sum(total[a["meeting"]] for a in out)
    return {
        "assignments": out,
        "unscheduled": [m for m in total if m not in where],
        "objective": objective,
        "upper_bound": objective,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), tables=st.integers(1, 6), movable=st.booleans())
def test_a_delta_insertion_passes_the_independent_check_or_says_why(seed, tables, movable):
    rng = random.Random(seed)
    data = _instance(rng, people=8, meetings=20, tables=tables)
    inst = parse_instance(data)
    stored = schedule_to_json(inst, solve(inst, time_limit=2, method="heuristic"))
    placed = [a["meeting"] for a in stored["assignments"]]
    a, b = rng.sample([p["id"] for p in data["participants"]], 2)
    new = {"id": "new", "participants": [a, b], "priority": 3}
    nb = neighbourhood(data, stored["assignments"], [a, b], set(placed) if movable else set())
    try:
        result = insert_one(nb)
    except NoRoom as verdict:
        assert verdict.reason in (UNAVAILABLE, BUSY, NO_TABLE)
        return
    assert check(nb, result) == []
    assert len(result.moves) <= 2
    assert movable or not result.moves
    after = apply(data, stored["assignments"], new, result)
    check_schedule({**data, "meetings": [*data["meetings"], new]}, after)


def _two_slots(unavailable_b=(), tables=1) -> dict[str, Any]:
    return {
        "slots": [
            {"id": "s0", "start": "2026-06-22T09:00:00+02:00", "end": "2026-06-22T09:30:00+02:00"},
            {"id": "s1", "start": "2026-06-22T09:30:00+02:00", "end": "2026-06-22T10:00:00+02:00"},
        ],
        "locations": [{"id": f"t{i}", "capacity": 1} for i in range(tables)],
        "participants": [
            {"id": "a", "unavailable": []},
            {"id": "b", "unavailable": list(unavailable_b)},
            {"id": "c", "unavailable": []},
            {"id": "d", "unavailable": []},
        ],
        "meetings": [
            {"id": "ac", "participants": ["a", "c"], "priority": 1},
            {"id": "cd", "participants": ["c", "d"], "priority": 1},
        ],
    }


def test_never_available_together_is_said():
    data = _two_slots(unavailable_b=["s0", "s1"])
    nb = neighbourhood(data, [], ["a", "b"], set())
    with pytest.raises(NoRoom) as verdict:
        insert_one(nb)
    assert verdict.value.reason == UNAVAILABLE


def test_a_participant_busy_whenever_both_are_available_is_said_and_nobody_double_booked():
    data = _two_slots(unavailable_b=["s1"], tables=2)
    stored = [{"meeting": "ac", "slot": "s0", "location": "t0"}]
    with pytest.raises(NoRoom) as verdict:
        insert_one(neighbourhood(data, stored, ["a", "b"], set()))  # ac is published
    assert verdict.value.reason == BUSY
    # Unpublished, ac moves to s1 and the new meeting takes s0.
    nb = neighbourhood(data, stored, ["a", "b"], {"ac"})
    result = insert_one(nb)
    assert (result.slot, result.moves) == (0, {"ac": 1})
    assert check(nb, result) == []


def test_no_table_left_is_said():
    data = _two_slots(tables=1)
    data["meetings"] = [
        {"id": "cd", "participants": ["c", "d"], "priority": 1},
        {"id": "x", "participants": ["c", "d"], "priority": 1},
    ]
    stored = [
        {"meeting": "cd", "slot": "s0", "location": "t0"},
        {"meeting": "x", "slot": "s1", "location": "t0"},
    ]
    with pytest.raises(NoRoom) as verdict:
        insert_one(neighbourhood(data, stored, ["a", "b"], set()))
    assert verdict.value.reason == NO_TABLE


def test_check_finds_a_double_booking():
    data = _two_slots(tables=2)
    stored = [{"meeting": "ac", "slot": "s0", "location": "t0"}]
    nb = neighbourhood(data, stored, ["a", "b"], set())
    from biocluster.scheduling.delta import Insertion

    assert check(nb, Insertion(0)) == ["'a' would be in 'ac' and 'new' in slot 0"]
    assert check(nb, Insertion(1)) == []
