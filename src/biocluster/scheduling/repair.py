"""Targeted insertion with short augmenting moves, replacements and fairness swaps.

These are the local moves used after the greedy, and on their own for re-scheduling: putting
one new meeting into a published schedule touches only the slots of its participants, so it
runs in milliseconds even at BIO scale.

Every move here keeps the schedule feasible and is applied only when it strictly raises the
placed priority (an insertion, possibly after moving unlocked meetings out of the way), or,
for fairness swaps, keeps the priority and gives a meeting to someone who had none.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from itertools import islice

from .agenda import choose_slot
from .board import Board, bits
from .model import Instance


class Journal:
    """Board operations that can be rolled back, to try a move and undo it if it fails."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.log: list[tuple[int, int, int]] = []  # (meeting, old slot, new slot)

    def place(self, m: int, s: int) -> None:
        self.board.place(m, s)
        self.log.append((m, -1, s))

    def remove(self, m: int) -> None:
        self.log.append((m, self.board.remove(m), -1))

    def rollback(self) -> None:
        for m, old, new in reversed(self.log):
            if new >= 0:
                self.board.remove(m)
            if old >= 0:
                self.board.place(m, old)
        self.log.clear()


def _blockers(board: Board, m: int, s: int) -> set[int]:
    out = set()
    for p in board.inst.meetings[m].participants:
        other = board.at[p].get(s)
        if other is not None:
            out.add(other)
    return out


def _relocate(j: Journal, b: int, depth: int, frozen: set[int]) -> bool:
    """Put unplaced meeting b somewhere, moving at most `depth` levels of other meetings."""
    board = j.board
    free = board.free_mask(b)
    if free:
        j.place(b, choose_slot(board, b, free))
        return True
    if depth <= 0:
        return False
    return _augment(j, b, depth, frozen)


def _make_room(j: Journal, s: int, frozen: set[int], limit: int = 40) -> bool:
    """Free a table in full slot s by moving one movable meeting out of it."""
    board = j.board
    if not board.inst.all_slots & ~board.full & ~(1 << s):
        # Every other slot is full too: nothing can move out of s (the usual case once a
        # published schedule fills every table, where trying cost seconds per insertion).
        return False
    for o in list(islice(board.in_slot[s], limit)):
        if not board.movable[o] or o in frozen:
            continue
        j.remove(o)
        free = board.free_mask(o) & ~(1 << s)
        if free:
            j.place(o, choose_slot(board, o, free))
            return True
        j.place(o, s)
    return False


def _augment(j: Journal, m: int, depth: int, frozen: set[int]) -> bool:
    """Place m in some slot after moving its blockers (unlocked meetings) elsewhere."""
    board = j.board
    frozen = frozen | {m}
    tried = []
    for s in bits(board.inst.feas[m]):
        blockers = _blockers(board, m, s)
        if len(blockers) > 2 or any(not board.movable[b] or b in frozen for b in blockers):
            continue
        tight = board.cap is not None and board.load[s] - len(blockers) >= board.cap
        if tight and not board.inst.all_slots & ~board.full & ~(1 << s):
            continue  # _make_room would fail: no other slot has a table left
        tried.append((len(blockers) + tight, s, blockers, tight))
    tried.sort(key=lambda t: (t[0], t[1]))
    for _, s, blockers, tight in tried:
        mark = len(j.log)
        for b in blockers:
            j.remove(b)
        if tight and not _make_room(j, s, frozen | blockers):
            _undo_to(j, mark)
            continue
        j.place(m, s)
        if all(_relocate(j, b, depth - 1, frozen | blockers) for b in blockers):
            return True
        _undo_to(j, mark)
    return False


def _undo_to(j: Journal, mark: int) -> None:
    tail = j.log[mark:]
    del j.log[mark:]
    sub = Journal(j.board)
    sub.log = tail
    sub.rollback()


def try_insert(board: Board, m: int, depth: int = 1) -> bool:
    """Place unplaced meeting m: in a free slot if there is one, else after moving up to
    `depth` levels of blocking unlocked meetings to other free slots. Either the whole move
    succeeds (m placed, everything moved still placed) or the board is left unchanged."""
    j = Journal(board)
    if _relocate(j, m, depth, set()):
        return True
    j.rollback()
    return False


def _cheapest_evictee(board: Board, s: int, protect: bool, limit: int = 64) -> int | None:
    """A movable meeting of full slot s to give its table up: lowest priority first, and
    with protect=True only one whose participants all keep another meeting."""
    inst = board.inst
    best = None
    for o in islice(board.in_slot[s], limit):
        if not board.movable[o]:
            continue
        if protect and any(board.busy[p] == 1 << s for p in inst.meetings[o].participants):
            continue
        if best is None or inst.meetings[o].priority < inst.meetings[best].priority:
            best = o
    return best


