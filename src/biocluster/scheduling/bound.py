"""Upper bounds on the total priority any schedule of an instance can place.

The relaxation (see docs/partnering-scheduler.md for the argument):

    max  sum_m w_m x_m
    s.t. sum_{m ∋ p} x_m <= a_p     for every participant p   (one meeting per slot each)
         sum_m x_m       <= T                                  (table-slots left)
         0 <= x_m <= 1,  x_m = 0 if m has no usable slot

where a_p is the number of slots p could use at all and T the table-slots not taken by pinned
meetings. Every schedule satisfies these constraints, so the LP optimum bounds it. We never
trust a floating-point LP optimum directly: by weak duality, *any* y >= 0, z >= 0 gives

    D(y, z) = sum_p a_p y_p + T z + sum_m max(0, w_m - sum_{p in m} y_p - z)  >=  LP optimum,

so we evaluate D exactly at duals we choose (from GLOP, or from a quick coordinate descent)
and round down, which is safe because objectives are integers. The bound is therefore valid
whatever the LP solver's accuracy, time limit or even failure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Instance


@dataclass
class Relaxation:
    weight: list[int]  # per usable free meeting
    members: list[tuple[int, ...]]  # participants of each usable free meeting
    room: dict[int, int]  # a_p for participants whose demand exceeds it (the rest never bind)
    tables: int | None  # T, or None when it cannot bind
    pinned_weight: int
    # Priority of the usable free meetings left out of weight/members because they touch no
    # constraint that can bind (no crowded participant, and T cannot bind): their term of D
    # is their weight at every dual point, so it is added once instead of per evaluation.
    loose_weight: int = 0

    def dual_value(self, y: dict[int, float], z: float) -> float:
        total = self.loose_weight + sum(self.room[p] * v for p, v in y.items()) + (self.tables or 0) * z
        for w, people in zip(self.weight, self.members, strict=True):
            rest = w - z - sum(y.get(p, 0.0) for p in people)
            if rest > 0:
                total += rest
        return total

    def bound(self, y: dict[int, float], z: float) -> int:
        y = {p: max(0.0, v) for p, v in y.items() if p in self.room}
        z = max(0.0, z) if self.tables is not None else 0.0
        # 1e-6 absorbs float rounding in the sum; rounding down is safe for integer objectives.
        return self.pinned_weight + math.floor(self.dual_value(y, z) + 1e-6)


def relaxation(inst: Instance) -> Relaxation:
    n_slots = inst.n_slots
    pinned_busy = [0] * len(inst.participants)
    load = [0] * n_slots
    pinned_weight = 0
    for m, placement in inst.pinned.items():
        pinned_weight += inst.meetings[m].priority
        load[placement.slot] += 1
        for p in inst.meetings[m].participants:
            pinned_busy[p] |= 1 << placement.slot
    if inst.capacity is None:
        usable = inst.all_slots
    else:
        usable = sum(1 << s for s in range(n_slots) if load[s] < inst.capacity)
    weight, members, reach = [], [], [0] * len(inst.participants)
    demand = [0] * len(inst.participants)
    union = 0
    pinned, feas = inst.pinned, inst.feas
    # Hot loop (57,000 meetings at BIO scale, once per re-scheduling): locals, no generator.
    for m, meeting in enumerate(inst.meetings):
        if m in pinned:
            continue
        slots = feas[m] & usable
        people = meeting.participants
        if pinned:
            for p in people:
                slots &= ~pinned_busy[p]
        if not slots:
            continue  # can never be placed
        union |= slots
        weight.append(meeting.priority)
        members.append(people)
        for p in people:
            reach[p] |= slots
            demand[p] += 1
    room = {p: r.bit_count() for p, r in enumerate(reach) if demand[p] > r.bit_count()}
    tables = None
    if inst.capacity is not None:
        tables = sum(inst.capacity - load[s] for s in range(n_slots) if union >> s & 1)
        if tables >= len(weight):
            tables = None
    loose = 0
    if tables is None:
        # Only meetings of crowded participants carry a dual term; at BIO scale that is a
        # small part of the 57,000, and D is evaluated at several points.
        tight_weight, tight_members = [], []
        for w, people in zip(weight, members, strict=True):
            for p in people:
                if p in room:
                    tight_weight.append(w)
                    tight_members.append(people)
                    break
            else:
                loose += w
        weight, members = tight_weight, tight_members
    return Relaxation(weight, members, room, tables, pinned_weight, loose)


def _kth_largest_nonneg(values: list[float], k: int) -> float:
    if len(values) <= k:
        return 0.0
    if k == 0:
        return max(0.0, max(values))
    return max(0.0, sorted(values, reverse=True)[k - 1])


def descent_duals(rel: Relaxation, passes: int = 3) -> tuple[dict[int, float], float]:
    """Block coordinate descent on D: each y_p (and z) set to its exact minimiser given the
    others, which is the a_p-th largest residual weight of p's meetings. Cheap and close to
    the LP optimum when crowded participants rarely meet each other."""
    y: dict[int, float] = {}
    z = 0.0
    incident: dict[int, list[int]] = {p: [] for p in rel.room}
    for i, people in enumerate(rel.members):
        for p in people:
            if p in incident:
                incident[p].append(i)

    def residual(i: int, skip: int) -> float:
        return rel.weight[i] - z - sum(y.get(q, 0.0) for q in rel.members[i] if q != skip)

    for _ in range(passes):
        for p, meetings in incident.items():
            y[p] = _kth_largest_nonneg([residual(i, p) for i in meetings], rel.room[p])
        if rel.tables is not None:
            rest = [rel.weight[i] - sum(y.get(q, 0.0) for q in ps) for i, ps in enumerate(rel.members)]
            z = _kth_largest_nonneg(rest, rel.tables)
    return y, z


def lp_duals(rel: Relaxation, time_limit: float = 10.0) -> tuple[dict[int, float], float] | None:
    """Optimal duals of the relaxation from GLOP, or None if it is unavailable or fails."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    solver.SetTimeLimit(int(time_limit * 1000))
    # Only meetings touching a constraint matter; the others are at x = 1 in any optimum.
    touched = [
        i for i, ps in enumerate(rel.members) if rel.tables is not None or any(p in rel.room for p in ps)
    ]
    x = {i: solver.NumVar(0.0, 1.0, "") for i in touched}
    rows = {}
    for p, a in rel.room.items():
        rows[p] = solver.Constraint(-solver.infinity(), a)
    table_row = solver.Constraint(-solver.infinity(), rel.tables) if rel.tables is not None else None
    for i in touched:
        for p in rel.members[i]:
            if p in rows:
                rows[p].SetCoefficient(x[i], 1.0)
        if table_row is not None:
            table_row.SetCoefficient(x[i], 1.0)
    objective = solver.Objective()
    for i in touched:
        objective.SetCoefficient(x[i], rel.weight[i])
    objective.SetMaximization()
    if solver.Solve() not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None
    y = {p: row.dual_value() for p, row in rows.items()}
    z = table_row.dual_value() if table_row is not None else 0.0
    return y, z


def upper_bound(inst: Instance, use_lp: bool = True, time_limit: float = 10.0) -> int:
    """A valid upper bound on the placed priority: the best of the dual points tried."""
    rel = relaxation(inst)
    if not rel.room and rel.tables is None:
        return rel.pinned_weight + rel.loose_weight + sum(rel.weight)
    best = rel.bound(*descent_duals(rel))
    if use_lp:
        duals = lp_duals(rel, time_limit)
        if duals is not None:
            # Solvers differ on the sign convention of duals; both signs give valid bounds.
            y, z = duals
            best = min(best, rel.bound(y, z), rel.bound({p: -v for p, v in y.items()}, -z))
    return best
