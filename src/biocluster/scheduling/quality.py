"""Agenda quality: idle slots per participant-day and fairness.

Idle slots of a participant on a day are the slots strictly between their first and last
meeting of that day in which they are available but have no meeting. Slots they declared
unavailable are not idle (they are elsewhere), and the day boundary resets the count: an
agenda of 9:00 and 17:30 on one day wastes the day, one meeting on each of two days does not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .model import Instance


def span(mask: int) -> int:
    """All slots from the lowest to the highest bit of mask (0 for an empty mask)."""
    if not mask:
        return 0
    low = (mask & -mask).bit_length() - 1
    return (1 << mask.bit_length()) - (1 << low)


def idle_of(busy: int, avail: int, day_masks: list[int]) -> int:
    """Idle slots of one participant summed over days."""
    total = 0
    for day in day_masks:
        b = busy & day
        if b:
            total += (span(b) & avail & ~busy).bit_count()
    return total


def day_idles(busy: int, avail: int, day_masks: list[int]) -> Iterable[int]:
    """Idle slots of one participant for each day on which they have a meeting."""
    for day in day_masks:
        b = busy & day
        if b:
            yield (span(b) & avail & ~busy).bit_count()


def _percentile(values: list[int], q: float) -> float:
    """Nearest-rank percentile (the value below which q of the data lies)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return float(ordered[rank - 1])


def metrics(inst: Instance, slot_of: list[int], busy: list[int] | None = None) -> dict[str, float | int]:
    """Quality metrics of a slot assignment (slot_of[m] = slot index or -1).

    `busy` (per participant, the mask of slots with a meeting, e.g. Board.busy) saves
    rebuilding it from slot_of. A participant has at most one meeting per slot, so their
    number of placed meetings is the bit count of that mask."""
    if busy is None:
        busy = [0] * len(inst.participants)
        for m, s in enumerate(slot_of):
            if s >= 0:
                for p in inst.meetings[m].participants:
                    busy[p] |= 1 << s
    idles: list[int] = []
    day_masks, avail = inst.day_masks, inst.avail
    for p, mask in enumerate(busy):
        if not mask:
            continue
        free = avail[p] & ~mask
        for day in day_masks:
            b = mask & day
            if b:
                low = (b & -b).bit_length() - 1
                idles.append(((1 << b.bit_length()) - (1 << low) & free).bit_count())
    fractions = [busy[p].bit_count() / len(ms) for p, ms in enumerate(inst.meetings_of) if ms]
    requested = len(fractions)
    return {
        "placed_meetings": len(slot_of) - slot_of.count(-1),
        "meetings": len(slot_of),
        "participant_days": len(idles),
        "idle_mean": round(sum(idles) / len(idles), 4) if idles else 0.0,
        "idle_p95": _percentile(idles, 0.95),
        "idle_max": max(idles, default=0),
        "participants_with_requests": requested,
        # Fairness: nobody with accepted meetings should end up with none while others get all.
        "starved": sum(1 for f in fractions if f == 0.0),
        "fully_served": sum(1 for f in fractions if f == 1.0),
        "min_fraction_placed": round(min(fractions), 4) if fractions else 1.0,
        "mean_fraction_placed": round(sum(fractions) / requested, 4) if requested else 1.0,
    }