def _replace_at(board: Board, m: int, s: int, protect: bool) -> tuple[Journal, int, list[int]] | None:
    """Put m in slot s in place of its blockers (and of one meeting giving up its table if
    the slot is full), re-placing those elsewhere if possible.
    Returns the journal, the priority gained and the meetings left unplaced."""
    inst = board.inst
    out = sorted(_blockers(board, m, s))
    j = Journal(board)
    for b in out:
        j.remove(b)
    if board.full >> s & 1:
        o = _cheapest_evictee(board, s, protect)
        if o is None:
            j.rollback()
            return None
        j.remove(o)
        out.append(o)
    if not board.can_place(m, s):
        j.rollback()
        return None
    j.place(m, s)
    for b in out:
        _relocate(j, b, 1, {m})
    lost = [b for b in out if board.slot_of[b] < 0]
    gain = inst.meetings[m].priority - sum(inst.meetings[b].priority for b in lost)
    return j, gain, lost


def try_replace(board: Board, m: int, protect: bool = False, cheaper: bool = False) -> bool:
    """Place m in place of cheaper meetings, re-placing those elsewhere when possible.

    Applied only if the placed priority strictly rises; with protect=True (fairness swaps)
    an equal priority is accepted too, but never at the cost of leaving another participant
    with no meeting at all. cheaper=True only tries blockers of strictly lower total priority.
    """
    inst = board.inst
    weight = inst.meetings[m].priority
    limit = weight - 1 if cheaper else weight

    def acceptable(gain: int, lost: list[int]) -> bool:
        return gain > 0 or (protect and gain == 0 and not _starves(board, lost))

    best: tuple[int, int] | None = None  # (gain, slot)
    for s in bits(inst.feas[m]):
        blockers = _blockers(board, m, s)
        if any(not board.movable[b] for b in blockers):
            continue
        if not blockers and not board.full >> s & 1:
            continue  # m would fit there directly; try_insert has dealt with that
        if sum(inst.meetings[b].priority for b in blockers) > limit:
            continue
        tried = _replace_at(board, m, s, protect)
        if tried is None:
            continue
        j, gain, lost = tried
        ok = acceptable(gain, lost)
        if ok and not lost:
            return True  # cannot do better than placing m and keeping everyone
        j.rollback()
        if ok and (best is None or gain > best[0]):
            best = (gain, s)
    if best is None:
        return False
    tried = _replace_at(board, m, best[1], protect)
    if tried is None:
        return False
    j, gain, lost = tried
    if acceptable(gain, lost):
        return True
    j.rollback()
    return False


def _starves(board: Board, lost: Iterable[int]) -> bool:
    """Would a participant of these now unplaced meetings be left with nothing placed?"""
    for b in lost:
        for p in board.inst.meetings[b].participants:
            if not board.busy[p]:
                return True
    return False


def improve(board: Board, order: Iterable[int], depth: int = 1, deadline: float | None = None) -> int:
    """Insert each unplaced meeting of `order` by augmenting or replacement moves, until
    `deadline` (a time.perf_counter() value) if one is given."""
    gained = 0
    for m in order:
        if board.slot_of[m] >= 0:
            continue
        if deadline is not None and time.perf_counter() >= deadline:
            break
        before = board.score
        # A participant with no free slot left cannot be helped by moving their meetings
        # around; only replacing strictly cheaper meetings can place m. Skipping the rest is
        # what keeps re-scheduling at BIO scale (hundreds of such meetings) fast.
        people = board.inst.meetings[m].participants
        saturated = any(not board.inst.avail[q] & ~board.busy[q] for q in people)
        if (not saturated and try_insert(board, m, depth)) or try_replace(board, m, cheaper=saturated):
            gained += board.score - before
    return gained


def serve_starved(inst: Instance, board: Board, deadline: float | None = None) -> int:
    """Fairness pass: give a meeting to participants with requests but none placed, by
    swapping out a meeting of equal or lower priority of someone who keeps others."""
    served = 0
    for p, ms in enumerate(inst.meetings_of):
        if not ms or board.busy[p]:
            continue
        if deadline is not None and time.perf_counter() >= deadline:
            break
        for m in sorted(ms, key=lambda m: -inst.meetings[m].priority):
            if try_insert(board, m, 1) or try_replace(board, m, protect=True):
                served += 1
                break
    return served
