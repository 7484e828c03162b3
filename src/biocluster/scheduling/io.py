"""Reading, validating and writing the JSON formats (see docs/partnering-scheduler.md).

Validation is strict and every error names the item at fault, e.g.
``meetings[3] (id "m4"): participant "p99" is not in participants``, because instances are
assembled by hand or by export scripts and a vague error costs the organiser an afternoon.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from .model import Id, Instance, Location, Meeting, Participant, Placement, Schedule, Slot


class InstanceError(ValueError):
    """The instance is not valid; the message names the item at fault."""


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _where(section: str, i: int, item: object) -> str:
    if isinstance(item, Mapping) and "id" in item:
        return f"{section}[{i}] (id {_show(item['id'])})"
    return f"{section}[{i}]"


class _Where:
    """The label of an item in error messages, e.g. ``meetings[3] (id "m4")``, written only
    when a message needs it: an instance has 100,000s of items and almost never an error,
    and writing every label took a third of the parsing time at BIO scale."""

    __slots__ = ("i", "item", "section")

    def __init__(self, section: str, i: int, item: object) -> None:
        self.section, self.i, self.item = section, i, item

    def __str__(self) -> str:
        return _where(self.section, self.i, self.item)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _is_object(item: object) -> bool:
    # A decoded JSON object is a dict: checking that first skips the slow ABC check.
    return type(item) is dict or isinstance(item, Mapping)


def _is_id(value: object) -> bool:
    # bool is an int subclass, but true/false are surely mistakes as ids.
    kind = type(value)
    return kind is str or kind is int or (isinstance(value, str | int) and not isinstance(value, bool))


def _list(data: Mapping[str, Any], key: str, required: bool = True) -> list[Any]:
    if key not in data:
        if required:
            raise InstanceError(f'instance: missing "{key}"')
        return []
    value = data[key]
    if not isinstance(value, list):
        raise InstanceError(f'instance: "{key}" must be a list')
    return value


def _entries(section: str, items: list[Any]) -> list[tuple[_Where, Mapping[str, Any]]]:
    """Check the items are objects with a unique valid id; return (label, item) pairs."""
    seen: dict[Id, int] = {}
    out = []
    for i, item in enumerate(items):
        where = _Where(section, i, item)
        if not _is_object(item):
            raise InstanceError(f"{where}: must be an object")
        if "id" not in item or not _is_id(item["id"]):
            raise InstanceError(f"{where}: needs an id (a string or an integer)")
        if item["id"] in seen:
            raise InstanceError(f"{where}: duplicate id, also {section}[{seen[item['id']]}]")
        seen[item["id"]] = i
        out.append((where, item))
    return out


def _time(where: _Where, item: Mapping[str, Any], key: str) -> datetime:
    raw = item.get(key)
    if not isinstance(raw, str):
        raise InstanceError(f'{where}: "{key}" must be an ISO 8601 date-time string')
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise InstanceError(f'{where}: "{key}" {_show(raw)} is not ISO 8601') from None
    if value.utcoffset() is None:
        raise InstanceError(f'{where}: "{key}" {_show(raw)} has no UTC offset')
    return value


def _parse_slots(items: list[Any]) -> tuple[list[Slot], list[str], dict[Id, int]]:
    raw = []
    for where, item in _entries("slots", items):
        start, end = _time(where, item, "start"), _time(where, item, "end")
        if end <= start:
            raise InstanceError(f"{where}: end must be after start")
        raw.append((start, end, item["id"], where))
    if not raw:
        raise InstanceError("instance: no slots")
    raw.sort(key=lambda r: (r[0], r[1]))
    for a, b in itertools.pairwise(raw):
        if b[0] < a[1]:  # overlapping slots would let a participant be in two places
            raise InstanceError(f"{b[3]}: overlaps {a[3]}")
    # A day is the calendar date of the slot's start in its own offset: what the agenda
    # printed for the participant shows.
    days = sorted({start.date().isoformat() for start, *_ in raw})
    day_index = {d: i for i, d in enumerate(days)}
    slots = [Slot(sid, st, en, day_index[st.date().isoformat()]) for st, en, sid, _ in raw]
    return slots, days, {slot.id: s for s, slot in enumerate(slots)}


def _parse_locations(items: list[Any]) -> list[Location]:
    out = []
    for where, item in _entries("locations", items):
        capacity = item.get("capacity", 1)
        if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
            raise InstanceError(f'{where}: "capacity" must be an integer >= 1')
        virtual = item.get("virtual", False)
        if not isinstance(virtual, bool):
            raise InstanceError(f'{where}: "virtual" must be true or false')
        out.append(Location(item["id"], capacity, virtual))
    if not out:
        raise InstanceError("instance: no locations")
    return out


def _parse_participants(items: list[Any], slot_index: dict[Id, int]) -> list[Participant]:
    out = []
    for where, item in _entries("participants", items):
        unavailable = item.get("unavailable", [])
        if not isinstance(unavailable, list):
            raise InstanceError(f'{where}: "unavailable" must be a list of slot ids')
        slots = set()
        for sid in unavailable:
            if not _is_id(sid) or sid not in slot_index:
                raise InstanceError(f"{where}: unavailable slot {_show(sid)} is not in slots")
            slots.add(slot_index[sid])
        out.append(Participant(item["id"], frozenset(slots)))
    return out


def _parse_meetings(items: list[Any], people: dict[Id, int]) -> list[Meeting]:
    out = []
    for where, item in _entries("meetings", items):
        members = item.get("participants")
        if not isinstance(members, list) or len(members) < 2:
            raise InstanceError(f'{where}: "participants" must list two or more participants')
        indices = []
        for pid in members:
            if not _is_id(pid) or pid not in people:
                raise InstanceError(f"{where}: participant {_show(pid)} is not in participants")
            if people[pid] in indices:
                raise InstanceError(f"{where}: participant {_show(pid)} is listed twice")
            indices.append(people[pid])
        priority = item.get("priority", 1)
        if not isinstance(priority, int) or isinstance(priority, bool) or not 1 <= priority <= 3:
            raise InstanceError(f'{where}: "priority" must be 1, 2 or 3, not {_show(priority)}')
        out.append(Meeting(item["id"], tuple(indices), priority))
    return out


type Lookup = Callable[[str, Mapping[str, Any]], tuple[int, int, int]]


def _placement_lookup(meetings: dict[Id, int], slots: dict[Id, int], locations: dict[Id, int]) -> Lookup:
    def lookup(where: str, item: Mapping[str, Any]) -> tuple[int, int, int]:
        out = []
        for key, index in (("meeting", meetings), ("slot", slots), ("location", locations)):
            value = item.get(key)
            if not _is_id(value) or value not in index:
                raise InstanceError(f"{where}: {key} {_show(value)} is not in {key}s")
            out.append(index[value])
        return out[0], out[1], out[2]

    return lookup


class _Occupancy:
    """Checks pinned (fixed or locked) placements against each other and availability.

    Per participant a bit mask of the slots held (a re-schedule with everything locked adds
    57,000 placements at BIO scale); who holds a slot is looked up only for the message."""

    def __init__(self, inst_parts: list[Participant], meetings: list[Meeting], locs: list[Location]):
        self.parts, self.meetings, self.locs = inst_parts, meetings, locs
        self.held = [0] * len(inst_parts)  # per participant: mask of slots held
        self.added: list[tuple[str, int, int]] = []  # (label, meeting, slot), in order
        self.table: dict[tuple[int, int], int] = {}  # (location, slot) -> meetings there

    def _holder(self, p: int, s: int) -> str:
        return next(w for w, m, slot in self.added if slot == s and p in self.meetings[m].participants)

    def add(self, where: str, m: int, s: int, loc: int) -> None:
        bit = 1 << s
        people = self.meetings[m].participants
        for p in people:
            if s in self.parts[p].unavailable:
                pid = _show(self.parts[p].id)
                raise InstanceError(f"{where}: participant {pid} is unavailable in that slot")
            if self.held[p] & bit:
                pid = _show(self.parts[p].id)
                raise InstanceError(
                    f"{where}: participant {pid} is also in {self._holder(p, s)} in that slot"
                )
        for p in people:
            self.held[p] |= bit
        self.added.append((where, m, s))
        location = self.locs[loc]
        if location.virtual:
            return  # any number of meetings
        used = self.table.get((loc, s), 0) + 1
        if used > location.capacity:
            raise InstanceError(f"{where}: location {_show(location.id)} is full in that slot")
        self.table[loc, s] = used


def parse_instance(data: object) -> Instance:
    """Validate a decoded JSON instance and build the :class:`Instance`."""
    if not isinstance(data, Mapping):
        raise InstanceError("instance: must be a JSON object")
    slots, days, slot_index = _parse_slots(_list(data, "slots"))
    locations = _parse_locations(_list(data, "locations"))
    participants = _parse_participants(_list(data, "participants"), slot_index)
    people = {p.id: i for i, p in enumerate(participants)}
    meetings = _parse_meetings(_list(data, "meetings"), people)
    meeting_index = {m.id: i for i, m in enumerate(meetings)}
    location_index = {loc.id: i for i, loc in enumerate(locations)}
    lookup = _placement_lookup(meeting_index, slot_index, location_index)
    occupancy = _Occupancy(participants, meetings, locations)

    fixed: dict[int, Placement] = {}
    fixed_where: dict[int, str] = {}
    for i, item in enumerate(_list(data, "fixed", required=False)):
        where = f"fixed[{i}]"
        if not _is_object(item):
            raise InstanceError(f"{where}: must be an object")
        m, s, loc = lookup(where, item)
        if m in fixed:
            raise InstanceError(f"{where}: meeting {_show(item['meeting'])} is already fixed")
        occupancy.add(where, m, s, loc)
        fixed[m], fixed_where[m] = Placement(s, loc), where

    previous, cancelled = _parse_previous(data, meeting_index, slot_index, location_index)
    locked = set()
    for i, mid in enumerate(_list(data, "locked", required=False)):
        where = f"locked[{i}]"
        if not _is_id(mid) or mid not in meeting_index:
            raise InstanceError(f"{where}: meeting {_show(mid)} is not in meetings")
        m = meeting_index[mid]
        placement = previous.get(m)
        if placement is None:
            raise InstanceError(f"{where}: meeting {_show(mid)} has no valid previous placement")
        if m in fixed:
            if fixed[m] != placement:
                raise InstanceError(f"{where}: meeting {_show(mid)} is fixed elsewhere")
        else:
            occupancy.add(where, m, placement.slot, placement.location)
        locked.add(m)
    return Instance(
        slots,
        locations,
        participants,
        meetings,
        days,
        fixed,
        previous,
        frozenset(locked),
        cancelled,
        rescheduling="previous" in data,
    )


def _parse_previous(
    data: Mapping[str, Any],
    meetings: dict[Id, int],
    slots: dict[Id, int],
    locations: dict[Id, int],
) -> tuple[dict[int, Placement | None], int]:
    """The previous schedule. A meeting that is gone was cancelled: it is counted, not an
    error. A slot or location that is gone means the meeting has to move (placement None)."""
    previous: dict[int, Placement | None] = {}
    cancelled = 0
    for i, item in enumerate(_list(data, "previous", required=False)):
        where = f"previous[{i}]"
        if not _is_object(item) or not _is_id(item.get("meeting")):
            raise InstanceError(f"{where}: must be an object with a meeting id")
        if item["meeting"] not in meetings:
            cancelled += 1
            continue
        m = meetings[item["meeting"]]
        if m in previous:
            raise InstanceError(f"{where}: meeting {_show(item['meeting'])} appears twice")
        s, loc = slots.get(item.get("slot")), locations.get(item.get("location"))
        previous[m] = None if s is None or loc is None else Placement(s, loc)
    return previous, cancelled


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance file. Raises OSError, json.JSONDecodeError or
    InstanceError."""
    with open(path, encoding="utf-8") as fh:
        return parse_instance(json.load(fh))


