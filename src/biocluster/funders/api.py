"""/api/funder-contracts: funder contracts, their objectives with targets against the registry's
values and their status, instalments, deadlines and funded projects.

Cluster staff only, as on the pages: others find nothing (404 on a contract; 401 anonymous,
403 otherwise on the list and the writes). Writes go through the same services.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import MAX_ID, ObjectId, Text
from biocluster.directory.models import Organisation

from . import services
from .models import FIRST_YEAR, LAST_YEAR, FunderContract

router = Router(tags=["funder-contracts"])

Language = Literal["fr", "en"]
Year = Field(ge=FIRST_YEAR, le=LAST_YEAR)
AMOUNT = {"ge": 0, "le": services.MAX_AMOUNT, "max_digits": 14, "decimal_places": 2}


class FunderContractOut(Schema):
    id: int
    title: str
    reference: str
    funder: int
    funder_name: str
    amount: Decimal
    start_year: int
    end_year: int
    language: str
    notes: str
    source: str


class FunderCellOut(Schema):
    year: int
    target: Decimal | None
    actual: Decimal | None
    expected: Decimal | None = Field(
        description="The value expected by today (the target once the year is over)."
    )
    status: str = Field(
        description="met, on_track, at_risk, missed, not_started or unknown (no target or no value)"
    )
    to_date: date | None = Field(description="The current year: its value counts up to this day.")
    drill_down: str = Field(description="The indicator's page with the records behind the value.")
    provenance: str = Field(description="computed, declared or validated (what the companies declare)")
    response_rate: float | None = Field(
        description="Of a survey: the share of the companies asked behind the value."
    )


class FunderIndicatorOut(Schema):
    code: str
    name: str
    unit: str
    registered: bool
    years: list[FunderCellOut]


class FunderObjectiveOut(Schema):
    id: int
    number: int
    title_en: str
    title_fr: str
    description_en: str
    description_fr: str
    indicators: list[FunderIndicatorOut]


class FunderInstalmentOut(Schema):
    id: int
    expected_on: date
    amount: Decimal
    received_on: date | None
    received_amount: Decimal | None
    overdue: bool


class FunderDeadlineOut(Schema):
    id: int
    due_on: date
    what: str
    done_on: date | None
    overdue: bool


class FunderProjectOut(Schema):
    id: int
    title: str
    award: int | None
    amount: Decimal


class FunderContractDetailOut(FunderContractOut):
    on: date
    objectives: list[FunderObjectiveOut]
    statuses: dict[str, int]
    instalments: list[FunderInstalmentOut]
    instalments_expected: Decimal
    instalments_received: Decimal
    deadlines: list[FunderDeadlineOut]
    projects: list[FunderProjectOut]


class FunderTargetIn(Schema):
    indicator: Text(100, 1) = Field(description="A code of the indicator registry (GET /api/indicators).")
    year: int = Year
    value: Decimal = Field(**AMOUNT)


class FunderObjectiveIn(Schema):
    title_en: Text(300, 1)
    title_fr: Text(300, 1)
    description_en: Text(5000) = ""
    description_fr: Text(5000) = ""
    targets: list[FunderTargetIn] = Field(default_factory=list, max_length=200)


class FunderContractIn(Schema):
    funder: int = Field(ge=1, le=MAX_ID, description="A funder or a public body of the directory.")
    title: Text(200, 1)
    reference: Text(60, 1)
    amount: Decimal = Field(**AMOUNT)
    start_year: int = Year
    end_year: int = Year
    language: Language = "fr"
    notes: Text(5000) = ""
    objectives: list[FunderObjectiveIn] = Field(default_factory=list, max_length=50)


class FunderContractPatch(Schema):
    funder: int | None = Field(None, ge=1, le=MAX_ID)
    title: Text(200, 1) | None = None
    reference: Text(60, 1) | None = None
    amount: Decimal | None = Field(None, **AMOUNT)
    start_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    end_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    language: Language | None = None
    notes: Text(5000) | None = None


def contract_out(contract: FunderContract) -> dict:
    return {
        "id": contract.pk,
        "title": contract.title,
        "reference": contract.reference,
        "funder": contract.funder_id,
        "funder_name": contract.funder.name,
        "amount": contract.amount,
        "start_year": contract.start_year,
        "end_year": contract.end_year,
        "language": contract.language,
        "notes": contract.notes,
        "source": contract.source,
    }


def detail_out(contract: FunderContract) -> dict:
    board = services.dashboard(contract, timezone.localdate())
    return contract_out(contract) | {
        "on": board.today,
        "objectives": [
            {
                "id": entry.objective.pk,
                "number": entry.objective.number,
                "title_en": entry.objective.title_en,
                "title_fr": entry.objective.title_fr,
                "description_en": entry.objective.description_en,
                "description_fr": entry.objective.description_fr,
                "indicators": [
                    {
                        "code": line.code,
                        "name": line.name,
                        "unit": line.unit,
                        "registered": line.indicator is not None,
                        "years": [
                            {
                                "year": cell.year,
                                "target": cell.target,
                                "actual": cell.actual,
                                "expected": cell.expected,
                                "status": cell.status,
                                "to_date": cell.to_date,
                                "drill_down": cell.url,
                                "provenance": cell.provenance,
                                "response_rate": cell.response_rate,
                            }
                            for cell in line.cells
                        ],
                    }
                    for line in entry.lines
                ],
            }
            for entry in board.objectives
        ],
        "statuses": {key: count for key, count in board.counts.items() if count},
        "instalments": [
            {
                "id": row.pk,
                "expected_on": row.expected_on,
                "amount": row.amount,
                "received_on": row.received_on,
                "received_amount": row.received_amount,
                "overdue": overdue,
            }
            for row, overdue in board.instalments.rows
        ],
        "instalments_expected": board.instalments.expected,
        "instalments_received": board.instalments.received,
        "deadlines": [
            {"id": row.pk, "due_on": row.due_on, "what": row.what, "done_on": row.done_on, "overdue": overdue}
            for row, overdue in board.deadlines
        ],
        "projects": [
            {"id": row.pk, "title": str(row), "award": row.award_id, "amount": row.amount}
            for row in board.projects
        ],
    }


def _contracts(request):
    return FunderContract.objects.visible_to(request.user).select_related("funder")


def _funder(request, pk: int) -> Organisation:
    funder = Organisation.objects.visible_to(request.user).filter(pk=pk).first()
    if funder is None:
        raise ValidationError({"funder": [_("No such organisation.")]})
    return funder


@router.get("/funder-contracts", response=list[FunderContractOut], summary="Funder contracts (staff)")
@paginate
def list_contracts(request):
    require(request.user, "funders.view_contract")
    return Shaped(_contracts(request), contract_out)


@router.get("/funder-contracts/{pk}", response={200: FunderContractDetailOut, 404: Error})
def get_contract(request, pk: ObjectId):
    """The contract with, per objective, indicator and year: target, actual (the registry's value), status."""
    contract = get_visible_or_404(_contracts(request), request.user, pk=pk)
    require(request.user, "funders.view_contract", contract)
    return detail_out(contract)


@router.post(
    "/funder-contracts",
    response={201: FunderContractDetailOut, 403: Error, 422: Error},
    summary="Create a funder contract with its objectives and targets (staff)",
)
def create_contract(request, payload: FunderContractIn):
    require(request.user, "funders.add_contract")
    data = payload.dict()
    objectives = data.pop("objectives")
    with transaction.atomic():  # all or nothing: a bad target leaves no contract behind
        contract = services.create_contract(
            actor=request.user, **(data | {"funder": _funder(request, payload.funder)})
        )
        for entry in objectives:
            targets = entry.pop("targets")
            objective = services.add_objective(actor=request.user, contract=contract, **entry)
            by_code: dict[str, dict[int, Decimal]] = {}
            for target in targets:
                by_code.setdefault(target["indicator"], {})[target["year"]] = target["value"]
            for code, values in by_code.items():
                services.set_targets(actor=request.user, objective=objective, indicator=code, targets=values)
    return Status(201, detail_out(_contracts(request).get(pk=contract.pk)))


@router.patch(
    "/funder-contracts/{pk}", response={200: FunderContractDetailOut, 403: Error, 404: Error, 422: Error}
)
def update_contract(request, pk: ObjectId, payload: FunderContractPatch):
    contract = get_visible_or_404(_contracts(request), request.user, pk=pk)
    require(request.user, "funders.change_contract", contract)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    if "funder" in changes:
        changes["funder"] = _funder(request, changes["funder"])
    services.update_contract(actor=request.user, contract=contract, **changes)
    return detail_out(_contracts(request).get(pk=pk))
