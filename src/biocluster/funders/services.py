"""Every write to funder contracts, whether from a page, the API, the admin or the demo; and the
contract's dashboard (targets against the registry's values, with their status).

Each write takes the acting user, runs in a transaction and records its audit event; a rule
it refuses is a `ValidationError` naming the field, and nothing is saved. Who may call them is
the rules' business (`rules.py`), checked by the callers.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biocluster.audit import services as audit
from biocluster.calls.models import Award
from biocluster.core import indicators as ind
from biocluster.core import rows
from biocluster.directory.models import Organisation, OrganisationKind
from biocluster.indicators import services as indicator_services

from . import status as rule
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    LONGEST,
    FundedProject,
    FunderContract,
    Instalment,
    Language,
    Objective,
    ReportingDeadline,
    Target,
)

FUNDER_KINDS = (OrganisationKind.FUNDER, OrganisationKind.PUBLIC_BODY)
TODO_DAYS = 30  # reporting deadlines show on the staff's home page this many days before they fall due
MAX_AMOUNT = Decimal("999999999999.99")
STATUS_LABELS = {
    rule.MET: gettext_lazy("met"),
    rule.ON_TRACK: gettext_lazy("on track"),
    rule.AT_RISK: gettext_lazy("at risk"),
    rule.MISSED: gettext_lazy("missed"),
    rule.NOT_STARTED: gettext_lazy("not started"),
    rule.UNKNOWN: gettext_lazy("no value"),
}


# -- checks shared by the writes


def _amount(name: str, value, *, required: bool = True) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise ValidationError({name: [_("Enter an amount.")]})
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({name: [_("Enter an amount.")]}) from None
    if not amount.is_finite():
        raise ValidationError({name: [_("Enter an amount.")]})
    if amount < 0:
        raise ValidationError({name: [_("An amount cannot be negative.")]})
    if amount > MAX_AMOUNT:
        raise ValidationError({name: [_("This amount is too large.")]})
    return amount.quantize(Decimal("0.01"))


def _date(name: str, value, *, required: bool = True) -> datetime.date | None:
    if value is None and not required:
        return None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({name: [_("Enter a date.")]})
    return value


def _text(name: str, value, *, required: bool = True, limit: int = 300) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise ValidationError({name: [_("Enter a text.")]})
    if required and not text:
        raise ValidationError({name: [_("This field is required.")]})
    if len(text) > limit:
        raise ValidationError({name: [_("At most %(limit)s characters.") % {"limit": limit}]})
    return text


def _check_contract(contract: FunderContract) -> None:
    if not isinstance(contract.funder, Organisation) or contract.funder.kind not in FUNDER_KINDS:
        raise ValidationError({"funder": [_("Choose a funder or a public body of the directory.")]})
    contract.title = _text("title", contract.title, limit=200)
    contract.reference = _text("reference", contract.reference, limit=60)
    contract.amount = _amount("amount", contract.amount)
    for name in ("start_year", "end_year"):
        year = getattr(contract, name)
        if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                {
                    name: [
                        _("Enter a year between %(first)s and %(last)s.")
                        % {"first": FIRST_YEAR, "last": LAST_YEAR}
                    ]
                }
            )
    if contract.end_year < contract.start_year:
        raise ValidationError({"end_year": [_("The last year cannot be before the first.")]})
    if contract.end_year - contract.start_year >= LONGEST:
        raise ValidationError(
            {"end_year": [_("A contract runs at most %(years)s years.") % {"years": LONGEST}]}
        )
    if contract.language not in Language.values:
        raise ValidationError({"language": [_("Choose French or English.")]})
    duplicate = FunderContract.objects.filter(reference__iexact=contract.reference).exclude(pk=contract.pk)
    if duplicate.exists():
        raise ValidationError({"reference": [_("Another contract has this reference.")]})
    if contract.pk is not None:
        outside = Target.objects.filter(objective__contract=contract).exclude(
            year__range=(contract.start_year, contract.end_year)
        )
        if outside.exists():
            raise ValidationError(
                {"end_year": [_("Some targets fall outside these years: change or remove them first.")]}
            )


# -- contracts


CONTRACT_FIELDS = ("funder", "title", "reference", "amount", "start_year", "end_year", "language", "notes")
CONTRACTS = rows.Kind(
    "funders.contract",
    editable=CONTRACT_FIELDS,
    check=_check_contract,
    lock=True,
    verbs=("created", "changed", "deleted"),
)


@transaction.atomic
def create_contract(
    *,
    actor,
    funder: Organisation,
    title: str,
    reference: str,
    amount,
    start_year: int,
    end_year: int,
    language: str = Language.FRENCH,
    notes: str = "",
    source: str = "",
) -> FunderContract:
    contract = FunderContract(
        funder=funder,
        title=title,
        reference=reference,
        amount=amount,
        start_year=start_year,
        end_year=end_year,
        language=language,
        notes=(notes or "").strip(),
        source=source,
    )
    return CONTRACTS.add(contract, actor=actor)


@transaction.atomic
def update_contract(*, actor, contract: FunderContract, **changes) -> FunderContract:
    return CONTRACTS.change(contract, changes, actor=actor)


@transaction.atomic
def delete_contract(*, actor, contract: FunderContract) -> None:
    CONTRACTS.remove(contract, actor=actor)


# -- objectives and their targets


def _check_objective(objective: Objective) -> None:
    objective.title_en = _text("title_en", objective.title_en)
    objective.title_fr = _text("title_fr", objective.title_fr)
    objective.description_en = _text("description_en", objective.description_en, required=False, limit=5000)
    objective.description_fr = _text("description_fr", objective.description_fr, required=False, limit=5000)


OBJECTIVES = rows.Kind(
    "funders.objective",
    editable=("title_en", "title_fr", "description_en", "description_fr"),
    check=_check_objective,
    lock=True,
    verbs=("added", "changed", "removed"),
)


@transaction.atomic
def add_objective(
    *,
    actor,
    contract: FunderContract,
    title_en: str,
    title_fr: str,
    description_en: str = "",
    description_fr: str = "",
) -> Objective:
    """A new objective, numbered after the contract's last one."""
    FunderContract.objects.select_for_update().filter(pk=contract.pk).first()  # numbers one at a time
    last = contract.objectives.order_by("-number").values_list("number", flat=True).first() or 0
    objective = Objective(
        contract=contract,
        number=last + 1,
        title_en=title_en,
        title_fr=title_fr,
        description_en=description_en,
        description_fr=description_fr,
    )
    return OBJECTIVES.add(objective, actor=actor)


