"""Table (location) assignment, slot by slot, once the slots are decided.

Exact because the only table constraint is capacity per slot: pinned meetings take their own
table, meetings keep their previous table when it is still free (re-scheduling should not
send people to another table for nothing), the rest fill physical tables in the given order,
and only then virtual locations, which have no limit.
"""

from __future__ import annotations

from .model import Instance, Placement


def assign_tables(inst: Instance, slot_of: list[int]) -> dict[int, Placement]:
    by_slot: dict[int, list[int]] = {}
    for m, s in enumerate(slot_of):
        if s >= 0:
            by_slot.setdefault(s, []).append(m)
    physical = [i for i, loc in enumerate(inst.locations) if not loc.virtual]
    virtual = [i for i, loc in enumerate(inst.locations) if loc.virtual]
    out: dict[int, Placement] = {}
    for s, meetings in by_slot.items():
        left = {i: inst.locations[i].capacity for i in physical}
        rest = []
        for m in meetings:
            pinned = inst.pinned.get(m)
            if pinned is not None:
                out[m] = pinned
                if pinned.location in left:
                    left[pinned.location] -= 1
            else:
                rest.append(m)
        later = []
        for m in rest:
            prev = inst.previous.get(m)
            if prev is not None and prev.slot == s:
                loc = prev.location
                if inst.locations[loc].virtual or left.get(loc, 0) > 0:
                    out[m] = prev
                    if loc in left:
                        left[loc] -= 1
                    continue
            later.append(m)
        tables = iter(physical)
        table = next(tables, None)
        for m in sorted(later):
            while table is not None and left[table] <= 0:
                table = next(tables, None)
            if table is not None:
                out[m] = Placement(s, table)
                left[table] -= 1
            elif virtual:
                out[m] = Placement(s, virtual[0])
            else:  # the slot stage guarantees capacity; reaching here is a bug
                raise AssertionError(f"slot {inst.slots[s].id!r} over capacity")
    return out
