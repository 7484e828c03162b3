"""Construction heuristics: first-come-first-served (the baseline) and priority/scarcity greedy."""

from __future__ import annotations

import time

from .agenda import choose_slot
from .board import Board, lowest_bit
from .model import Instance


def fcfs(inst: Instance) -> Board:
    """The baseline: requests in acceptance order, each in the earliest slot where all its
    participants are free and a table is free. What a booking form does."""
    board = Board(inst)
    for m in range(len(inst.meetings)):
        if board.slot_of[m] < 0:
            free = board.free_mask(m)
            if free:
                board.place(m, lowest_bit(free))
    return board


def greedy_order(inst: Instance, subset: list[int] | None = None) -> list[int]:
    """Meetings in the order the greedy tries them.

    Priority first (it is the objective). Then scarcity: meetings of participants whose
    demand most exceeds their free slots go first, while those participants still have room
    to choose, and low-demand ones later, because they can go almost anywhere. Last, among
    the meetings of one crowded participant, the partners with fewest requests go first: if
    somebody must lose a meeting it had better be someone who has many others (fairness).
    """
    n_free = [max(1, a.bit_count()) for a in inst.avail]
    degree = [len(ms) for ms in inst.meetings_of]
    ratio = [d / f for d, f in zip(degree, n_free, strict=True)]

    def key(m: int) -> tuple[int, float, int, int]:
        people = inst.meetings[m].participants
        return (
            -inst.meetings[m].priority,
            -round(max(ratio[p] for p in people), 1),
            sum(degree[p] for p in people),
            inst.feas[m].bit_count(),
        )

    candidates = range(len(inst.meetings)) if subset is None else subset
    return sorted((m for m in candidates if m not in inst.pinned), key=key)


def greedy(
    inst: Instance, board: Board | None = None, order: list[int] | None = None, deadline: float | None = None
) -> Board:
    """Place meetings in greedy order, each in a compact free slot (see agenda.py); at
    `deadline` (a time.perf_counter() value) the rest stay unplaced."""
    board = board if board is not None else Board(inst)
    for i, m in enumerate(order if order is not None else greedy_order(inst)):
        if deadline is not None and i % 1024 == 0 and time.perf_counter() >= deadline:
            break
        if board.slot_of[m] < 0:
            free = board.free_mask(m)
            if free:
                board.place(m, choose_slot(board, m, free))
    return board