@transaction.atomic
def update_objective(*, actor, objective: Objective, **changes) -> Objective:
    return OBJECTIVES.change(objective, changes, actor=actor)


@transaction.atomic
def delete_objective(*, actor, objective: Objective) -> None:
    for target in objective.targets.all():
        audit.record_delete(actor=actor, obj=target, action="funders.target.removed")
    OBJECTIVES.remove(objective, actor=actor)


def _indicator(code) -> ind.Indicator:
    try:
        return ind.get(str(code or ""))
    except LookupError:
        raise ValidationError({"indicator": [_("No indicator has this code.")]}) from None


@transaction.atomic
def set_targets(
    *, actor, objective: Objective, indicator: str, targets: Mapping[int, object], source: str = ""
) -> list[Target]:
    """The objective's target for `indicator` in each year given (a year given None: removed).

    Every year is one of the contract's; every target a number not below zero; the
    indicator a code of the registry. One refusal and nothing is saved.
    """
    code = _indicator(indicator).code
    contract = objective.contract
    checked: dict[int, Decimal | None] = {}
    for year, value in targets.items():
        if not isinstance(year, int) or not contract.start_year <= year <= contract.end_year:
            raise ValidationError(
                {
                    "year": [
                        _("A target is set for a year of the contract (%(first)s to %(last)s).")
                        % {"first": contract.start_year, "last": contract.end_year}
                    ]
                }
            )
        checked[year] = _amount(f"target_{year}", value, required=False)
    existing = {t.year: t for t in objective.targets.select_for_update().filter(indicator=code)}
    saved = []
    for year, value in sorted(checked.items()):
        row = existing.get(year)
        if value is None:
            if row is not None:
                audit.record_delete(actor=actor, obj=row, action="funders.target.removed")
                row.delete()
            continue
        if row is None:
            row = Target(objective=objective, indicator=code, year=year, value=value, source=source)
            row.full_clean()
            row.save()
            audit.record_create(actor=actor, obj=row, action="funders.target.saved")
        elif row.value != value:
            before = audit.snapshot(row)
            row.value = value
            row.full_clean()
            row.save()
            audit.record_update(actor=actor, obj=row, before=before, action="funders.target.saved")
        saved.append(row)
    return saved


