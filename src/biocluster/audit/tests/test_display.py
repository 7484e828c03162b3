"""The audit trail reads as sentences: a tariff change, and every action the code records."""

import ast
import re
from pathlib import Path

import pytest

from biocluster.audit import display

SOURCE = Path(__file__).resolve().parents[2]
RECORDERS = {"record_create", "record_update", "record_delete", "record_many_created", "_set_status"}
ACTION = re.compile(r"^[a-z_]+\.[a-z_]+\.[a-z_]+$")

# Actions named from a value: the pattern as written, and every value it takes.
NAMED_FROM_A_VALUE = {
    "accreditation.accreditation.{decision}": ["accepted", "refused"],
    "events.registration.{status}": ["confirmed", "waiting"],
    "platforms.usage.{kind}": ["use", "late_cancellation", "no_show", "service"],
    "platforms.service_request.{action}": ["quote", "accept", "start", "deliver"],
    "platforms.outage.{kind}_reported": ["breakdown_reported", "safety_reported"],
}
# core.rows.Kind names its actions `<prefix>.<verb>`: each declaration is read where it is made.
ROW_KIND_PATTERNS = {
    "{self.prefix}.{self.verbs[0]}",
    "{self.prefix}.{self.verbs[1]}",
    "{self.prefix}.{self.verbs[2]}",
}
ROW_KIND_VERBS = ("created", "updated", "deleted")


def _row_kind_actions(node: ast.Call) -> set[str]:
    """The actions of a `rows.Kind("<prefix>", ..., verbs=(...))` declaration."""
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
    if name != "Kind" or not node.args or not isinstance(node.args[0], ast.Constant):
        return set()
    verbs = ROW_KIND_VERBS
    for keyword in node.keywords:
        if keyword.arg == "verbs":
            verbs = tuple(ast.literal_eval(keyword.value))
    return {f"{node.args[0].value}.{verb}" for verb in verbs}


def _recorded_actions() -> tuple[set[str], set[str]]:
    """The dotted actions given as `action=` to the audit's record functions (or any call), as
    literals, and the f-string patterns."""
    literals, patterns = set(), set()
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            literals |= _row_kind_actions(node)
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                if (
                    isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                    and ACTION.match(value.value)
                ):
                    literals.add(value.value)
                elif isinstance(value, ast.JoinedStr):
                    patterns.add(
                        "".join(
                            part.value
                            if isinstance(part, ast.Constant)
                            else "{" + ast.unparse(part.value) + "}"
                            for part in value.values
                        )
                    )
    return literals, patterns


def test_the_scan_finds_the_recorded_actions():
    literals, _patterns = _recorded_actions()
    assert {"platforms.tariff.updated", "calls.proposal.submitted", "funders.objective.added"} <= literals
    assert len(literals) > 100


def test_every_recorded_action_reads_as_a_sentence():
    literals, patterns = _recorded_actions()
    assert patterns == set(NAMED_FROM_A_VALUE) | ROW_KIND_PATTERNS, (
        "a new action named from a value: list its values here"
    )
    actions = set(literals)
    for pattern, values in NAMED_FROM_A_VALUE.items():
        prefix = pattern.rsplit(".", 1)[0]
        actions |= {f"{prefix}.{value}" for value in values}
    unreadable = sorted(action for action in actions if not display.reads_as_sentence(action))
    assert unreadable == [], f"register how these read in the app's audit_log.py: {unreadable}"


@pytest.mark.django_db
def test_a_tariff_change_reads_as_a_sentence(manager_nadia_and_tariff):
    from biocluster.audit.models import AuditEvent
    from biocluster.platforms import services

    manager, tariff = manager_nadia_and_tariff
    services.set_tariff(
        actor=manager,
        platform=tariff.platform,
        instrument=tariff.instrument,
        category=tariff.category,
        valid_from=tariff.valid_from,
        price=40,
        unit=tariff.unit,
    )
    event = AuditEvent.objects.get(action="platforms.tariff.updated")
    assert display.sentence(event) == (
        "Nadia Benali changed the tariff Confocal LSM 980 — External company from €30 to €40"
    )
    assert [(c.label, c.before, c.after) for c in display.changes(event)] == [
        ("Price (EUR, excl. VAT)", "30.00", "40")
    ]


@pytest.mark.django_db
def test_the_generic_sentence_uses_the_verbose_names_and_choice_labels(staff_user):
    from biocluster.audit.models import AuditEvent
    from biocluster.directory import services
    from biocluster.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Abolis", kind="startup")
    services.update_organisation(actor=staff_user, organisation=organisation, kind="sme")
    event = AuditEvent.objects.get(action="directory.organisation.updated")
    assert display.sentence(event) == f"{display.actor_name(event)} changed the organisation “Abolis”"
    kind = next(c for c in display.changes(event) if c.before != c.after)
    assert (kind.label, kind.before, kind.after) == ("Kind", "Start-up", "SME")


@pytest.fixture
def manager_nadia_and_tariff(db):
    import datetime

    from biocluster.platforms.tests.factories import InstrumentFactory, TariffFactory, manager_of

    instrument = InstrumentFactory(name="Confocal LSM 980")
    tariff = TariffFactory(
        platform=instrument.platform,
        instrument=instrument,
        category="external_company",
        price=30,
        unit="hour",
        valid_from=datetime.date(2026, 1, 1),
    )
    manager = manager_of(instrument.platform, first_name="Nadia", last_name="Benali")
    return manager, tariff


@pytest.mark.django_db
def test_who_reads_a_history_is_the_rule_the_model_names(staff_user, member, administrator):
    from biocluster.directory.models import Tag
    from biocluster.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    assert staff_user.has_perm("audit.view_history", organisation)  # directory.view_organisation_history
    assert not member.has_perm("audit.view_history", organisation)
    tag = Tag.objects.create(name="enzymes")  # no app names a rule for tags: administrators only
    assert not staff_user.has_perm("audit.view_history", tag)
    assert administrator.has_perm("audit.view_history", tag)
