"""Agenda polishing (anneal.py), deadlines and the early stop at the bound."""

from __future__ import annotations

import random
import time
from typing import Any

from hypothesis import HealthCheck, given, settings

from biocluster.scheduling import parse_instance, schedule_to_json, solve
from biocluster.scheduling.anneal import anneal, board_cost
from biocluster.scheduling.model import Schedule
from biocluster.scheduling.quality import metrics
from biocluster.scheduling.solver import heuristic
from biocluster.scheduling.tables import assign_tables

from . import check_schedule, instances


def _one_day(n: int, day: int = 22) -> list[dict[str, Any]]:
    return [
        {
            "id": f"d{day}-{i}",
            "start": f"2026-06-{day}T{9 + i // 2:02d}:{30 * (i % 2):02d}:00+02:00",
            "end": f"2026-06-{day}T{9 + (i + 1) // 2:02d}:{30 * ((i + 1) % 2):02d}:00+02:00",
        }
        for i in range(n)
    ]


def random_instance(seed: int, people: int, meetings: int, tables: int, days: int = 2) -> dict[str, Any]:
    """Random pairs over `days` days of 18 slots, with some unavailable slots and fixed ids."""
    rng = random.Random(seed)
    slots = [s for d in range(days) for s in _one_day(18, 22 + d)]
    participants = [
        {"id": f"p{i}", "unavailable": rng.sample([s["id"] for s in slots], rng.choice((0, 0, 1, 3)))}
        for i in range(people)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < meetings:
        a, b = rng.sample(range(people), 2)
        pairs.add((min(a, b), max(a, b)))
    return {
        "slots": slots,
        "locations": [{"id": f"t{i}"} for i in range(tables)],
        "participants": participants,
        "meetings": [
            {"id": f"m{i}", "participants": [f"p{a}", f"p{b}"], "priority": rng.choice((1, 1, 2, 3))}
            for i, (a, b) in enumerate(sorted(pairs))
        ],
    }


def _as_json(inst, board) -> dict[str, Any]:
    schedule = Schedule(
        placements=assign_tables(inst, board.slot_of), objective=board.score, upper_bound=10**9
    )
    return schedule_to_json(inst, schedule)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_slots=5, max_people=9, max_meetings=18))
def test_annealing_keeps_every_meeting_and_never_worsens_idle(data: dict) -> None:
    inst = parse_instance(data)
    board = heuristic(inst)
    placed, score = board.placed(), board.score
    cost, idle = board_cost(board)
    served = metrics(inst, board.slot_of)["starved"]
    anneal(board, time.perf_counter() + 0.2, seed=1, start_temperature=5.0)
    assert board.placed() == placed and board.score == score
    new_cost, new_idle = board_cost(board)
    assert new_cost <= cost and new_idle <= idle
    assert metrics(inst, board.slot_of)["starved"] == served
    check_schedule(data, _as_json(inst, board))  # feasibility, fixed meetings in place


def test_annealing_closes_the_gaps_the_greedy_leaves_when_tables_are_scarce() -> None:
    data = random_instance(seed=5, people=60, meetings=400, tables=6)
    inst = parse_instance(data)
    board = heuristic(inst)
    before = board_cost(board)
    anneal(board, time.perf_counter() + 20, seed=0)
    after = board_cost(board)
    assert after[0] < before[0] and after[1] <= before[1]
    assert metrics(inst, board.slot_of)["idle_p95"] <= 2
    check_schedule(data, _as_json(inst, board))


def test_the_time_limit_is_respected_with_cp_sat() -> None:
    data = random_instance(seed=6, people=120, meetings=900, tables=8)
    inst = parse_instance(data)
    started = time.perf_counter()
    schedule = solve(inst, time_limit=3, workers=1)
    # Generous margins: the suite runs beside browser tests on two cores; without the limit
    # this instance runs for much longer.
    assert time.perf_counter() - started < 8
    assert schedule.seconds <= 6
    check_schedule(data, schedule_to_json(inst, schedule))


def test_the_time_limit_is_respected_on_the_heuristic_path() -> None:
    data = random_instance(seed=7, people=3000, meetings=12_000, tables=150, days=4)
    inst = parse_instance(data)
    started = time.perf_counter()
    schedule = solve(inst, time_limit=1.0, method="heuristic")
    assert time.perf_counter() - started < 4
    check_schedule(data, schedule_to_json(inst, schedule))


def test_search_stops_early_once_the_bound_is_reached_and_agendas_are_compact() -> None:
    # Few meetings, plenty of tables: the greedy reaches the bound with no idle slot.
    data = random_instance(seed=8, people=40, meetings=60, tables=20)
    inst = parse_instance(data)
    started = time.perf_counter()
    out = schedule_to_json(inst, solve(inst, time_limit=30, workers=1))
    assert time.perf_counter() - started < 15  # far below the 30 s it would otherwise use
    assert out["optimal"] and out["objective"] == out["upper_bound"]
    assert out["quality"]["idle_max"] == 0
