"""Table (location) assignment, slot by slot, once the slots are decided.

Exact because the only table constraint is capacity per slot: pinned meetings take their own
table, meetings keep their previous table when it is still free (re-scheduling should not
send people to another table for nothing), the rest fill physical tables in the given order,
and only then virtual locations, which have no limit.

Incremental for re-scheduling: a meeting still in its previous slot keeps its previous
``Placement`` object without any per-slot work, and only the slots that received other
meetings (after inserting one meeting into a published schedule: one or a few) have their
free tables looked up. The result is the same as assigning every slot from scratch.
"""

from __future__ import annotations

from .model import Instance, Placement


def assign_tables(inst: Instance, slot_of: list[int]) -> dict[int, Placement]:
    locations = inst.locations
    out: dict[int, Placement] = {}
    used: dict[tuple[int, int], int] = {}  # (slot, physical location) -> meetings there
    for m, pinned in inst.pinned.items():
        out[m] = pinned
        if not locations[pinned.location].virtual:
            key = (pinned.slot, pinned.location)
            used[key] = used.get(key, 0) + 1
    later: dict[int, list[int]] = {}  # slot -> meetings still without a table
    # Previous tables first, in meeting order (sorted, as the slot-by-slot version did).
    for m in sorted(inst.previous):
        prev = inst.previous[m]
        s = slot_of[m]
        if m in out or s < 0:
            continue
        if prev is not None and prev.slot == s:
            loc = prev.location
            if locations[loc].virtual:
                out[m] = prev
                continue
            key = (s, loc)
            taken = used.get(key, 0)
            if taken < locations[loc].capacity:
                used[key] = taken + 1
                out[m] = prev
                continue
        later.setdefault(s, []).append(m)
    for m, s in enumerate(slot_of):
        if s >= 0 and m not in out and m not in inst.previous:
            later.setdefault(s, []).append(m)
    physical = [i for i, loc in enumerate(locations) if not loc.virtual]
    virtual = [i for i, loc in enumerate(locations) if loc.virtual]
    for s, meetings in later.items():
        _fill_slot(inst, s, sorted(meetings), used, physical, virtual, out)
    return out


def _fill_slot(
    inst: Instance,
    s: int,
    meetings: list[int],
    used: dict[tuple[int, int], int],
    physical: list[int],
    virtual: list[int],
    out: dict[int, Placement],
) -> None:
    """Put `meetings` at the first physical tables of slot s with room, then at a virtual one."""
    tables = iter(physical)
    table = next(tables, None)
    for m in meetings:
        while table is not None and used.get((s, table), 0) >= inst.locations[table].capacity:
            table = next(tables, None)
        if table is not None:
            out[m] = Placement(s, table)
            used[s, table] = used.get((s, table), 0) + 1
        elif virtual:
            out[m] = Placement(s, virtual[0])
        else:  # the slot stage guarantees capacity; reaching here is a bug
            raise AssertionError(f"slot {inst.slots[s].id!r} over capacity")
