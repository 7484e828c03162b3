"""Agenda polishing by simulated annealing, with the placed meetings held fixed.

Once the placement is decided (priority first), only the slots of the placed meetings change:
a meeting moves to a slot with a free table where its participants are free, or two meetings
exchange slots (with or without a common participant) when both fit in the other's slot.
Neither changes which meetings are placed, the priority, nor anybody's number of meetings,
and both keep every participant in at most one meeting per slot and every slot within its
tables, so fairness and feasibility are untouched by construction.

The cost is, summed over participant-days, the idle slots plus ``OVER_WEIGHT`` for a day with
more than ``IDLE_TARGET`` idle slots: the second term aims at the tail (the p95), the first
at the mean. Annealing accepts a worse move with probability exp(-delta / T), T cooling
geometrically over the time budget, which lets the search leave the local optima where the
greedy compaction (agenda.compact) stops when tables are scarce; the best schedule seen is
returned, so the cost never ends above where it started.

It stops at the deadline, after a budget of moves proportional to the size, or at cost 0.
"""

from __future__ import annotations

import math
import random
import time

from .board import Board, bits
from .quality import span

IDLE_TARGET = 2  # the agenda-quality goal: p95 of idle slots per participant-day <= 2
OVER_WEIGHT = 8  # a day over the target costs as much as this many idle slots
MOVES_PER_MEETING = 3_000  # settles the benchmark's small instances (p95 <= 2 from ~1,000 on)


def day_idle(busy: int, avail: int, day: int) -> int:
    return (span(busy & day) & avail & ~busy).bit_count()


def idle_cost(idle: int) -> int:
    """Cost of a participant-day with `idle` idle slots: the idle slots, plus above the target
    a fixed step (aimed at the p95) and growing squares (aimed at the worst agendas)."""
    if idle <= IDLE_TARGET:
        return idle
    return idle + OVER_WEIGHT + (idle - IDLE_TARGET) ** 2


def board_cost(board: Board) -> tuple[int, int]:
    """(cost, idle slots) summed over participant-days."""
    inst = board.inst
    idles = [day_idle(b, inst.avail[p], day) for p, b in enumerate(board.busy) if b for day in inst.day_masks]
    return sum(idle_cost(i) for i in idles), sum(idles)


class _Annealer:
    def __init__(self, board: Board, rng: random.Random) -> None:
        self.board = board
        self.inst = board.inst
        self.rng = rng
        self.day_of = [slot.day for slot in self.inst.slots]
        self.movable = [m for m in board.placed() if board.movable[m]]

    def _delta(self, changes: dict[int, int], days: set[int]) -> tuple[int, int]:
        """Change of (cost, idle slots) if each person p's busy mask is XORed with changes[p]."""
        inst, busy = self.inst, self.board.busy
        cost = idle = 0
        for p, flip in changes.items():
            if not flip:
                continue
            avail, before = inst.avail[p], busy[p]
            after = before ^ flip
            for d in days:
                day = inst.day_masks[d]
                if day & flip:
                    old = (span(before & day) & avail & ~before).bit_count()
                    new = (span(after & day) & avail & ~after).bit_count()
                    idle += new - old
                    cost += idle_cost(new) - idle_cost(old)
        return cost, idle

    def propose(self) -> tuple[int, int, int, int, int] | None:
        """A random feasible move: (m, new slot, m2 to exchange with or -1, cost and idle
        changes)."""
        board, inst, rng = self.board, self.inst, self.rng
        m = rng.choice(self.movable)
        s1 = board.slot_of[m]
        mine = inst.meetings[m].participants
        if rng.random() < 0.5:
            # To a slot where all of m's participants are free: a move, or an exchange with
            # a meeting of that slot whose participants are free in s1.
            targets = inst.feas[m] & ~board.busy_of(m)
            if not targets:
                return None
            s2 = rng.choice(bits(targets))
            if board.full >> s2 & 1:
                m2 = rng.choice(tuple(board.in_slot[s2]))
                if not board.movable[m2]:
                    return None
                theirs = inst.meetings[m2].participants
                if any(board.busy[q] >> s1 & 1 or not inst.avail[q] >> s1 & 1 for q in theirs):
                    return None
            else:
                m2 = -1
        else:
            # Permute two meetings of one participant (the partners must fit in the other slot).
            p = rng.choice(mine)
            others = board.busy[p] & ~(1 << s1)
            if not others:
                return None
            s2 = rng.choice(bits(others))
            m2 = board.at[p][s2]
            if not board.movable[m2]:
                return None
            theirs = inst.meetings[m2].participants
            if any(
                q not in theirs and not (inst.avail[q] >> s2 & 1 and not board.busy[q] >> s2 & 1)
                for q in mine
            ):
                return None
            if any(
                q not in mine and not (inst.avail[q] >> s1 & 1 and not board.busy[q] >> s1 & 1)
                for q in theirs
            ):
                return None
        both = 1 << s1 | 1 << s2
        changes: dict[int, int] = {}
        for q in mine:
            changes[q] = changes.get(q, 0) ^ both
        if m2 >= 0:
            for q in inst.meetings[m2].participants:
                changes[q] = changes.get(q, 0) ^ both
        cost, idle = self._delta(changes, {self.day_of[s1], self.day_of[s2]})
        return m, s2, m2, cost, idle

    def apply(self, m: int, s2: int, m2: int) -> None:
        board = self.board
        if m2 < 0:
            board.move(m, s2)
            return
        s1 = board.remove(m)
        board.remove(m2)
        board.place(m, s2)
        board.place(m2, s1)


def anneal(board: Board, deadline: float, seed: int = 0, start_temperature: float = 2.0) -> Board:
    """Lower the idle cost of `board` in place without changing what is placed, and return it.

    The board ends at the best schedule seen among those with no more idle slots in total
    than at the start: the cost (tail) and the idle total (mean) never get worse."""
    walker = _Annealer(board, random.Random(seed))
    if not walker.movable:
        return board
    cost, idle = board_cost(board)
    best_cost, idle_start = cost, idle
    best = board.slot_of[:]
    budget = MOVES_PER_MEETING * len(walker.movable)
    started = time.perf_counter()
    span_s = max(1e-3, deadline - started)
    temperature = start_temperature
    for step in range(budget):
        if best_cost == 0:
            break
        if step % 256 == 0:
            now = time.perf_counter()
            if now >= deadline:
                break
            # Cool with elapsed time or moves, whichever is further along.
            progress = max((now - started) / span_s, step / budget)
            temperature = start_temperature * (0.01**progress)
        move = walker.propose()
        if move is None:
            continue
        m, s2, m2, delta, idle_delta = move
        if delta <= 0 or walker.rng.random() < math.exp(-delta / temperature):
            walker.apply(m, s2, m2)
            cost += delta
            idle += idle_delta
            if cost < best_cost and idle <= idle_start:
                best_cost = cost
                best = board.slot_of[:]
    _restore(board, best)
    return board


def _restore(board: Board, slot_of: list[int]) -> None:
    """Set the board's slots to `slot_of` (same placed meetings, other slots)."""
    moving = [m for m, s in enumerate(slot_of) if board.slot_of[m] != s]
    for m in moving:
        board.remove(m)
    for m in moving:
        board.place(m, slot_of[m])
