"""Entry points: solve an instance from scratch, or re-schedule after changes.

Fresh solve: greedy by priority and scarcity, augmenting/replacement moves, a fairness pass,
idle-slot compaction; then, if the model is small enough and the priority is not already at
the bound, CP-SAT started from that solution (priority, then participants served), keeping
whichever is better; finally simulated annealing of the agendas with the placed meetings
fixed (anneal.py). Every pass watches one deadline, a little before the time limit. The bound
is the smaller of the LP-relaxation dual bound and CP-SAT's proven bound, so it is valid on
every path.

Re-scheduling (the instance has "previous"): locked meetings are pinned; every other
previously placed meeting stays where it was unless moving it lets strictly more priority be
placed; new meetings go in by targeted insertion. See docs/partnering-scheduler.md.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

from .agenda import choose_slot, compact
from .anneal import anneal
from .board import Board
from .bound import upper_bound
from .greedy import greedy, greedy_order
from .mip import n_pairs, solve_mip
from .model import Instance, Placement, Schedule
from .quality import idle_of, metrics
from .repair import improve, serve_starved
from .tables import assign_tables

if TYPE_CHECKING:
    from .cpsat import CpResult

# Above this many (meeting, slot) variables CP-SAT rarely beats the heuristic in a minute.
CPSAT_MAX_VARIABLES = 200_000
# Up to this many (meeting, slot) binaries "auto" runs the exact integer programme (mip.py):
# HiGHS solves the root LP of a 100,000-binary partnering instance in about 15 s on one core.
MIP_MAX_PAIRS = 400_000
# Shares of the time limit: the heuristic's first incumbent, then the programme (of what is
# left; the annealer keeps the rest for the agendas).
HEURISTIC_SHARE = 0.15
MIP_SHARE = 0.8
# Up to this many meetings, augmenting moves may chain two levels deep (and the re-scheduler
# also tries CP-SAT and the LP bound); above it one level keeps BIO scale within seconds.
DEEP_AUGMENT_MAX_MEETINGS = 5_000
# Up to this many meetings the agendas are polished by simulated annealing (anneal.py); at
# BIO scale the greedy's compact slots already meet the idle target and time is short.
ANNEAL_MAX_MEETINGS = 20_000
# CP-SAT's time when the priority is already at the bound and only fairness could improve.
PHASE1_SERVED_SECONDS = 5.0


def _workers(workers: int | None) -> int:
    return workers or max(1, min(8, os.cpu_count() or 1))


def _n_variables(inst: Instance) -> int:
    return sum(inst.feas[m].bit_count() for m in range(len(inst.meetings)) if m not in inst.pinned)


def _key(inst: Instance, board: Board) -> tuple[int, int, int]:
    """Lexicographic quality of a slot assignment: priority, fairness, compactness."""
    starved = sum(1 for p, ms in enumerate(inst.meetings_of) if ms and not board.busy[p])
    idle = sum(idle_of(b, inst.avail[p], inst.day_masks) for p, b in enumerate(board.busy) if b)
    return board.score, -starved, -idle


def _board_from(inst: Instance, slot_of: list[int]) -> Board:
    board = Board(inst)
    for m, s in enumerate(slot_of):
        if s >= 0 and m not in inst.pinned:
            board.place(m, s)
    return board


def _by_priority(inst: Instance, meetings: list[int]) -> list[int]:
    return sorted(meetings, key=lambda m: -inst.meetings[m].priority)


def heuristic(inst: Instance, deadline: float | None = None) -> Board:
    """Greedy, augmenting/replacement moves, fairness pass and compaction; each pass stops
    at `deadline` (a time.perf_counter() value), leaving a feasible schedule."""
    board = greedy(inst, deadline=deadline)
    depth = 2 if len(inst.meetings) <= DEEP_AUGMENT_MAX_MEETINGS else 1
    unplaced = [m for m in range(len(inst.meetings)) if board.slot_of[m] < 0]
    improve(board, _by_priority(inst, unplaced), depth, deadline=deadline)
    serve_starved(inst, board, deadline=deadline)
    compact(board, board.placed(), *_compaction(inst), deadline=deadline)
    return board


def _starved(inst: Instance, board: Board) -> int:
    return sum(1 for p, ms in enumerate(inst.meetings_of) if ms and not board.busy[p])


def _reserve(time_limit: float) -> float:
    """Seconds kept back for assigning tables and measuring quality after the search."""
    return min(2.0, 0.05 * time_limit)


def _compaction(inst: Instance) -> tuple[int, bool]:
    """Rounds and whether to try exchanges: each round is linear, later rounds find little
    at BIO scale, and exchanges with full slots only pay off (cheaply) when small."""
    small = len(inst.meetings) <= DEEP_AUGMENT_MAX_MEETINGS
    return (20, True) if small else (4, False)


def _finish(
    inst: Instance, board: Board, bound: int, started: float, method: str, bound_method: str
) -> Schedule:
    placements = assign_tables(inst, board.slot_of)
    # Optimal only when a schedule meets a valid bound: no solver's status is taken for it.
    schedule = Schedule(
        placements=placements,
        objective=board.score,
        upper_bound=bound,
        method=method,
        bound_method=bound_method,
        optimal=board.score >= bound,
        quality=metrics(inst, board.slot_of, board.busy),
    )
    if inst.rescheduling:
        schedule.moved = _moved(inst, placements)
    schedule.seconds = time.perf_counter() - started
    return schedule


def _moved(inst: Instance, placements: dict[int, Placement]) -> int:
    """Previous meetings whose slot or table changed (or that are now unscheduled). A kept
    table is the very Placement object of `previous` (tables.py), so identity settles most."""
    moved = 0
    for m, prev in inst.previous.items():
        now = placements.get(m)
        if prev is None or (now is not prev and now != prev):
            moved += 1
    return moved


def solve_cpsat(inst: Instance, *args: Any, **kwargs: Any) -> CpResult:
    # Imported on first use: loading CP-SAT takes seconds, and the heuristic path, the
    # re-scheduling of large instances and the CLI's error paths do not need it.
    from .cpsat import solve_cpsat as run

    return run(inst, *args, **kwargs)


def _mip_budget(inst: Instance, method: str) -> bool:
    return method == "mip" or (method == "auto" and n_pairs(inst) <= MIP_MAX_PAIRS)


def solve(
    inst: Instance,
    time_limit: float = 30.0,
    method: str = "auto",
    workers: int | None = None,
    seed: int = 0,
) -> Schedule:
    """Schedule the instance. method: "auto" (the exact integer programme when its size
    allows, else the heuristic), "mip", "cpsat" or "heuristic"."""
    if inst.rescheduling:
        return reschedule(inst, time_limit, method, workers, seed)
    started = time.perf_counter()
    deadline = started + time_limit - _reserve(time_limit)
    use_mip = _mip_budget(inst, method)
    # With the integer programme to follow, the heuristic only provides its first incumbent.
    heuristic_deadline = started + HEURISTIC_SHARE * time_limit if use_mip else deadline
    board = heuristic(inst, min(deadline, heuristic_deadline))
    left = deadline - time.perf_counter()
    bound = upper_bound(inst, use_lp=True, time_limit=max(0.1, min(time_limit / 4, left / 4)))
    bound_method = "lp"
    name = "heuristic"
    use_cp = method == "cpsat"
    # Priority at the bound and nobody starved: the first objective cannot be improved, so
    # nothing is left to prove and all the time goes to the agendas.
    settled = board.score >= bound and _starved(inst, board) == 0
    left = deadline - time.perf_counter()
    if use_mip and board.score < bound and left > 0.05:
        # Most of the time goes to the exact programme; the annealer keeps the rest.
        result = solve_mip(inst, left * MIP_SHARE, board.slot_of)
        candidate = _checked_board(inst, result.slot_of)
        if candidate is not None and candidate.score > board.score:
            serve_starved(inst, candidate, deadline=deadline)
            compact(candidate, candidate.placed(), *_compaction(inst), deadline=deadline)
            board, name = candidate, "mip"
        # A dual bound below a schedule we checked ourselves is a floating-point accident,
        # not a proof: it is dropped and the exact LP bound stands.
        if result.priority_bound is not None and board.score <= result.priority_bound < bound:
            bound, bound_method = result.priority_bound, "mip"
    elif use_cp and not settled and left > 0.05:
        result_cp = solve_cpsat(
            inst, left / 2, board.slot_of, _workers(workers), seed, idle_phase=False, min_priority=board.score
        )
        candidate = _checked_board(inst, result_cp.slot_of)
        if candidate is not None:
            compact(candidate, candidate.placed(), *_compaction(inst), deadline=deadline)
            if _key(inst, candidate) >= _key(inst, board):
                board, name = candidate, "cp-sat"
        if board.score <= result_cp.priority_bound < bound:
            bound, bound_method = result_cp.priority_bound, "cp-sat"
    if len(inst.meetings) <= ANNEAL_MAX_MEETINGS:
        # Idle slots are reduced by moving meetings, never at the cost of priority.
        before, snapshot = board.score, board.slot_of[:]
        anneal(board, deadline, seed)
        if board.score < before:
            board = _board_from(inst, snapshot)
    return _finish(inst, board, bound, started, name, bound_method)


def _checked_board(inst: Instance, slot_of: list[int] | None) -> Board | None:
    """A solver's slot assignment on a Board, or None if any meeting breaks a rule: the
    Board then counts the priority itself, so no solver's arithmetic is taken on trust."""
    if slot_of is None:
        return None
    board = Board(inst)
    for m, s in enumerate(slot_of):
        if s < 0 or m in inst.pinned:
            continue
        if not board.can_place(m, s):
            return None
        board.place(m, s)
    return board


