"""The mutable slot-assignment state shared by the heuristics.

Only *slots* are decided here; tables are assigned afterwards, slot by slot (see tables.py),
which is exact because tables of one kind are interchangeable: a slot can take any set of
meetings whose count fits the summed capacity of the physical tables.

Per participant the board keeps a bit mask of busy slots, so "which slots are free for all
participants of this meeting and still have a table" is a handful of integer operations.
"""

from __future__ import annotations

from collections.abc import Iterable

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


class Agendas:
    """Per participant, their placed meetings by slot (``board.at[p][s]`` is the meeting of p
    in slot s), each built from Board.slot_of the first time it is asked for and kept in
    step by Board.place/remove afterwards. Building all 12,000 up front costs more than the
    rest of inserting one meeting into a published BIO schedule, which reads a few dozen."""

    __slots__ = ("built", "meetings_of", "slot_of")

    def __init__(self, meetings_of: list[list[int]], slot_of: list[int]) -> None:
        self.meetings_of = meetings_of
        self.slot_of = slot_of
        self.built: dict[int, dict[int, int]] = {}

    def __getitem__(self, p: int) -> dict[int, int]:
        agenda = self.built.get(p)
        if agenda is None:
            slot_of = self.slot_of
            agenda = {slot_of[m]: m for m in self.meetings_of[p] if slot_of[m] >= 0}
            self.built[p] = agenda
        return agenda

    def copy(self, slot_of: list[int]) -> Agendas:
        other = Agendas(self.meetings_of, slot_of)
        other.built = {p: agenda.copy() for p, agenda in self.built.items()}
        return other


class Board:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        n_slots = inst.n_slots
        self.slot_of = [-1] * len(inst.meetings)
        self.busy = [0] * len(inst.participants)
        self.at = Agendas(inst.meetings_of, self.slot_of)  # at[p]: slot -> meeting of p
        self.load = [0] * n_slots
        self.in_slot: list[set[int]] = [set() for _ in range(n_slots)]
        self.cap = inst.capacity
        self.full = 0  # slots whose tables are all taken
        self.movable = [True] * len(inst.meetings)
        self.score = 0
        self.place_all((m, placement.slot) for m, placement in inst.pinned.items())
        for m in inst.pinned:
            self.movable[m] = False

    def copy(self) -> Board:
        other = Board.__new__(Board)
        other.inst, other.cap, other.full, other.score = self.inst, self.cap, self.full, self.score
        other.slot_of = self.slot_of[:]
        other.busy = self.busy[:]
        other.at = self.at.copy(other.slot_of)
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
        built = self.at.built
        for p in self.inst.meetings[m].participants:
            self.busy[p] |= bit
            agenda = built.get(p)
            if agenda is not None:
                agenda[s] = m
        self.slot_of[m] = s
        self.load[s] += 1
        self.in_slot[s].add(m)
        if self.cap is not None and self.load[s] >= self.cap:
            self.full |= bit
        self.score += self.inst.meetings[m].priority

    def place_all(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Place each (meeting, slot) of `pairs` without checks: the caller vouches that they
        fit (pinned meetings are validated when parsed). The loop of place() inlined, because
        re-scheduling a published BIO schedule starts by placing 57,000 meetings."""
        meetings, busy, built, slot_of, load, in_slot = (
            self.inst.meetings,
            self.busy,
            self.at.built,
            self.slot_of,
            self.load,
            self.in_slot,
        )
        score = 0
        for m, s in pairs:
            bit = 1 << s
            meeting = meetings[m]
            for p in meeting.participants:
                busy[p] |= bit
                if p in built:
                    built[p][s] = m
            slot_of[m] = s
            load[s] += 1
            in_slot[s].add(m)
            score += meeting.priority
        self.score += score
        self._refresh_full()

    def keep_all(self, pairs: Iterable[tuple[int, int]]) -> list[int]:
        """Place each (meeting, slot) of `pairs`, in order, where it still fits (can_place);
        returns the meetings placed. The same as can_place + place per pair, inlined."""
        meetings, feas, busy, built, slot_of, load, in_slot = (
            self.inst.meetings,
            self.inst.feas,
            self.busy,
            self.at.built,
            self.slot_of,
            self.load,
            self.in_slot,
        )
        cap = self.cap
        kept = []
        score = 0
        for m, s in pairs:
            bit = 1 << s
            if not feas[m] & bit or (cap is not None and load[s] >= cap):
                continue
            people = meetings[m].participants
            for p in people:
                if busy[p] & bit:
                    break
            else:
                for p in people:
                    busy[p] |= bit
                    if p in built:
                        built[p][s] = m
                slot_of[m] = s
                load[s] += 1
                in_slot[s].add(m)
                score += meetings[m].priority
                kept.append(m)
        self.score += score
        self._refresh_full()
        return kept

    def _refresh_full(self) -> None:
        if self.cap is not None:
            self.full = sum(1 << s for s, n in enumerate(self.load) if n >= self.cap)

    def remove(self, m: int) -> int:
        s = self.slot_of[m]
        bit = 1 << s
        built = self.at.built
        for p in self.inst.meetings[m].participants:
            self.busy[p] &= ~bit
            agenda = built.get(p)
            if agenda is not None:
                del agenda[s]
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
