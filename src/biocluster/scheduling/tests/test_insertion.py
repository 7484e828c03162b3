"""Inserting one meeting into a published schedule: the incremental pieces (lazy agendas,
tables kept by identity, quality from the busy masks) give the same answers as the
whole-schedule versions, and the result keeps the re-scheduling rules at a scale that takes
the large-instance path (more than DEEP_AUGMENT_MAX_MEETINGS meetings)."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biocluster.scheduling import parse_instance, schedule_to_json, solve
from biocluster.scheduling.board import Board
from biocluster.scheduling.model import Instance, Placement
from biocluster.scheduling.quality import metrics
from biocluster.scheduling.solver import DEEP_AUGMENT_MAX_MEETINGS
from biocluster.scheduling.tables import assign_tables

from . import check_schedule, instances


def _slots(days: int, per_day: int) -> list[dict[str, str]]:
    out = []
    for d in range(days):
        for i in range(per_day):
            start = f"2026-06-{22 + d}T{9 + i // 2:02d}:{30 * (i % 2):02d}:00+02:00"
            end = f"2026-06-{22 + d}T{9 + (i + 1) // 2:02d}:{30 * ((i + 1) % 2):02d}:00+02:00"
            out.append({"id": f"d{d}s{i}", "start": start, "end": end})
    return out


def _large(seed: int = 1, people: int = 1_000, meetings: int = 6_000) -> dict[str, Any]:
    """Above the small-instance threshold, with crowded participants; tables do not bind
    (when every table is taken, an unlocked insertion searches for seconds: too slow here)."""
    rng = random.Random(seed)
    slots = _slots(2, 18)
    ids = [s["id"] for s in slots]
    participants = [
        {"id": f"p{i}", "unavailable": rng.sample(ids, rng.choice((0, 1, 3)))} for i in range(people)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < meetings:
        a, b = rng.randrange(people), min(rng.randrange(people), rng.randrange(people))  # b skewed
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    return {
        "slots": slots,
        "locations": [{"id": f"t{i}", "capacity": 1} for i in range(250)],
        "participants": participants,
        "meetings": [
            {"id": f"m{i}", "participants": [f"p{a}", f"p{b}"], "priority": rng.choice((1, 1, 2, 3))}
            for i, (a, b) in enumerate(sorted(pairs))
        ],
    }


def _spots(out: dict[str, Any]) -> dict[Any, tuple[Any, Any]]:
    return {a["meeting"]: (a["slot"], a["location"]) for a in out["assignments"]}


def test_inserting_one_meeting_at_scale_keeps_the_rules_and_a_valid_bound() -> None:
    data = _large()
    assert len(data["meetings"]) > DEEP_AUGMENT_MAX_MEETINGS
    # Published by a first re-scheduling run from an empty previous schedule (no annealing).
    first_inst = parse_instance({**data, "previous": []})
    first = schedule_to_json(first_inst, solve(first_inst, time_limit=20))
    published = _spots(first)
    rng = random.Random(5)
    for locked in (True, False):
        for _ in range(2):
            pair = rng.sample([p["id"] for p in data["participants"][:50]], 2)  # busy people
            changed = {
                **data,
                "meetings": [*data["meetings"], {"id": "new", "participants": pair, "priority": 3}],
                "previous": first["assignments"],
                "locked": sorted(published) if locked else [],
            }
            inst = parse_instance(changed)
            out = schedule_to_json(inst, solve(inst, time_limit=20))
            value = check_schedule(changed, out)  # feasible, objective right, bound >= objective
            assert out["upper_bound"] >= out["objective"] == value
            now = _spots(out)
            moved = [m for m in published if now.get(m) != published[m]]
            assert out["moved"] == len(moved)
            if locked:
                assert moved == []
            elif moved:
                # Keeping every published meeting already gives first["objective"]: a move
                # must place strictly more than that.
                assert value > first["objective"]


def _tables_slot_by_slot(inst: Instance, slot_of: list[int]) -> dict[int, Placement]:
    """The whole-schedule table assignment of the previous version, as the reference."""
    by_slot: dict[int, list[int]] = {}
    for m, s in enumerate(slot_of):
        if s >= 0:
            by_slot.setdefault(s, []).append(m)
    physical = [i for i, loc in enumerate(inst.locations) if not loc.virtual]
    virtual = [i for i, loc in enumerate(inst.locations) if loc.virtual]
    out: dict[int, Placement] = {}
    for s, meetings in by_slot.items():
        left = {i: inst.locations[i].capacity for i in physical}
        later = []
        for m in meetings:
            if m in inst.pinned:
                out[m] = inst.pinned[m]
                left[out[m].location] = left.get(out[m].location, 0) - 1
        for m in meetings:
            prev = inst.previous.get(m)
            if m in inst.pinned:
                continue
            free = prev is not None and (
                inst.locations[prev.location].virtual or left.get(prev.location, 0) > 0
            )
            if prev is not None and prev.slot == s and free:
                out[m] = prev
                left[prev.location] = left.get(prev.location, 0) - 1
                continue
            later.append(m)
        tables = [t for t in physical for _ in range(max(0, left[t]))]
        for i, m in enumerate(sorted(later)):
            out[m] = Placement(s, tables[i]) if i < len(tables) else Placement(s, virtual[0])
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_slots=4, max_people=6, max_meetings=8), st.data())
def test_incremental_tables_match_the_slot_by_slot_assignment(data: dict, draw: st.DataObject) -> None:
    # A previous schedule drawn at random: tables may clash, slots may no longer work.
    spots = [(s["id"], loc["id"]) for s in data["slots"] for loc in data["locations"]]
    previous = []
    for m in data["meetings"]:
        if draw.draw(st.booleans()):
            slot, loc = draw.draw(st.sampled_from(spots))
            previous.append({"meeting": m["id"], "slot": slot, "location": loc})
    inst = parse_instance({**data, "previous": previous})
    schedule = solve(inst, time_limit=2, method="heuristic")
    slot_of = [-1] * len(inst.meetings)
    for m, placement in schedule.placements.items():
        slot_of[m] = placement.slot
    assert assign_tables(inst, slot_of) == _tables_slot_by_slot(inst, slot_of)


@settings(max_examples=40, deadline=None)
@given(instances(max_slots=5, max_people=6, max_meetings=10), st.randoms(use_true_random=False))
def test_lazy_agendas_follow_every_place_and_remove(data: dict, rng: random.Random) -> None:
    inst = parse_instance(data)
    board = Board(inst)
    n_people = len(inst.participants)

    def rebuilt(b: Board, p: int) -> dict[int, int]:
        return {s: m for m, s in enumerate(b.slot_of) if s >= 0 and p in inst.meetings[m].participants}

    for step in range(40):
        m = rng.randrange(len(inst.meetings))
        if board.slot_of[m] >= 0:
            if board.movable[m]:
                board.remove(m)
        else:
            free = [s for s in range(inst.n_slots) if board.can_place(m, s)]
            if free:
                board.place(m, rng.choice(free))
        p = rng.randrange(n_people)  # some agendas get built mid-way, the others later
        assert board.at[p] == rebuilt(board, p)
        if step == 20:
            twin = board.copy()
            for x in twin.placed():
                if twin.movable[x]:
                    twin.remove(x)  # the copy's agendas change, the board's do not
                    break
            assert all(twin.at[q] == rebuilt(twin, q) for q in range(n_people))
            assert all(board.at[q] == rebuilt(board, q) for q in range(n_people))
    assert all(board.at[q] == rebuilt(board, q) for q in range(n_people))


@settings(max_examples=40, deadline=None)
@given(instances(max_slots=5, max_people=6, max_meetings=10))
def test_quality_from_the_busy_masks_is_the_quality_from_the_slots(data: dict) -> None:
    inst = parse_instance(data)
    schedule = solve(inst, time_limit=2, method="heuristic")
    slot_of = [-1] * len(inst.meetings)
    for m, placement in schedule.placements.items():
        slot_of[m] = placement.slot
    board = Board(inst)
    board.keep_all((m, s) for m, s in enumerate(slot_of) if s >= 0 and m not in inst.pinned)
    assert board.slot_of == slot_of
    assert metrics(inst, slot_of, board.busy) == metrics(inst, slot_of) == schedule.quality


def test_a_meeting_whose_slot_is_gone_counts_as_moved_even_when_left_unscheduled() -> None:
    data = {
        "slots": _slots(1, 2),
        "locations": [{"id": "t"}],
        "participants": [{"id": "a", "unavailable": ["d0s0", "d0s1"]}, {"id": "b"}],
        "meetings": [{"id": "ab", "participants": ["a", "b"]}],
        "previous": [{"meeting": "ab", "slot": "removed", "location": "t"}],
    }
    inst = parse_instance(data)
    out = schedule_to_json(inst, solve(inst, time_limit=2))
    assert out["unscheduled"] == ["ab"] and out["moved"] == 1
    data["participants"][0]["unavailable"] = []
    inst = parse_instance(data)
    out = schedule_to_json(inst, solve(inst, time_limit=2))
    assert out["unscheduled"] == [] and out["moved"] == 1
