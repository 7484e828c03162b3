"""The funder contracts rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. Contracts are cluster staff's (any
department) and administrators': others never see one (404) nor the list (403).
"""

from biocluster.core.tests.admin_matrix import admin_rows

STAFF_ONLY = "302 403 403 200 403 403 200"
STAFF_WRITES = "302 403 403 302 403 403 302"
STAFF_SEES = "302 404 404 200 404 404 200"
STAFF_SEES_WRITES = "302 404 404 302 404 404 302"

PAGES = {
    ("funders:contract_list", None, "get"): STAFF_ONLY,
    ("funders:contract_create", None, "get"): STAFF_ONLY,
    ("funders:contract_create", None, "post"): STAFF_WRITES,
    ("funders:contract_detail", "contract", "get"): STAFF_SEES,
    ("funders:contract_edit", "contract", "get"): STAFF_SEES,
    ("funders:contract_edit", "contract", "post"): STAFF_SEES_WRITES,
    ("funders:contract_delete", "contract", "post"): STAFF_SEES_WRITES,
    ("funders:contract_pdf", "contract", "get"): STAFF_SEES,
    ("funders:contract_xlsx", "contract", "get"): STAFF_SEES,
    ("funders:objective_create", "contract", "get"): STAFF_SEES,
    ("funders:objective_create", "contract", "post"): STAFF_SEES_WRITES,
    ("funders:objective_edit", "objective", "get"): STAFF_SEES,
    ("funders:objective_edit", "objective", "post"): STAFF_SEES_WRITES,
    ("funders:objective_delete", "objective", "post"): STAFF_SEES_WRITES,
    ("funders:targets_edit", "objective", "get"): STAFF_SEES,
    ("funders:targets_edit", "objective", "post"): STAFF_SEES_WRITES,
    ("funders:project_create", "contract", "get"): STAFF_SEES,
    ("funders:project_create", "contract", "post"): STAFF_SEES_WRITES,
    ("funders:project_delete", "project", "post"): STAFF_SEES_WRITES,
    ("funders:instalment_create", "contract", "get"): STAFF_SEES,
    ("funders:instalment_create", "contract", "post"): STAFF_SEES_WRITES,
    ("funders:instalment_edit", "instalment", "get"): STAFF_SEES,
    ("funders:instalment_edit", "instalment", "post"): STAFF_SEES_WRITES,
    ("funders:instalment_delete", "instalment", "post"): STAFF_SEES_WRITES,
    ("funders:deadline_create", "contract", "get"): STAFF_SEES,
    ("funders:deadline_create", "contract", "post"): STAFF_SEES_WRITES,
    ("funders:deadline_edit", "deadline", "get"): STAFF_SEES,
    ("funders:deadline_edit", "deadline", "post"): STAFF_SEES_WRITES,
    ("funders:deadline_done", "deadline", "post"): STAFF_SEES_WRITES,
    ("funders:deadline_delete", "deadline", "post"): STAFF_SEES_WRITES,
}

API = {
    ("/api/funder-contracts", None, "get"): "401 403 403 200 403 403 200",
    ("/api/funder-contracts", None, "post"): "401 403 403 201 403 403 201",
    ("/api/funder-contracts/{pk}", "contract", "get"): "404 404 404 200 404 404 200",
    ("/api/funder-contracts/{pk}", "contract", "patch"): "401 404 404 200 404 404 200",
}

CONTRACT = {"title": "Contrat", "reference": "M-1", "amount": "1000", "start_year": 2021, "end_year": 2023}
BODIES = {
    ("funders:contract_create", "post"): CONTRACT | {"funder": 0, "language": "fr"},
    ("funders:contract_edit", "post"): CONTRACT | {"funder": 0, "language": "en", "reference": "M-2"},
    ("funders:objective_create", "post"): {"title_en": "Grow", "title_fr": "Croître"},
    ("funders:objective_edit", "post"): {"title_en": "Grow more", "title_fr": "Croître plus"},
    ("funders:targets_edit", "post"): {
        "indicator": "calls.proposals",
        "target_2021": "5",
        "target_2022": "6",
    },
    ("funders:project_create", "post"): {"title": "Biofoundry", "amount": "250000"},
    ("funders:instalment_create", "post"): {"expected_on": "2022-06-30", "amount": "500000"},
    ("funders:instalment_edit", "post"): {
        "expected_on": "2021-06-30",
        "amount": "500000",
        "received_on": "2021-07-02",
        "received_amount": "500000",
    },
    ("funders:deadline_create", "post"): {"due_on": "2022-03-31", "what": "Annual report"},
    ("funders:deadline_edit", "post"): {"due_on": "2022-04-30", "what": "Annual report, late"},
    ("/api/funder-contracts", "post"): CONTRACT | {"funder": 0, "reference": "API-1"},
    ("/api/funder-contracts/{pk}", "patch"): {"notes": "Signed in 2021."},
}


def world(request) -> dict:
    from .factories import (
        ContractFactory,
        DeadlineFactory,
        InstalmentFactory,
        ObjectiveFactory,
        ProjectFactory,
        TargetFactory,
    )

    contract = ContractFactory(title="Matrix contract")
    for key in (
        ("funders:contract_create", "post"),
        ("funders:contract_edit", "post"),
        ("/api/funder-contracts", "post"),
    ):
        BODIES[key]["funder"] = contract.funder_id
    objective = ObjectiveFactory(contract=contract)
    return {
        "contract": contract,
        "objective": objective,
        "target": TargetFactory(objective=objective, indicator="calls.proposals", year=2021, value=3),
        "project": ProjectFactory(contract=contract),
        "instalment": InstalmentFactory(contract=contract),
        "deadline": DeadlineFactory(contract=contract),
    }


ADMIN = (
    admin_rows("funders.fundercontract", "contract", add=True, change=True, delete=True)
    | admin_rows("funders.objective", "objective", add=True, change=True, delete=True)
    | admin_rows("funders.target", "target", delete=True)
    | admin_rows("funders.fundedproject", "project", add=True, delete=True)
    | admin_rows("funders.instalment", "instalment", add=True, change=True, delete=True)
    | admin_rows("funders.reportingdeadline", "deadline", add=True, change=True, delete=True)
)


def more(request, user) -> None:
    """A few more contracts in the list (see core/tests/test_query_budgets.py)."""
    from .factories import ContractFactory

    for _ in range(3):
        ContractFactory()