@transaction.atomic
def remove_target(*, actor, target: Target) -> None:
    rows.remove_row(target, actor=actor, action="funders.target.removed")


@transaction.atomic
def remove_indicator(*, actor, objective: Objective, indicator: str) -> None:
    """Every target of `indicator` in the objective."""
    for row in objective.targets.filter(indicator=indicator):
        audit.record_delete(actor=actor, obj=row, action="funders.target.removed")
        row.delete()


# -- funded projects


@transaction.atomic
def add_project(
    *,
    actor,
    contract: FunderContract,
    amount,
    award: Award | None = None,
    title: str = "",
    source: str = "",
) -> FundedProject:
    """An awarded project of a call (`award`) or a line of its own (`title`) the contract funds."""
    title = _text("title", title, required=award is None)
    if award is not None:
        if not isinstance(award, Award):
            raise ValidationError({"award": [_("Choose an award of a call.")]})
        if contract.projects.filter(award=award).exists():
            raise ValidationError({"award": [_("This award is already funded by the contract.")]})
    project = FundedProject(
        contract=contract, award=award, title=title, amount=_amount("amount", amount), source=source
    )
    return rows.add_row(project, actor=actor, action="funders.project.added")


@transaction.atomic
def remove_project(*, actor, project: FundedProject) -> None:
    rows.remove_row(project, actor=actor, action="funders.project.removed")


# -- instalments


def _check_instalment(instalment: Instalment) -> None:
    instalment.expected_on = _date("expected_on", instalment.expected_on)
    instalment.amount = _amount("amount", instalment.amount)
    instalment.received_on = _date("received_on", instalment.received_on, required=False)
    instalment.received_amount = _amount("received_amount", instalment.received_amount, required=False)
    if (instalment.received_on is None) != (instalment.received_amount is None):
        name = "received_amount" if instalment.received_on else "received_on"
        raise ValidationError({name: [_("A payment received has a date and an amount.")]})
    if instalment.received_on and instalment.received_on > timezone.localdate():
        raise ValidationError({"received_on": [_("A payment is recorded once received: not in the future.")]})


INSTALMENTS = rows.Kind(
    "funders.instalment",
    editable=("expected_on", "amount", "received_on", "received_amount"),
    check=_check_instalment,
    lock=True,
    verbs=("added", "changed", "removed"),
)


@transaction.atomic
def add_instalment(
    *,
    actor,
    contract: FunderContract,
    expected_on: datetime.date,
    amount,
    received_on: datetime.date | None = None,
    received_amount=None,
    source: str = "",
) -> Instalment:
    instalment = Instalment(
        contract=contract,
        expected_on=expected_on,
        amount=amount,
        received_on=received_on,
        received_amount=received_amount,
        source=source,
    )
    return INSTALMENTS.add(instalment, actor=actor)


@transaction.atomic
def update_instalment(*, actor, instalment: Instalment, **changes) -> Instalment:
    """Change what is expected, or record what was received (date and amount)."""
    return INSTALMENTS.change(instalment, changes, actor=actor)


@transaction.atomic
def remove_instalment(*, actor, instalment: Instalment) -> None:
    INSTALMENTS.remove(instalment, actor=actor)


# -- reporting deadlines


def _check_deadline(deadline: ReportingDeadline) -> None:
    deadline.due_on = _date("due_on", deadline.due_on)
    deadline.what = _text("what", deadline.what)
    deadline.done_on = _date("done_on", deadline.done_on, required=False)
    if deadline.done_on and deadline.done_on > timezone.localdate():
        raise ValidationError({"done_on": [_("A report is done once sent: not in the future.")]})


