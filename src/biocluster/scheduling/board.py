"""The mutable slot-assignment state shared by the heuristics.

Only *slots* are decided here; tables are assigned afterwards, slot by slot (see tables.py),
which is exact because tables of one kind are interchangeable: a slot can take any set of
meetings whose count fits the summed capacity of the physical tables.

Per participant the board keeps a bit mask of busy slots, so "which slots are free for all
participants of this meeting and still have a table" is a handful of integer operations.
"""

from __future__ import annotations

from .model import Instance


def lowest_bit(mask: int) -> int:
    return (mask & -mask).bit_length() - 1


def bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class Board:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        n_slots = inst.n_slots
        self.slot_of = [-1] * len(inst.meetings)
        self.busy = [0] * len(inst.participants)
        self.at: list[dict[int, int]] = [{} for _ in inst.participants]  # slot -> meeting
        self.load = [0] * n_slots
        self.in_slot: list[set[int]] = [set() for _ in range(n_slots)]
        self.cap = inst.capacity
        self.full = 0  # slots whose tables are all taken
        self.movable = [True] * len(inst.meetings)
        self.score = 0
        for m, placement in inst.pinned.items():
            self.place(m, placement.slot)
            self.movable[m] = False

    def copy(self) -> Board:
        other = Board.__new__(Board)
        other.inst, other.cap, other.full, other.score = self.inst, self.cap, self.full, self.score
        other.slot_of = self.slot_of[:]
        other.busy = self.busy[:]
        other.at = [d.copy() for d in self.at]
        other.load = self.load[:]
        other.in_slot = [s.copy() for s in self.in_slot]
        other.movable = self.movable[:]
        return other

    def busy_of(self, m: int) -> int:
        mask = 0
        for p in self.inst.meetings[m].participants:
            mask |= self.busy[p]
        return mask

    def free_mask(self, m: int) -> int:
        """Slots where every participant of m is available and free and a table is left."""
        return self.inst.feas[m] & ~self.full & ~self.busy_of(m)

    def can_place(self, m: int, s: int) -> bool:
        return bool(self.free_mask(m) >> s & 1)

    def place(self, m: int, s: int) -> None:
        bit = 1 << s
        for p in self.inst.meetings[m].participants:
            self.busy[p] |= bit
            self.at[p][s] = m
        self.slot_of[m] = s
        self.load[s] += 1
        self.in_slot[s].add(m)
        if self.cap is not None and self.load[s] >= self.cap:
            self.full |= bit
        self.score += self.inst.meetings[m].priority

    def remove(self, m: int) -> int:
        s = self.slot_of[m]
        bit = 1 << s
        for p in self.inst.meetings[m].participants:
            self.busy[p] &= ~bit
            del self.at[p][s]
        self.slot_of[m] = -1
        self.load[s] -= 1
        self.in_slot[s].discard(m)
        self.full &= ~bit
        self.score -= self.inst.meetings[m].priority
        return s

    def move(self, m: int, s: int) -> None:
        self.remove(m)
        self.place(m, s)

    def placed(self) -> list[int]:
        return [m for m, s in enumerate(self.slot_of) if s >= 0]
