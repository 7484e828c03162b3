"""A project's months and the checks that keep its plan sound. Pure Python: no Django.

Months are counted from the project's start: M1 begins on the start date, M2 one calendar
month later, and so on. The checks take plain rows (the dataclasses below) and return
warnings; they refuse nothing: a plan may be saved unsound, and is shown with its warnings.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

# -- months


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole calendar months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def month_start(start: datetime.date, month: int) -> datetime.date:
    """The first day of month `month` (M1 is the month starting on `start`)."""
    return add_months(start, month - 1)


def month_end(start: datetime.date, month: int) -> datetime.date:
    """The last day of month `month`."""
    return add_months(start, month) - datetime.timedelta(days=1)


def months_between(start: datetime.date, end: datetime.date) -> int:
    """How many months, counted from `start`, it takes to reach `end` (at least 1)."""
    months = 1
    while month_end(start, months) < end:
        months += 1
    return months


def month_of(start: datetime.date, day: datetime.date) -> int:
    """The project month `day` falls in (0 or less: before the start)."""
    if day < start:
        return 0
    return months_between(start, day)


# -- the plan, as plain rows


@dataclass(frozen=True)
class WorkPackageRow:
    id: int
    number: int
    start_month: int
    end_month: int
    leader_id: int


@dataclass(frozen=True)
class TaskRow:
    id: int
    work_package_id: int
    label: str
    start_month: int
    end_month: int


@dataclass(frozen=True)
class DeliverableRow:
    id: int
    work_package_id: int
    number: str
    due_month: int


@dataclass(frozen=True)
class EffortRow:
    participant_id: int
    period_id: int
    planned: Decimal
    declared: Decimal | None


@dataclass(frozen=True)
class Plan:
    work_packages: list[WorkPackageRow]
    tasks: list[TaskRow] = field(default_factory=list)
    deliverables: list[DeliverableRow] = field(default_factory=list)
    efforts: list[EffortRow] = field(default_factory=list)
    consortium: frozenset[int] = frozenset()  # the organisations of the consortium


# What a warning is about, and its kind: the Django side words it in the reader's language.
DELIVERABLE_AFTER_WP = "deliverable_after_work_package"
TASK_OUTSIDE_WP = "task_outside_work_package"
EFFORT_ABOVE_PLAN = "effort_above_plan"
LEADER_NOT_IN_CONSORTIUM = "leader_not_in_consortium"


@dataclass(frozen=True)
class Warning:
    kind: str
    subject: str  # "deliverable", "task", "effort" or "work_package"
    subject_id: object  # its id; for an effort, (participant id, period id)
    details: dict = field(default_factory=dict)


def deliverables_after_their_work_package(plan: Plan) -> list[Warning]:
    ends = {wp.id: wp for wp in plan.work_packages}
    return [
        Warning(
            DELIVERABLE_AFTER_WP,
            "deliverable",
            row.id,
            {
                "number": row.number,
                "due": row.due_month,
                "wp": ends[row.work_package_id].number,
                "end": ends[row.work_package_id].end_month,
            },
        )
        for row in plan.deliverables
        if row.work_package_id in ends and row.due_month > ends[row.work_package_id].end_month
    ]


def tasks_outside_their_work_package(plan: Plan) -> list[Warning]:
    packages = {wp.id: wp for wp in plan.work_packages}
    warnings = []
    for row in plan.tasks:
        wp = packages.get(row.work_package_id)
        if wp is not None and (row.start_month < wp.start_month or row.end_month > wp.end_month):
            details = {
                "task": row.label,
                "start": row.start_month,
                "end": row.end_month,
                "wp": wp.number,
                "wp_start": wp.start_month,
                "wp_end": wp.end_month,
            }
            warnings.append(Warning(TASK_OUTSIDE_WP, "task", row.id, details))
    return warnings


def effort_above_plan(plan: Plan) -> list[Warning]:
    """Per partner and period: person-months declared above those planned."""
    planned: dict[tuple[int, int], Decimal] = {}
    declared: dict[tuple[int, int], Decimal] = {}
    for row in plan.efforts:
        key = (row.participant_id, row.period_id)
        planned[key] = planned.get(key, Decimal(0)) + Decimal(row.planned or 0)
        if row.declared is not None:
            declared[key] = declared.get(key, Decimal(0)) + Decimal(row.declared)
    return [
        Warning(
            EFFORT_ABOVE_PLAN,
            "effort",
            key,
            {"planned": planned[key], "declared": value, "over": value - planned[key]},
        )
        for key, value in sorted(declared.items())
        if value > planned[key]
    ]


def leaders_outside_the_consortium(plan: Plan) -> list[Warning]:
    return [
        Warning(LEADER_NOT_IN_CONSORTIUM, "work_package", wp.id, {"wp": wp.number})
        for wp in plan.work_packages
        if wp.leader_id not in plan.consortium
    ]


CHECKS = (
    deliverables_after_their_work_package,
    tasks_outside_their_work_package,
    effort_above_plan,
    leaders_outside_the_consortium,
)


def check(plan: Plan, checks: Iterable = CHECKS) -> list[Warning]:
    """Every warning of the plan, check by check."""
    return [warning for one in checks for warning in one(plan)]


# -- the review chain of a deliverable

DRAFT, REVIEW, FINAL, SUBMITTED, ACCEPTED = "draft", "review", "final", "submitted", "accepted"
CHAIN = (DRAFT, REVIEW, FINAL, SUBMITTED, ACCEPTED)
# A deliverable moves one step on, or from review back to draft (changes asked, with why).
MOVES = {
    DRAFT: {REVIEW},
    REVIEW: {FINAL, DRAFT},
    FINAL: {SUBMITTED, REVIEW},
    SUBMITTED: {ACCEPTED, REVIEW},
    ACCEPTED: set(),
}
BACKWARDS = {(REVIEW, DRAFT), (FINAL, REVIEW), (SUBMITTED, REVIEW)}
# Submitting to the funder and recording its acceptance are the coordinator's.
COORDINATOR_ONLY = {SUBMITTED, ACCEPTED}


def next_statuses(status: str) -> list[str]:
    """Where a deliverable may go from `status`, in the chain's order."""
    return [s for s in CHAIN if s in MOVES.get(status, set())]