DEADLINES = rows.Kind(
    "funders.deadline",
    editable=("due_on", "what", "done_on"),
    check=_check_deadline,
    lock=True,
    verbs=("added", "changed", "removed"),
)


@transaction.atomic
def add_deadline(
    *,
    actor,
    contract: FunderContract,
    due_on: datetime.date,
    what: str,
    done_on: datetime.date | None = None,
    source: str = "",
) -> ReportingDeadline:
    deadline = ReportingDeadline(contract=contract, due_on=due_on, what=what, done_on=done_on, source=source)
    return DEADLINES.add(deadline, actor=actor)


@transaction.atomic
def update_deadline(*, actor, deadline: ReportingDeadline, **changes) -> ReportingDeadline:
    return DEADLINES.change(deadline, changes, actor=actor)


@transaction.atomic
def complete_deadline(*, actor, deadline: ReportingDeadline, done_on: datetime.date | None = None):
    """Mark the report sent (today unless said); done twice is refused."""
    if deadline.is_done:
        raise ValidationError({"done_on": [_("This report is already marked done.")]})
    return update_deadline(actor=actor, deadline=deadline, done_on=done_on or timezone.localdate())


@transaction.atomic
def remove_deadline(*, actor, deadline: ReportingDeadline) -> None:
    DEADLINES.remove(deadline, actor=actor)


def deadlines_to_do(today: datetime.date | None = None):
    """Reporting deadlines not done, overdue or falling due within `TODO_DAYS` of `today`."""
    today = today or timezone.localdate()
    return (
        ReportingDeadline.objects.filter(
            done_on__isnull=True, due_on__lte=today + datetime.timedelta(days=TODO_DAYS)
        )
        .select_related("contract", "contract__funder")
        .order_by("due_on", "id")
    )


# -- the dashboard


@dataclass
class Cell:
    """One year of one indicator of an objective: its target, the registry's value, the status."""

    year: int
    target: Decimal | None
    actual: Decimal | int | None
    status: str
    expected: Decimal | None
    url: str  # the indicator's drill-down for that year (to date, for the current year)
    to_date: datetime.date | None = None  # the current year: the value up to this day
    provenance: str = ind.COMPUTED  # declared or validated for what companies declare (the survey)
    response_rate: float | None = None  # of a survey: the share of the companies asked behind the value

    @property
    def provenance_label(self) -> str:
        return str(ind.PROVENANCES.get(self.provenance, self.provenance))

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status)) if self.target is not None else "—"

    @property
    def achievement(self) -> float | None:
        """The actual as a share of the target (1.0: reached)."""
        if self.target in (None, 0) or self.actual is None:
            return None
        return float(Decimal(self.actual) / Decimal(self.target))


@dataclass
class IndicatorLine:
    code: str
    indicator: ind.Indicator | None  # None: a code no longer registered
    cells: list[Cell]

    @property
    def name(self) -> str:
        return str(self.indicator.name) if self.indicator else self.code

    @property
    def unit(self) -> str:
        return self.indicator.unit if self.indicator else ind.COUNT


@dataclass
class ObjectiveLine:
    objective: Objective
    lines: list[IndicatorLine]

    @property
    def statuses(self) -> set[str]:
        return {cell.status for line in self.lines for cell in line.cells if cell.target is not None}

    @property
    def at_risk(self) -> bool:
        return rule.AT_RISK in self.statuses


@dataclass
class InstalmentsSummary:
    rows: list[tuple[Instalment, bool]]  # each with whether it is overdue
    expected: Decimal
    received: Decimal
    overdue: Decimal

    @property
    def overdue_count(self) -> int:
        return sum(1 for _, overdue in self.rows if overdue)


@dataclass
class Dashboard:
    contract: FunderContract
    today: datetime.date
    objectives: list[ObjectiveLine]
    instalments: InstalmentsSummary
    deadlines: list[tuple[ReportingDeadline, bool]]
    projects: list[FundedProject]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def projects_total(self) -> Decimal:
        return sum((project.amount for project in self.projects), Decimal(0))