def schedule_to_json(inst: Instance, schedule: Schedule) -> dict[str, Any]:
    """The schedule in the documented output format, with the ids as given."""
    placements = schedule.placements
    # Plain tuples sort without a key function: a tenth of a second less at BIO scale.
    order = sorted([(pl.slot, pl.location, m) for m, pl in placements.items()])
    meeting_ids = [mt.id for mt in inst.meetings]
    slot_ids = [slot.id for slot in inst.slots]
    location_ids = [loc.id for loc in inst.locations]
    out: dict[str, Any] = {
        "assignments": [
            {"meeting": meeting_ids[m], "slot": slot_ids[s], "location": location_ids[loc]}
            for s, loc, m in order
        ],
        "unscheduled": [mid for m, mid in enumerate(meeting_ids) if m not in placements],
        "objective": schedule.objective,
        "upper_bound": schedule.upper_bound,
        "gap_percent": _gap(schedule.objective, schedule.upper_bound),
        "optimal": schedule.optimal,
        "method": schedule.method,
        "bound_method": schedule.bound_method,
        "seconds": round(schedule.seconds, 3),
        "quality": schedule.quality,
    }
    if schedule.moved is not None:
        out["moved"] = schedule.moved
        out["cancelled"] = inst.cancelled
    return out


def _gap(objective: int, bound: int) -> float:
    return 0.0 if bound <= 0 else round(100.0 * (bound - objective) / bound, 3)