def reschedule(
    inst: Instance,
    time_limit: float = 30.0,
    method: str = "auto",
    workers: int | None = None,
    seed: int = 0,
) -> Schedule:
    """Re-schedule from inst.previous: locked meetings are pinned (Instance.pinned), the other
    previous meetings stay unless moving them places strictly more priority."""
    started = time.perf_counter()
    deadline = started + time_limit - _reserve(time_limit)
    board = Board(inst)
    kept = board.keep_all(
        (m, placement.slot)
        for m, placement in inst.previous.items()
        if placement is not None and m not in inst.pinned
    )
    # Without moving anybody: new meetings (and displaced ones) where there is room.
    order = greedy_order(inst, [m for m, s in enumerate(board.slot_of) if s < 0])
    for m in order:
        free = board.free_mask(m)
        if free:
            board.place(m, choose_slot(board, m, free))
    still_prev = board.slot_of[:]
    baseline = board.score
    # Now moves: each one is part of an insertion that raises the placed priority.
    small = len(inst.meetings) <= DEEP_AUGMENT_MAX_MEETINGS
    unplaced = [m for m in order if board.slot_of[m] < 0]
    improve(board, _by_priority(inst, unplaced), depth=2 if small else 1, deadline=deadline)
    kept_set = set(kept)
    # Compaction may only move meetings that were not placed before.
    compact(board, [m for m in board.placed() if m not in kept_set], *_compaction(inst), deadline=deadline)
    name = "insertion"
    left = deadline - time.perf_counter()
    bound = upper_bound(inst, use_lp=small, time_limit=max(0.1, min(time_limit / 4, left / 4)))
    bound_method = "lp"
    left = deadline - time.perf_counter()
    use_cp = method == "cpsat" or (method == "auto" and small and _n_variables(inst) <= CPSAT_MAX_VARIABLES)
    if use_cp and board.score < bound and left > 0.05:
        result = solve_cpsat(inst, left, board.slot_of, _workers(workers), seed, idle_phase=False)
        candidate = _checked_board(inst, result.slot_of)
        if candidate is not None:
            moved_now = sum(1 for m in kept if board.slot_of[m] != still_prev[m])
            moved_cp = sum(1 for m in kept if candidate.slot_of[m] != still_prev[m])
            if (candidate.score, -moved_cp) > (board.score, -moved_now):
                board, name = candidate, "cp-sat"
        if board.score <= result.priority_bound < bound:
            bound, bound_method = result.priority_bound, "cp-sat"
    # The rule, enforced whatever the search did: no voluntary move without strictly more.
    voluntary = any(board.slot_of[m] != still_prev[m] for m in kept)
    if voluntary and board.score <= baseline:
        board = _board_from(inst, still_prev)
        name = "insertion"
    return _finish(inst, board, bound, started, name, bound_method)