def _actuals(today: datetime.date):
    """The registry's value of (code, year), each computed once: a past year to its 31 December,
    the current year to `today`; a year to come has none."""
    known: dict[tuple[str, int], ind.Result | None] = {}

    def result(indicator: ind.Indicator, year: int) -> ind.Result | None:
        key = (indicator.code, year)
        if key not in known:
            if year > today.year:
                known[key] = None
            else:
                arguments = {"at": today} if year == today.year else {"year": year}
                known[key] = indicator_services.figure(indicator, historical={}, **arguments).result
        return known[key]

    return result


def drill_down_url(code: str, year: int, today: datetime.date) -> str:
    base = reverse("indicators:detail", args=[code])
    return f"{base}?at={today.isoformat()}" if year == today.year else f"{base}?year={year}"


def _line(code: str, targets: dict[int, Decimal], years: list[int], today, result) -> IndicatorLine:
    try:
        indicator = ind.get(code)
    except LookupError:
        indicator = None

    def actual(indicator, year):
        found = result(indicator, year)
        return found.value if found is not None else None

    cells = []
    for year in years:
        target = targets.get(year)
        found = result(indicator, year) if indicator else None
        value = found.value if found is not None else None
        if target is None:
            state, expected = rule.UNKNOWN, None
        else:
            prorate = indicator is not None and indicator.unit != ind.PERCENT
            baseline = 0
            if indicator is not None and indicator.period_kind != ind.YEAR and year == today.year:
                baseline = actual(indicator, year - 1)
            assessment = rule.assess(
                target=target, actual=value, year=year, today=today, baseline=baseline, prorate=prorate
            )
            state, expected = assessment.status, assessment.expected
            if expected is not None and prorate:
                expected = expected.quantize(Decimal("0.1"))  # a prorated value, read to a tenth
        cells.append(
            Cell(
                year=year,
                target=target,
                actual=value,
                status=state,
                expected=expected,
                url=drill_down_url(code, year, today) if indicator and year <= today.year else "",
                to_date=today if year == today.year else None,
                provenance=getattr(found, "provenance", ind.COMPUTED),
                response_rate=getattr(found, "response_rate", None),
            )
        )
    return IndicatorLine(code, indicator, cells)


def dashboard(contract: FunderContract, today: datetime.date | None = None) -> Dashboard:
    """Per objective, indicator and year of the contract: target against the registry's value,
    with its status on `today` (the server's date unless given); instalments, deadlines, projects."""
    today = today or timezone.localdate()
    actual = _actuals(today)
    objectives = list(contract.objectives.prefetch_related("targets").order_by("number", "id"))
    lines = []
    for objective in objectives:
        by_code: dict[str, dict[int, Decimal]] = {}
        for target in objective.targets.all():
            by_code.setdefault(target.indicator, {})[target.year] = target.value
        lines.append(
            ObjectiveLine(
                objective,
                [
                    _line(code, targets, contract.years, today, actual)
                    for code, targets in sorted(by_code.items())
                ],
            )
        )
    instalments = list(contract.instalments.order_by("expected_on", "id"))
    rows = [(row, row.is_overdue(today)) for row in instalments]
    summary = InstalmentsSummary(
        rows=rows,
        expected=sum((row.amount for row in instalments), Decimal(0)),
        received=sum((row.received_amount or Decimal(0) for row in instalments), Decimal(0)),
        overdue=sum((row.amount for row, overdue in rows if overdue), Decimal(0)),
    )
    deadlines = [(row, row.is_overdue(today)) for row in contract.deadlines.order_by("due_on", "id")]
    projects = list(
        contract.projects.select_related("award__proposal__call", "award__proposal__organisation").order_by(
            "id"
        )
    )
    board = Dashboard(contract, today, lines, summary, deadlines, projects)
    cells = [cell for line in lines for row in line.lines for cell in row.cells if cell.target is not None]
    board.counts = {state: sum(1 for cell in cells if cell.status == state) for state in rule.STATUSES}
    return board
