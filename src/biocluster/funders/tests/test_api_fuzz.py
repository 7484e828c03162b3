"""The funder contracts API fuzzed from its schema, against a contract with targets: no server
error and no response outside the schema, as staff and as the public."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken

from .factories import DeadlineFactory, InstalmentFactory, ProjectFactory, TargetFactory

PATHS = ("/api/funder-contracts",)


@pytest.fixture
def staff_token(db, staff_user):
    target = TargetFactory(indicator="calls.proposals", year=2021)
    contract = target.objective.contract
    InstalmentFactory(contract=contract)
    DeadlineFactory(contract=contract)
    ProjectFactory(contract=contract)
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_funder_contracts_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=10)
    assert len(mine) == 4
