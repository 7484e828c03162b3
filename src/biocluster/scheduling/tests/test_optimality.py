"""Small instances against a brute-force optimum; properties of every schedule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biocluster.scheduling import parse_instance, schedule_to_json, solve
from biocluster.scheduling.bound import upper_bound

from . import brute_force_optimum, check_schedule, instances

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pinned(inst: dict) -> dict:
    return {f["meeting"]: (f["slot"], f["location"]) for f in inst.get("fixed", [])}


@SETTINGS
@given(instances())
def test_cpsat_reaches_the_brute_force_optimum(data: dict) -> None:
    inst = parse_instance(data)
    schedule = solve(inst, time_limit=5, method="cpsat", workers=1)
    out = schedule_to_json(inst, schedule)
    value = check_schedule(data, out)
    best = brute_force_optimum(data, _pinned(data))
    assert value == best
    assert out["upper_bound"] >= best
    assert out["optimal"] == (out["upper_bound"] == value)


@SETTINGS
@given(instances())
def test_heuristic_is_feasible_and_its_bound_valid(data: dict) -> None:
    inst = parse_instance(data)
    out = schedule_to_json(inst, solve(inst, time_limit=5, method="heuristic"))
    check_schedule(data, out)
    assert out["upper_bound"] >= brute_force_optimum(data, _pinned(data))


@SETTINGS
@given(instances(), st.booleans())
def test_lp_and_descent_bounds_are_valid(data: dict, use_lp: bool) -> None:
    inst = parse_instance(data)
    assert upper_bound(inst, use_lp=use_lp) >= brute_force_optimum(data, _pinned(data))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_slots=5, max_people=9, max_meetings=18))
def test_larger_schedules_are_feasible_on_every_path(data: dict) -> None:
    inst = parse_instance(data)
    for method in ("heuristic", "auto"):
        out = schedule_to_json(inst, solve(inst, time_limit=2, method=method, workers=1))
        check_schedule(data, out)


def test_tables_are_scarce_and_priority_wins() -> None:
    slot = {"id": "s", "start": "2026-06-22T09:00+02:00", "end": "2026-06-22T09:30+02:00"}
    data = {
        "slots": [slot],
        "locations": [{"id": "t"}],
        "participants": [{"id": p} for p in "abcd"],
        "meetings": [
            {"id": "low", "participants": ["a", "b"], "priority": 1},
            {"id": "high", "participants": ["c", "d"], "priority": 3},
        ],
    }
    inst = parse_instance(data)
    for method in ("heuristic", "cpsat"):
        out = schedule_to_json(inst, solve(inst, time_limit=2, method=method, workers=1))
        assert out["assignments"] == [{"meeting": "high", "slot": "s", "location": "t"}]
        assert out["unscheduled"] == ["low"]
        assert out["objective"] == out["upper_bound"] == 3


def test_virtual_location_takes_the_overflow_and_ids_keep_their_type() -> None:
    slot = {"id": 1, "start": "2026-06-22T09:00+02:00", "end": "2026-06-22T09:30+02:00"}
    data = {
        "slots": [slot],
        "locations": [{"id": 10}, {"id": "online", "virtual": True}],
        "participants": [{"id": p} for p in range(6)],
        "meetings": [{"id": i, "participants": [2 * i, 2 * i + 1]} for i in range(3)],
    }
    inst = parse_instance(data)
    out = schedule_to_json(inst, solve(inst, time_limit=2, workers=1))
    check_schedule(data, out)
    assert out["objective"] == 3
    assert sorted(a["location"] for a in out["assignments"] if a["location"] == 10) == [10]
    assert all(isinstance(a["meeting"], int) and a["slot"] == 1 for a in out["assignments"])


def test_group_meeting_blocks_all_its_participants() -> None:
    slots = [
        {"id": "a", "start": "2026-06-22T09:00+02:00", "end": "2026-06-22T09:30+02:00"},
        {"id": "b", "start": "2026-06-22T09:30+02:00", "end": "2026-06-22T10:00+02:00"},
    ]
    data = {
        "slots": slots,
        "locations": [{"id": "t", "capacity": 3}],
        "participants": [{"id": "x"}, {"id": "y"}, {"id": "z", "unavailable": ["b"]}],
        "meetings": [
            {"id": "group", "participants": ["x", "y", "z"], "priority": 2},
            {"id": "xy", "participants": ["x", "y"]},
            {"id": "yz", "participants": ["y", "z"], "priority": 3},
        ],
    }
    inst = parse_instance(data)
    for method in ("heuristic", "cpsat"):
        out = schedule_to_json(inst, solve(inst, time_limit=2, method=method, workers=1))
        assert check_schedule(data, out) == brute_force_optimum(data, {}) == 4
