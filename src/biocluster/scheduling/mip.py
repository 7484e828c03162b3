"""The exact time-indexed integer programme, solved by HiGHS (highspy).

    max  sum_{m,s} w_m x[m, s]
    s.t. sum_s x[m, s]            <= 1                  every meeting
         sum_{m ∋ p} x[m, s]      <= 1                  every participant and slot
         sum_m x[m, s]            <= tables left in s   every slot
         x binary, only where every participant of m is available in s, free of pinned
         meetings, and s has a table left.

Tables are interchangeable, so one capacity per slot is exact (tables.py assigns them). On the
instances of a partnering day or a regional convention (up to a few hundred thousand pairs)
HiGHS proves the optimum in seconds; when it cannot within its time, it still returns its best
schedule and its dual bound, which is a valid upper bound: HiGHS's branch and bound never
discards a node whose LP bound exceeds the bound it reports. Objectives are integers, so the
bound is rounded down after a small tolerance for floating point.

HiGHS's primal solution is not trusted as is: the caller rebuilds it on a Board, which places
a meeting only where it fits, and takes the score the Board counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .board import bits
from .model import Instance

# Integer objective: a gap below 1 proves optimality, and a relative gap would stop early at
# BIO-sized objectives.
ABSOLUTE_GAP = 0.99


@dataclass
class MipResult:
    slot_of: list[int] | None  # None when HiGHS found no schedule in time
    priority_bound: int | None  # None when HiGHS proved nothing in time
    optimal: bool
    status: str


def n_pairs(inst: Instance) -> int:
    """The number of binaries of the programme (a cheap over-estimate when some are pinned)."""
    return sum(inst.feas[m].bit_count() for m in range(len(inst.meetings)) if m not in inst.pinned)


def solve_mip(inst: Instance, time_limit: float, start: list[int] | None = None) -> MipResult:
    import highspy  # imported on first use: the re-scheduling path and the CLI's errors skip it
    import numpy as np  # imported on first use, as highspy: a web process never solves

    pinned_busy = [0] * len(inst.participants)
    load = [0] * inst.n_slots
    pinned_weight = 0
    for m, placement in inst.pinned.items():
        pinned_weight += inst.meetings[m].priority
        load[placement.slot] += 1
        for p in inst.meetings[m].participants:
            pinned_busy[p] |= 1 << placement.slot
    open_slots = inst.all_slots
    if inst.capacity is not None:
        open_slots = sum(1 << s for s in range(inst.n_slots) if load[s] < inst.capacity)

    column_meeting: list[int] = []
    column_slot: list[int] = []
    cost: list[float] = []
    by_meeting: list[list[int]] = []
    by_person_slot: dict[tuple[int, int], list[int]] = {}
    by_slot: dict[int, list[int]] = {}
    for m, meeting in enumerate(inst.meetings):
        if m in inst.pinned:
            continue
        slots = inst.feas[m] & open_slots
        for p in meeting.participants:
            slots &= ~pinned_busy[p]
        columns = []
        for s in bits(slots):
            j = len(column_meeting)
            column_meeting.append(m)
            column_slot.append(s)
            cost.append(float(meeting.priority))
            columns.append(j)
            by_slot.setdefault(s, []).append(j)
            for p in meeting.participants:
                by_person_slot.setdefault((p, s), []).append(j)
        if len(columns) > 1:
            by_meeting.append(columns)
    n = len(column_meeting)
    if n == 0:
        slot_of = [-1] * len(inst.meetings)
        for m, placement in inst.pinned.items():
            slot_of[m] = placement.slot
        return MipResult(slot_of, pinned_weight, True, "empty")

    rows: list[list[int]] = list(by_meeting)
    upper: list[float] = [1.0] * len(rows)
    for columns in by_person_slot.values():
        if len(columns) > 1:
            rows.append(columns)
            upper.append(1.0)
    if inst.capacity is not None:
        for s, columns in by_slot.items():
            room = inst.capacity - load[s]
            if len(columns) > room:
                rows.append(columns)
                upper.append(float(room))

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("mip_detect_symmetry", False)
    highs.setOptionValue("presolve", "off")
    highs.setOptionValue("mip_heuristic_run_feasibility_jump", False)
    highs.setOptionValue("time_limit", max(0.05, float(time_limit)))
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", ABSOLUTE_GAP)
    highs.addVars(n, np.zeros(n), np.ones(n))
    index = np.arange(n, dtype=np.int32)
    highs.changeColsIntegrality(n, index, np.ones(n, dtype=np.uint8))
    highs.changeColsCost(n, index, np.asarray(cost))
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    starts = np.zeros(len(rows), dtype=np.int32)
    position = 0
    for i, columns in enumerate(rows):
        starts[i] = position
        position += len(columns)
    flat = np.fromiter((j for columns in rows for j in columns), dtype=np.int32, count=position)
    highs.addRows(
        len(rows),
        np.full(len(rows), -highspy.kHighsInf),
        np.asarray(upper),
        position,
        starts,
        flat,
        np.ones(position),
    )
    if start is not None:
        # The heuristic's schedule as HiGHS's first incumbent: it prunes from the start, and
        # the answer is never worse than the heuristic's.
        values = np.zeros(n)
        for j in range(n):
            if start[column_meeting[j]] == column_slot[j]:
                values[j] = 1.0
        solution = highspy.HighsSolution()
        solution.col_value = values.tolist()
        solution.value_valid = True
        highs.setSolution(solution)
    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound = _bound(info.mip_dual_bound, pinned_weight)
    slot_of = None
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        values = highs.getSolution().col_value
        slot_of = [-1] * len(inst.meetings)
        for m, placement in inst.pinned.items():
            slot_of[m] = placement.slot
        for j, value in enumerate(values):
            if value > 0.5:
                slot_of[column_meeting[j]] = column_slot[j]
    return MipResult(slot_of, bound, optimal, highs.modelStatusToString(status))


def _bound(dual_bound: float, pinned_weight: int) -> int | None:
    """HiGHS's dual bound as an integer bound, or None when it has none (no root LP in time).

    The tolerance errs upwards (a larger bound is still valid): HiGHS computes in floating
    point, and with integer costs it reports a proven integer up to rounding."""
    if not math.isfinite(dual_bound) or abs(dual_bound) >= 1e20:
        return None
    return pinned_weight + math.floor(dual_bound + 1e-6 * max(1.0, abs(dual_bound)))
