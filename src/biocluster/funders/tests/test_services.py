"""The services' rules: a contract's checks, targets on the registry's codes, the dashboard's
actuals read from the registry, instalments overdue, deadlines on the staff's home page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.audit.models import AuditEvent
from biocluster.core import indicators as ind
from biocluster.funders import services
from biocluster.funders import status as rule
from biocluster.funders.models import FunderContract, Instalment, Objective, Target

from .factories import (
    ContractFactory,
    DeadlineFactory,
    FunderFactory,
    InstalmentFactory,
    ObjectiveFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def _contract_fields(**changes):
    fields = {
        "funder": FunderFactory(),
        "title": "Contrat d'objectifs et de moyens",
        "reference": "CPOM-2021",
        "amount": Decimal("25000000"),
        "start_year": 2021,
        "end_year": 2023,
        "language": "fr",
    }
    return fields | changes


def test_a_contract_is_created_and_audited(staff_user):
    contract = services.create_contract(actor=staff_user, **_contract_fields())
    assert contract.years == [2021, 2022, 2023]
    assert AuditEvent.objects.filter(action="funders.contract.created").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_year": 2023, "end_year": 2021}, "end_year"),
        ({"amount": Decimal("-1")}, "amount"),
        ({"title": "  "}, "title"),
        ({"language": "de"}, "language"),
        ({"start_year": 2021, "end_year": 2040}, "end_year"),
    ],
)
def test_bad_contracts_are_refused_on_their_field_and_nothing_is_saved(staff_user, changes, field):
    with pytest.raises(ValidationError) as error:
        services.create_contract(actor=staff_user, **_contract_fields(**changes))
    assert field in error.value.message_dict
    assert not FunderContract.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="funders.").exists()


def test_the_funder_is_a_funder_of_the_directory(staff_user):
    startup = FunderFactory(kind="startup")
    with pytest.raises(ValidationError) as error:
        services.create_contract(actor=staff_user, **_contract_fields(funder=startup))
    assert "funder" in error.value.message_dict


def test_a_reference_is_unique_whatever_its_case(staff_user):
    ContractFactory(reference="CPOM-2021")
    with pytest.raises(ValidationError) as error:
        services.create_contract(actor=staff_user, **_contract_fields(reference="cpom-2021"))
    assert "reference" in error.value.message_dict


def test_years_cannot_leave_targets_outside(staff_user):
    target = TargetFactory(year=2023)
    with pytest.raises(ValidationError) as error:
        services.update_contract(actor=staff_user, contract=target.objective.contract, end_year=2022)
    assert "end_year" in error.value.message_dict
    assert FunderContract.objects.get().end_year == 2023


def test_objectives_are_numbered_in_order(staff_user):
    contract = ContractFactory()
    first = services.add_objective(actor=staff_user, contract=contract, title_en="One", title_fr="Un")
    second = services.add_objective(actor=staff_user, contract=contract, title_en="Two", title_fr="Deux")
    assert (first.number, second.number) == (1, 2)


def test_targets_are_set_changed_and_removed_per_year(staff_user, registered):
    registered("test.figure", {})
    objective = ObjectiveFactory()
    services.set_targets(
        actor=staff_user, objective=objective, indicator="test.figure", targets={2021: 5, 2022: 8}
    )
    services.set_targets(
        actor=staff_user, objective=objective, indicator="test.figure", targets={2021: None, 2022: 9}
    )
    assert list(Target.objects.values_list("year", "value")) == [(2022, Decimal("9.00"))]


@pytest.mark.parametrize(
    ("indicator", "targets", "field"),
    [
        ("no.such_indicator", {2022: 5}, "indicator"),
        ("test.figure", {2022: -5}, "target_2022"),
        ("test.figure", {2022: "many"}, "target_2022"),
        ("test.figure", {2030: 5}, "year"),
    ],
)
def test_bad_targets_are_refused_and_nothing_is_saved(staff_user, registered, indicator, targets, field):
    registered("test.figure", {})
    objective = ObjectiveFactory()
    with pytest.raises(ValidationError) as error:
        services.set_targets(
            actor=staff_user, objective=objective, indicator=indicator, targets={2021: 3, **targets}
        )
    assert field in error.value.message_dict
    assert not Target.objects.exists()


def test_the_actual_is_the_registry_value_of_each_year(registered):
    registered("test.figure", {2021: 12, 2022: 4})
    target = TargetFactory(indicator="test.figure", year=2021, value=10)
    TargetFactory(objective=target.objective, indicator="test.figure", year=2022, value=10)
    TargetFactory(objective=target.objective, indicator="test.figure", year=2023, value=10)
    board = services.dashboard(target.objective.contract, today=datetime.date(2022, 7, 2))
    cells = board.objectives[0].lines[0].cells
    assert [(c.year, c.actual, c.status) for c in cells] == [
        (2021, Decimal(12), rule.MET),
        (2022, Decimal(4), rule.AT_RISK),  # 10 x 183/365 = 5.01 expected by 2 July
        (2023, None, rule.NOT_STARTED),
    ]
    assert cells[0].url == "/indicators/test.figure/?year=2021"
    assert cells[1].url == "/indicators/test.figure/?at=2022-07-02"  # the current year, to date
    assert board.objectives[0].at_risk


def test_the_current_year_of_a_real_indicator_counts_to_today(staff_user):
    """calls.proposals, through the registry: the value to date is the one the drill-down shows."""
    target = TargetFactory(indicator="calls.proposals", year=2022, value=3)
    indicator = ind.get("calls.proposals")
    board = services.dashboard(target.objective.contract, today=datetime.date(2022, 5, 1))
    cell = board.objectives[0].lines[0].cells[1]
    assert cell.actual == indicator.evaluate(indicator.period(at=datetime.date(2022, 5, 1))).value == 0
    assert cell.status == rule.AT_RISK


def test_a_declared_value_keeps_its_provenance_and_response_rate(registered):
    registered("test.declared", {2021: 9}, provenance=ind.VALIDATED, response_rate=0.64)
    target = TargetFactory(indicator="test.declared", year=2021, value=10)
    cell = (
        services.dashboard(target.objective.contract, today=datetime.date(2022, 7, 2))
        .objectives[0]
        .lines[0]
        .cells[0]
    )
    assert (cell.actual, cell.status, cell.provenance, cell.response_rate) == (
        9,
        rule.MISSED,
        ind.VALIDATED,
        0.64,
    )


def test_a_state_is_assessed_from_the_end_of_the_previous_year(registered):
    registered("test.state", {2021: 70, 2022: 72}, period_kind=ind.AT)
    target = TargetFactory(indicator="test.state", year=2022, value=80)
    board = services.dashboard(target.objective.contract, today=datetime.date(2022, 7, 2))
    cell = board.objectives[0].lines[0].cells[1]
    # 70 + 10 x 183/365 = 75.01 expected by 2 July: 72 is at risk (from zero, 40.1, it would look on track)
    assert (cell.status, cell.expected) == (rule.AT_RISK, Decimal("75.0"))  # read to a tenth


def test_instalments_overdue_and_totals():
    contract = ContractFactory()
    InstalmentFactory(
        contract=contract,
        expected_on=datetime.date(2021, 6, 30),
        amount=5,
        received_on=datetime.date(2021, 7, 2),
        received_amount=5,
    )
    InstalmentFactory(contract=contract, expected_on=datetime.date(2022, 6, 30), amount=7)
    InstalmentFactory(contract=contract, expected_on=datetime.date(2023, 6, 30), amount=9)
    board = services.dashboard(contract, today=datetime.date(2022, 7, 1))
    assert [overdue for _, overdue in board.instalments.rows] == [False, True, False]
    assert (board.instalments.expected, board.instalments.received, board.instalments.overdue) == (21, 5, 7)


def test_a_payment_received_has_a_date_and_an_amount(staff_user):
    instalment = InstalmentFactory()
    with pytest.raises(ValidationError) as error:
        services.update_instalment(
            actor=staff_user, instalment=instalment, received_on=datetime.date(2021, 7, 1)
        )
    assert "received_amount" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_instalment(
            actor=staff_user, contract=instalment.contract, expected_on=datetime.date(2022, 1, 1), amount=-3
        )
    assert "amount" in error.value.message_dict
    assert Instalment.objects.count() == 1 and Instalment.objects.get().received_on is None


def test_deadlines_show_on_the_staff_home_page_before_they_fall_due(staff_user, member):
    from biocluster.core.registry import todos_for

    soon = DeadlineFactory(due_on=datetime.date(2022, 3, 31), what="Rapport annuel 2021")
    DeadlineFactory(due_on=datetime.date(2022, 9, 30), what="Later report")
    DeadlineFactory(due_on=datetime.date(2022, 3, 1), what="Sent report", done_on=datetime.date(2022, 2, 27))
    assert list(services.deadlines_to_do(datetime.date(2022, 3, 10))) == [soon]
    assert list(services.deadlines_to_do(datetime.date(2022, 2, 20))) == []  # 39 days ahead: not yet
    assert any("Rapport annuel 2021" in todo.title for todo in todos_for(staff_user))  # overdue since
    assert not any("Funder" in todo.area for todo in todos_for(member))


def test_deadlines_on_the_home_page_at_a_fixed_date(staff_user, time_machine):
    from biocluster.core.registry import todos_for

    time_machine.move_to(datetime.datetime(2022, 4, 2, 10, tzinfo=datetime.UTC), tick=False)
    DeadlineFactory(due_on=datetime.date(2022, 3, 31), what="Rapport annuel 2021")
    lines = [todo for todo in todos_for(staff_user) if "Rapport annuel 2021" in todo.title]
    assert len(lines) == 1 and lines[0].overdue


def test_a_deadline_is_done_once(staff_user, time_machine):
    time_machine.move_to(datetime.datetime(2022, 4, 2, 10, tzinfo=datetime.UTC), tick=False)
    deadline = DeadlineFactory()
    services.complete_deadline(actor=staff_user, deadline=deadline)
    deadline.refresh_from_db()
    assert deadline.done_on == datetime.date(2022, 4, 2)
    with pytest.raises(ValidationError):
        services.complete_deadline(actor=staff_user, deadline=deadline)


def test_deleting_an_objective_removes_its_targets(staff_user):
    target = TargetFactory()
    services.delete_objective(actor=staff_user, objective=target.objective)
    assert not Objective.objects.exists() and not Target.objects.exists()
