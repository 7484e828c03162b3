"""Inserting one meeting into a stored schedule from its neighbourhood only.

Re-scheduling (solver.reschedule) reads the whole instance: at BIO scale, 57,000 meetings
read from the database, parsed, solved and compared on the way back, for one new meeting.
Placing one meeting only needs what touches it: its participants' availability and
agendas, how many tables are left in each slot, and, for a small local repair, the agendas
of the participants of those of its participants' meetings that may still move. The
caller reads exactly that (a few aggregated queries), and this module decides:

1. a slot where every participant is available and free and a table is left, chosen to
   keep their agendas compact (as the scheduler's own `agenda.choose_slot`);
2. otherwise a slot where the only obstacles are at most `max_moves` movable meetings of
   the participants, each of which is moved to another slot that suits all of its own
   participants and has a table (the new meeting takes the slot they free);
3. otherwise the reason it cannot be placed (`NoRoom.reason`).

Slots are indices 0..n-1 in time order; ids of participants and meetings are the caller's.
`check` verifies a decision against the neighbourhood independently of the search.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from .agenda import near_mask, quiet_days
from .board import bits, lowest_bit
from .quality import idle_of

type Id = Hashable

# Reasons of NoRoom, from the most to the least fundamental.
UNAVAILABLE = "unavailable"  # no slot where every participant is available
BUSY = "busy"  # whenever all are available, one of them has a meeting that cannot move
NO_TABLE = "no_table"  # free together at some slots, but no table is left at any of them


class NoRoom(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Neighbourhood:
    """What inserting one meeting needs to know about the stored schedule."""

    day_masks: list[int]  # per day, the mask of its slots
    people: tuple[Id, ...]  # the new meeting's participants
    avail: dict[
        Id, int
    ]  # per participant (of the new meeting and of movable meetings): slots they can attend
    busy: dict[Id, dict[int, Id]]  # per participant: slot -> the meeting placed there
    room: list[int | None]  # per slot: meetings the tables can still take (None: no limit)
    movable: dict[Id, tuple[Id, ...]] = field(
        default_factory=dict
    )  # placed meetings that may move -> participants

    def mask_of(self, person: Id) -> int:
        mask = 0
        for s in self.busy.get(person, ()):
            mask |= 1 << s
        return mask


@dataclass
class Insertion:
    slot: int  # where the new meeting goes
    moves: dict[Id, int] = field(default_factory=dict)  # moved meeting -> its new slot


def _choose(free: int, busy: list[int], avail: list[int], day_masks: list[int]) -> int:
    """A slot of `free` that keeps these agendas compact (the rule of agenda.choose_slot)."""
    if free & (free - 1) == 0:
        return lowest_bit(free)
    good, joins = free, 0
    for mask in busy:
        near = near_mask(mask, day_masks)
        good &= near | quiet_days(mask, day_masks)
        joins |= near
    if good:
        return lowest_bit(good & joins or good)

    def cost(s: int) -> tuple[int, int]:
        added = sum(
            idle_of(b | 1 << s, a, day_masks) - idle_of(b, a, day_masks)
            for b, a in zip(busy, avail, strict=True)
        )
        return added, s

    return min(bits(free), key=cost)


def _with_room(nb: Neighbourhood, room: list[int | None]) -> int:
    mask = 0
    for s, left in enumerate(room):
        if left is None or left > 0:
            mask |= 1 << s
    return mask


def insert_one(nb: Neighbourhood, max_moves: int = 2) -> Insertion:
    """Where the new meeting goes (and which movable meetings make way), or NoRoom."""
    together = -1
    for p in nb.people:
        together &= nb.avail[p]
    if not together:
        raise NoRoom(UNAVAILABLE)
    busy = {p: nb.mask_of(p) for p in nb.people}
    occupied = 0
    for mask in busy.values():
        occupied |= mask
    tables = _with_room(nb, nb.room)
    free = together & ~occupied & tables
    if free:
        return Insertion(_choose(free, list(busy.values()), [nb.avail[p] for p in nb.people], nb.day_masks))
    best: tuple[int, int, dict[Id, int]] | None = None
    for s in bits(together & occupied):
        blockers = {nb.busy[p][s] for p in nb.people if s in nb.busy.get(p, {})}
        if len(blockers) > max_moves or any(b not in nb.movable for b in blockers):
            continue
        moves = _make_way(nb, s, sorted(blockers, key=repr))
        if moves is not None and (best is None or (len(moves), s) < best[:2]):
            best = (len(moves), s, moves)
    if best is not None:
        return Insertion(best[1], best[2])
    raise NoRoom(NO_TABLE if together & ~occupied else BUSY)


def _make_way(nb: Neighbourhood, s: int, blockers: list[Id]) -> dict[Id, int] | None:
    """Move each blocker out of slot s to a slot that suits its participants; None if one can't."""
    room = list(nb.room)
    if room[s] is not None:
        room[s] += len(blockers) - 1  # they leave their tables; the new meeting takes one
    busy = {q: nb.mask_of(q) for b in blockers for q in nb.movable[b]}
    for b in blockers:
        for q in nb.movable[b]:
            busy[q] &= ~(1 << s)
    for p in nb.people:
        busy[p] = busy.get(p, nb.mask_of(p)) | 1 << s
    moves: dict[Id, int] = {}
    for b in blockers:
        people = nb.movable[b]
        if any(q not in nb.avail for q in people):
            return None  # the caller did not read this participant: not movable here
        fits = _with_room(nb, room) & ~(1 << s)
        for q in people:
            fits &= nb.avail[q] & ~busy[q]
        if not fits:
            return None
        target = _choose(fits, [busy[q] for q in people], [nb.avail[q] for q in people], nb.day_masks)
        moves[b] = target
        for q in people:
            busy[q] |= 1 << target
        if room[target] is not None:
            room[target] -= 1
    return moves


def check(nb: Neighbourhood, insertion: Insertion) -> list[str]:
    """What is wrong with applying `insertion` to the neighbourhood (nothing: an empty list):
    everyone available, nobody in two meetings at once, no slot over its tables."""
    problems = []
    where: dict[Id, dict[int, Id]] = {p: dict(slots) for p, slots in nb.busy.items()}
    room = list(nb.room)
    placed = [("new", insertion.slot, nb.people)]
    for m, target in insertion.moves.items():
        if m not in nb.movable:
            problems.append(f"{m!r} may not move")
            continue
        left: set[int] = set()
        for q in nb.movable[m]:
            slots = where.setdefault(q, {})
            for s in [s for s, other in slots.items() if other == m]:
                del slots[s]
                left.add(s)
        for s in left:
            if room[s] is not None:
                room[s] += 1
        placed.append((m, target, nb.movable[m]))
    for m, s, people in placed:
        if room[s] is not None:
            room[s] -= 1
            if room[s] < 0:
                problems.append(f"slot {s} has no table left for {m!r}")
        for q in people:
            if not nb.avail.get(q, 0) >> s & 1:
                problems.append(f"{q!r} is unavailable in slot {s}")
            slots = where.setdefault(q, {})
            if s in slots:
                problems.append(f"{q!r} would be in {slots[s]!r} and {m!r} in slot {s}")
            slots[s] = m
    return problems
