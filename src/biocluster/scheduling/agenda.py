"""Choosing compact slots and compacting agendas (the second objective, after priority).

Both work on the Board's bit masks. Compaction only ever moves a meeting to a slot where all
its participants are free and a table is left, and only when the summed idle slots of its
participants strictly drop, so it never changes which meetings are placed nor the priority.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from itertools import islice

from .board import Board, bits, lowest_bit
from .quality import idle_of, span


def near_mask(busy: int, day_masks: list[int]) -> int:
    """Slots touching or inside a participant's span on days where they already meet."""
    near = 0
    for day in day_masks:
        b = busy & day
        if b:
            wide = span(b)
            near |= (wide | wide << 1 | wide >> 1) & day
    return near


def quiet_days(busy: int, day_masks: list[int]) -> int:
    """Slots of the days on which the participant has no meeting yet."""
    out = 0
    for day in day_masks:
        if not busy & day:
            out |= day
    return out


def idle_delta(board: Board, m: int, s: int) -> int:
    """How many idle slots placing (unplaced) meeting m in slot s adds for its participants."""
    inst = board.inst
    delta = 0
    for p in inst.meetings[m].participants:
        before = board.busy[p]
        delta += idle_of(before | 1 << s, inst.avail[p], inst.day_masks)
        delta -= idle_of(before, inst.avail[p], inst.day_masks)
    return delta


def choose_slot(board: Board, m: int, free: int) -> int:
    """A slot of `free` that keeps the participants' agendas compact.

    Prefer slots that add no idle slot for anyone (next to or inside an existing run, or on a
    day the participant has not started) and, among those, slots that join an existing run;
    the earliest such slot packs agendas from the morning on, which keeps them contiguous.
    """
    if free & (free - 1) == 0:
        return lowest_bit(free)
    inst = board.inst
    good, joins = free, 0
    for p in inst.meetings[m].participants:
        busy = board.busy[p]
        near = near_mask(busy, inst.day_masks)
        good &= near | quiet_days(busy, inst.day_masks)
        joins |= near
    if good:
        best = good & joins
        return lowest_bit(best or good)
    # Rare: every free slot costs someone an idle slot; take the cheapest exactly.
    return min(bits(free), key=lambda s: (idle_delta(board, m, s), s))


def _person_idle(board: Board, q: int, busy: int) -> int:
    inst = board.inst
    return idle_of(busy, inst.avail[q], inst.day_masks)


def _flip_delta(board: Board, people: Iterable[int], flip: int) -> int:
    """Change in the idle cost if each of `people` toggles the slots in `flip`. The cost of a
    participant-day is its idle slots squared: the target is the tail (p95), and squares
    prefer two agendas with one gap each over one agenda with a gap of two. Only days that
    `flip` touches can change, so only those are recomputed (this is the hot loop)."""
    inst = board.inst
    days = [day for day in inst.day_masks if day & flip]
    delta = 0
    for q in people:
        busy, avail = board.busy[q], inst.avail[q]
        after = busy ^ flip
        for day in days:
            b = busy & day
            if b:
                low = (b & -b).bit_length() - 1
                delta -= (((1 << b.bit_length()) - (1 << low)) & avail & ~busy).bit_count() ** 2
            b = after & day
            if b:
                low = (b & -b).bit_length() - 1
                delta += (((1 << b.bit_length()) - (1 << low)) & avail & ~after).bit_count() ** 2
    return delta


def _best_move(board: Board, m: int) -> bool:
    """Move m to the free slot that most cuts its participants' idle slots, if any does."""
    inst = board.inst
    people = inst.meetings[m].participants
    s1 = board.slot_of[m]
    old = 1 << s1
    near = 0
    for q in people:
        rest = board.busy[q] & ~old
        near |= near_mask(rest, inst.day_masks) | quiet_days(rest, inst.day_masks)
    best, best_delta = -1, 0
    for s in bits(board.free_mask(m) & near):
        delta = _flip_delta(board, people, old | 1 << s)
        if delta < best_delta:
            best, best_delta = s, delta
    if best < 0:
        return False
    board.move(m, best)
    return True


