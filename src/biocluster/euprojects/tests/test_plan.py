"""The pure plan checks and the project's months (no database)."""

import datetime
from decimal import Decimal

from biocluster.euprojects import plan
from biocluster.euprojects.plan import DeliverableRow, EffortRow, Plan, TaskRow, WorkPackageRow

WP1 = WorkPackageRow(id=1, number=1, start_month=1, end_month=12, leader_id=100)
WP2 = WorkPackageRow(id=2, number=2, start_month=6, end_month=24, leader_id=200)


def test_months_count_from_the_start():
    start = datetime.date(2020, 5, 1)
    assert plan.month_start(start, 1) == start
    assert plan.month_end(start, 1) == datetime.date(2020, 5, 31)
    assert plan.month_start(start, 9) == datetime.date(2021, 1, 1)
    assert plan.months_between(start, datetime.date(2022, 4, 30)) == 24
    assert plan.months_between(start, datetime.date(2022, 6, 14)) == 26
    assert plan.month_of(start, datetime.date(2020, 6, 1)) == 2
    assert plan.month_of(start, datetime.date(2020, 4, 30)) == 0
    # A start on the 31st: M2 starts on the last day of the next, shorter month.
    assert plan.month_start(datetime.date(2021, 1, 31), 2) == datetime.date(2021, 2, 28)


def test_a_deliverable_due_after_its_work_package_ends_is_a_warning():
    rows = [
        DeliverableRow(10, 1, "D1.1", 12),
        DeliverableRow(11, 1, "D1.2", 13),
        DeliverableRow(12, 2, "D2.1", 24),
    ]
    warnings = plan.deliverables_after_their_work_package(Plan([WP1, WP2], deliverables=rows))
    assert [(w.kind, w.subject_id, w.details["due"], w.details["end"]) for w in warnings] == [
        (plan.DELIVERABLE_AFTER_WP, 11, 13, 12)
    ]


def test_a_task_outside_its_work_package_s_months_is_a_warning():
    rows = [
        TaskRow(1, 2, "T2.1", 6, 24),  # exactly the WP's months
        TaskRow(2, 2, "T2.2", 5, 10),  # starts before
        TaskRow(3, 1, "T1.1", 2, 13),  # ends after
    ]
    warnings = plan.tasks_outside_their_work_package(Plan([WP1, WP2], tasks=rows))
    assert [w.subject_id for w in warnings] == [2, 3]


def test_declared_effort_above_plan_is_a_warning_per_partner_and_period():
    rows = [
        EffortRow(1, 1, Decimal("6"), Decimal("6")),  # as planned
        EffortRow(1, 2, Decimal("6"), Decimal("6.5")),  # above
        EffortRow(2, 1, Decimal("3"), None),  # not declared yet
        EffortRow(2, 2, Decimal("3"), Decimal("1")),  # below
    ]
    warnings = plan.effort_above_plan(Plan([], efforts=rows))
    assert [(w.subject_id, w.details["over"]) for w in warnings] == [((1, 2), Decimal("0.5"))]


def test_a_work_package_led_outside_the_consortium_is_a_warning():
    warnings = plan.leaders_outside_the_consortium(Plan([WP1, WP2], consortium=frozenset({100})))
    assert [(w.kind, w.subject_id) for w in warnings] == [(plan.LEADER_NOT_IN_CONSORTIUM, 2)]
    assert plan.check(Plan([WP1, WP2], consortium=frozenset({100, 200}))) == []


def test_the_review_chain_goes_one_step_on_or_back():
    assert plan.next_statuses("draft") == ["review"]
    assert plan.next_statuses("review") == ["draft", "final"]
    assert plan.next_statuses("accepted") == []


def test_the_plan_module_imports_no_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(plan))
    imported = {
        name.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for name in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not imported & {"django", "biocluster"}
