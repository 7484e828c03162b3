"""Data model of a partnering-meeting scheduling instance and of a schedule.

Everything inside the scheduler works on integer indices (slot, location, participant and
meeting positions) and on Python ``int`` bit masks over slots: at BIO scale (57,000 meetings,
12,000 participants, 72 slots) this keeps the hot loops to a few integer operations. The ids
given by the user are kept on the objects so that output can repeat them exactly as given.

Slots are stored sorted by start time, so slot index ``s`` and ``s + 1`` are consecutive in
time; two consecutive slots of the same day are "adjacent" for the idle-slot metric.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

type Id = str | int


@dataclass(frozen=True, slots=True)
class Slot:
    id: Id
    start: datetime
    end: datetime
    day: int  # index into Instance.days (a calendar date in the slot's own offset)


@dataclass(frozen=True, slots=True)
class Location:
    id: Id
    capacity: int = 1  # meetings it can host in one slot
    virtual: bool = False  # a virtual location hosts any number of meetings


@dataclass(frozen=True, slots=True)
class Participant:
    id: Id
    unavailable: frozenset[int] = frozenset()  # slot indices


@dataclass(frozen=True, slots=True)
class Meeting:
    id: Id
    participants: tuple[int, ...]  # participant indices, two or more, distinct
    priority: int = 1  # 1..3


@dataclass(frozen=True, slots=True)
class Placement:
    slot: int
    location: int


@dataclass
class Instance:
    """A validated instance. Build it with :func:`biocluster.scheduling.io.parse_instance`."""

    slots: list[Slot]
    locations: list[Location]
    participants: list[Participant]
    meetings: list[Meeting]
    days: list[str] = field(default_factory=list)  # ISO dates, in slot order
    fixed: dict[int, Placement] = field(default_factory=dict)  # meeting -> forced placement
    # Re-scheduling: the previous schedule (meeting -> placement, or None when its slot or
    # location no longer exists) and the published meetings that must not move.
    previous: dict[int, Placement | None] = field(default_factory=dict)
    locked: frozenset[int] = frozenset()
    cancelled: int = 0  # previous entries whose meeting is gone (reported, not scheduled)
    rescheduling: bool = False  # the instance came with a "previous" schedule (maybe empty)

    # Derived data, filled by __post_init__.
    avail: list[int] = field(init=False, repr=False)  # per participant: mask of free slots
    feas: list[int] = field(init=False, repr=False)  # per meeting: slots all can attend
    meetings_of: list[list[int]] = field(init=False, repr=False)
    day_masks: list[int] = field(init=False, repr=False)
    capacity: int | None = field(init=False)  # meetings per slot; None = unlimited

    def __post_init__(self) -> None:
        n = len(self.slots)
        self.all_slots = (1 << n) - 1
        self.day_masks = [0] * len(self.days)
        for s, slot in enumerate(self.slots):
            self.day_masks[slot.day] |= 1 << s
        self.avail = []
        for p in self.participants:
            mask = self.all_slots
            for s in p.unavailable:
                mask &= ~(1 << s)
            self.avail.append(mask)
        self.meetings_of = [[] for _ in self.participants]
        self.feas = []
        for m, meeting in enumerate(self.meetings):
            mask = self.all_slots
            for p in meeting.participants:
                self.meetings_of[p].append(m)
                mask &= self.avail[p]
            self.feas.append(mask)
        # Tables are interchangeable, so one number per slot describes them exactly: the
        # summed capacity of the physical locations, or no limit once any location is virtual.
        if any(loc.virtual for loc in self.locations):
            self.capacity = None
        else:
            self.capacity = sum(loc.capacity for loc in self.locations)
        # Meetings pinned in place: given as fixed, or published (locked) in a previous run.
        self.pinned: dict[int, Placement] = dict(self.fixed)
        for m in self.locked:
            placement = self.previous.get(m)
            if m not in self.pinned and placement is not None:
                self.pinned[m] = placement

    @property
    def n_slots(self) -> int:
        return len(self.slots)


@dataclass
class Schedule:
    """A schedule: where each placed meeting goes, plus how good it is known to be."""

    placements: dict[int, Placement]  # meeting index -> placement
    objective: int  # total priority of the placed meetings
    upper_bound: int  # no schedule of the instance has a larger objective
    seconds: float = 0.0
    method: str = ""  # what produced the schedule
    bound_method: str = ""  # what proved upper_bound
    optimal: bool = False
    quality: dict[str, float | int] = field(default_factory=dict)
    moved: int | None = None  # re-scheduling: previously placed meetings that changed
    stats: dict[str, float | int | str] = field(default_factory=dict)