def _best_swap(board: Board, m: int, allowed: set[int]) -> bool:
    """Exchange the slots of m and another meeting of one of its participants, if that cuts
    idle slots. A busy participant's agenda is full, so its meetings can be permuted among
    themselves as long as the partners are free; tables are unaffected (one out, one in)."""
    inst = board.inst
    avail = inst.avail
    mine = set(inst.meetings[m].participants)
    s1 = board.slot_of[m]
    best, best_delta = -1, 0
    for p in mine:
        # Slots worth moving the partners to: next to their runs or on a day they are free.
        target = inst.all_slots
        for q in mine:
            if q != p:
                rest = board.busy[q] & ~(1 << s1)
                target &= near_mask(rest, inst.day_masks) | quiet_days(rest, inst.day_masks)
                target &= avail[q] & ~rest
        for s2 in bits(board.busy[p] & target):
            m2 = board.at[p][s2]
            if m2 == m or m2 not in allowed:
                continue
            theirs = set(inst.meetings[m2].participants)
            movers = mine ^ theirs
            ok = all(not board.busy[q] >> s2 & 1 and avail[q] >> s2 & 1 for q in mine - theirs) and all(
                not board.busy[q] >> s1 & 1 and avail[q] >> s1 & 1 for q in theirs - mine
            )
            if not ok:
                continue
            delta = _flip_delta(board, movers, 1 << s1 | 1 << s2)
            if delta < best_delta:
                best, best_delta = m2, delta
    if best < 0:
        return False
    s2 = board.remove(best)
    board.remove(m)
    board.place(m, s2)
    board.place(best, s1)
    return True


def _best_exchange(board: Board, m: int, allowed: set[int], limit: int = 64) -> bool:
    """Exchange the slots of m and a meeting with no common participant in a slot whose
    tables are all taken (where a plain move cannot go), if that cuts the idle cost."""
    inst = board.inst
    people = inst.meetings[m].participants
    s1 = board.slot_of[m]
    target = board.full & ~(1 << s1)
    wanted = 0
    for q in people:
        rest = board.busy[q] & ~(1 << s1)
        target &= inst.avail[q] & ~rest
        wanted |= near_mask(rest, inst.day_masks) | quiet_days(rest, inst.day_masks)
    best, best_delta = -1, 0
    for s2 in bits(target & wanted):
        for m2 in islice(board.in_slot[s2], limit):
            if m2 not in allowed:
                continue
            theirs = inst.meetings[m2].participants
            if any(board.busy[q] >> s1 & 1 or not inst.avail[q] >> s1 & 1 for q in theirs):
                continue
            flip = 1 << s1 | 1 << s2
            delta = _flip_delta(board, people, flip) + _flip_delta(board, theirs, flip)
            if delta < best_delta:
                best, best_delta = m2, delta
    if best < 0:
        return False
    s2 = board.remove(best)
    board.remove(m)
    board.place(m, s2)
    board.place(best, s1)
    return True


def compact(
    board: Board,
    movable: Iterable[int],
    rounds: int = 4,
    exchanges: bool = True,
    deadline: float | None = None,
) -> int:
    """Move or swap movable placed meetings to cut idle slots; returns the moves made.

    Only meetings in `movable` move, each change strictly lowers the idle slots of the
    participants involved (others are unaffected), so it terminates and never unplaces;
    the cost is the sum of squared idle slots per participant-day (see _flip_delta).
    Exchanges with meetings of full slots matter when tables are scarce, but scan a lot
    when most slots are full at BIO scale, so large instances turn them off. It stops at
    `deadline` (a time.perf_counter() value) if one is given.
    """
    inst = board.inst
    allowed = {m for m in movable if board.slot_of[m] >= 0 and board.movable[m]}
    todo = sorted(allowed)
    moves = 0
    for _ in range(rounds):
        improved = 0
        before = board.busy[:]
        for i, m in enumerate(todo):
            if deadline is not None and i % 16 == 0 and time.perf_counter() >= deadline:
                return moves + improved
            people = inst.meetings[m].participants
            if all(_person_idle(board, q, board.busy[q]) == 0 for q in people):
                continue
            if (
                _best_move(board, m)
                or _best_swap(board, m, allowed)
                or (exchanges and _best_exchange(board, m, allowed))
            ):
                improved += 1
        moves += improved
        if not improved:
            break
        # Next round, only meetings of participants whose agenda changed can newly improve
        # (up to table changes elsewhere): a full rescan costs seconds at BIO scale.
        changed = [p for p, b in enumerate(board.busy) if b != before[p]]
        todo = sorted({m for p in changed for m in board.at[p].values() if m in allowed})
    return moves
