"""Exact slot assignment with CP-SAT, for instances up to a few hundred thousand (meeting,
slot) pairs.

Variables x[m, s] = meeting m in slot s, only for slots where all of m's participants are
available and free of pinned meetings and a table is left. Tables enter as one capacity per
slot (they are interchangeable; tables.py assigns them afterwards), which keeps the model a
few times smaller than one with a variable per table.

Phase 1 maximises, lexicographically through weights, the placed priority, then (when
re-scheduling) the previously placed meetings kept in place, then the number of participants
with at least one meeting. Phase 2 keeps that objective at its phase-1 value and minimises
idle slots. The priority bound comes from phase 1's best objective bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .board import bits
from .model import Instance


@dataclass
class CpResult:
    slot_of: list[int] | None  # None when no solution was found in time
    priority_bound: int  # valid: no schedule places more priority
    optimal: bool
    status: str


class _Model:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.model = cp_model.CpModel()
        n = len(inst.participants)
        self.pinned_busy = [0] * n
        self.load = [0] * inst.n_slots
        self.pinned_weight = 0
        for m, placement in inst.pinned.items():
            self.pinned_weight += inst.meetings[m].priority
            self.load[placement.slot] += 1
            for p in inst.meetings[m].participants:
                self.pinned_busy[p] |= 1 << placement.slot
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.by_person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        self.by_meeting: dict[int, list[cp_model.IntVar]] = {}
        self.by_slot: dict[int, list[cp_model.IntVar]] = {}
        self._variables()

    def _variables(self) -> None:
        inst, model = self.inst, self.model
        for m, meeting in enumerate(inst.meetings):
            if m in inst.pinned:
                continue
            slots = inst.feas[m]
            for p in meeting.participants:
                slots &= ~self.pinned_busy[p]
            for s in bits(slots):
                if inst.capacity is not None and self.load[s] >= inst.capacity:
                    continue
                var = model.NewBoolVar(f"x{m}_{s}")
                self.x[m, s] = var
                self.by_meeting.setdefault(m, []).append(var)
                self.by_slot.setdefault(s, []).append(var)
                for p in meeting.participants:
                    self.by_person_slot.setdefault((p, s), []).append(var)
        for vars_ in self.by_meeting.values():
            model.AddAtMostOne(vars_)
        for vars_ in self.by_person_slot.values():
            if len(vars_) > 1:
                model.AddAtMostOne(vars_)
        if inst.capacity is not None:
            for s, vars_ in self.by_slot.items():
                room = inst.capacity - self.load[s]
                if len(vars_) > room:
                    model.Add(sum(vars_) <= room)

    def busy_expr(self, p: int, s: int) -> cp_model.LinearExprT:
        if self.pinned_busy[p] >> s & 1:
            return 1
        return sum(self.by_person_slot.get((p, s), []))

    def idle_expr(self, hint: list[int]) -> cp_model.LinearExprT:
        """Sum over participant-days of (last meeting - first meeting) - meetings: the idle
        slots, up to the constant count of participant-days and unavailable slots inside a
        span. First/last as integer variables bound by enforcement literals propagate far
        better than a per-slot 'hole' formulation. All helper variables get hints from
        `hint` (a slot per meeting), so CP-SAT starts from a complete solution."""
        inst, model = self.inst, self.model
        hinted = [0] * len(inst.participants)
        for m, s in enumerate(hint):
            if s >= 0:
                for p in inst.meetings[m].participants:
                    hinted[p] |= 1 << s
        terms: list[cp_model.LinearExprT] = []
        for p in range(len(inst.participants)):
            for day in inst.day_masks:
                possible = [
                    s for s in bits(day) if self.pinned_busy[p] >> s & 1 or (p, s) in self.by_person_slot
                ]
                if len(possible) < 3:
                    continue  # idle needs a gap between two meetings
                first = model.NewIntVar(possible[0], possible[-1], "")
                last = model.NewIntVar(possible[0], possible[-1], "")
                model.Add(last >= first)
                met = [s for s in possible if hinted[p] >> s & 1]
                model.AddHint(first, met[0] if met else possible[0])
                model.AddHint(last, met[-1] if met else possible[0])
                for s in possible:
                    if self.pinned_busy[p] >> s & 1:
                        model.Add(first <= s)
                        model.Add(last >= s)
                        terms.append(-1)
                        continue
                    busy = model.NewBoolVar("")
                    model.Add(busy == sum(self.by_person_slot[p, s]))
                    model.AddHint(busy, hinted[p] >> s & 1)
                    model.Add(first <= s).OnlyEnforceIf(busy)
                    model.Add(last >= s).OnlyEnforceIf(busy)
                    terms.append(-busy)
                terms.append(last - first)
        return sum(terms)


def solve_cpsat(
    inst: Instance,
    time_limit: float,
    hint: list[int] | None = None,
    workers: int = 2,
    seed: int = 0,
    idle_phase: bool = True,
    min_priority: int = 0,
) -> CpResult:
    """Solve; min_priority (the priority of a known schedule) prunes the search. The bound
    stays valid with it: a schedule below min_priority is below the known schedule too."""
    built = _Model(inst)
    model, x = built.model, built.x
    priority = sum(inst.meetings[m].priority * v for (m, _), v in x.items())
    # Re-scheduling: meetings kept where they were (table changes inside a slot are free).
    kept = [
        x[m, pl.slot]
        for m, pl in inst.previous.items()
        if pl is not None and m not in inst.pinned and (m, pl.slot) in x
    ]
    served = []
    for p, ms in enumerate(inst.meetings_of):
        if ms and not built.pinned_busy[p]:
            options = [v for m in ms for v in built.by_meeting.get(m, [])]
            if options:
                y = model.NewBoolVar(f"y{p}")
                model.Add(y <= sum(options))
                served.append(y)
    if min_priority > built.pinned_weight:
        model.Add(priority >= min_priority - built.pinned_weight)
    weight_kept = len(served) + 1
    weight_priority = weight_kept * (len(kept) + 1)
    objective = weight_priority * priority + weight_kept * sum(kept) + sum(served)
    model.Maximize(objective)
    if hint is not None:
        for (m, s), v in x.items():
            model.AddHint(v, hint[m] == s)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(0.05, time_limit * (0.7 if idle_phase else 1.0))
    status = solver.Solve(model)
    if status == cp_model.INFEASIBLE:
        # With min_priority set, infeasible means nothing beats the known schedule: it is the
        # optimum. Without it the model always has the empty schedule, so this cannot happen.
        return CpResult(None, max(min_priority, built.pinned_weight), True, "INFEASIBLE")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # UNKNOWN (the time ran out in presolve or before a first solution): CP-SAT's
        # "best bound" then proves nothing, and raising it to min_priority turned it into a
        # false certificate (issue 11). Claim only the trivial bound.
        return CpResult(None, built.pinned_weight + _trivial(inst, built), False, solver.StatusName(status))
    # The search objective is priority * weight_priority + (kept and served, which add up to
    # less than weight_priority), so flooring the division gives a bound on the priority.
    bound = built.pinned_weight + math.floor(solver.BestObjectiveBound() / weight_priority + 1e-9)
    optimal = status == cp_model.OPTIMAL
    slot_of = _read(inst, solver, x)
    phase1_time = solver.WallTime()
    remaining = time_limit - phase1_time
    if idle_phase and remaining > 0.05:
        model.ClearHints()
        for (m, s), v in x.items():
            model.AddHint(v, slot_of[m] == s)
        idle = built.idle_expr(slot_of)
        if not isinstance(idle, int):
            model.Add(objective >= round(solver.ObjectiveValue()))
            model.Minimize(idle)
            solver.parameters.max_time_in_seconds = remaining
            if solver.Solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                slot_of = _read(inst, solver, x)
    return CpResult(slot_of, bound, optimal, "OPTIMAL" if optimal else "FEASIBLE")


def _trivial(inst: Instance, built: _Model) -> int:
    """The priority of every meeting that has a variable: a bound that needs no proof."""
    return sum(inst.meetings[m].priority for m in built.by_meeting)


def _read(inst: Instance, solver: cp_model.CpSolver, x: dict) -> list[int]:
    slot_of = [-1] * len(inst.meetings)
    for m, placement in inst.pinned.items():
        slot_of[m] = placement.slot
    for (m, s), v in x.items():
        if solver.BooleanValue(v):
            slot_of[m] = s
    return slot_of
