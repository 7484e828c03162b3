"""The estate API fuzzed from its schema: no server error and no response outside the schema."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken

from .factories import AgreementFactory, UnitFactory, line

PATHS = (
    "/api/buildings",
    "/api/units",
    "/api/unit-combinations",
    "/api/leases",
    "/api/occupancy",
    "/api/space-requests",
    "/api/notices",
    "/api/payments",
    "/api/arrears",
    "/api/accounting-export",
    "/api/tenant-requests",
)


@pytest.fixture
def staff_token(db, staff_user):
    unit = UnitFactory()
    UnitFactory(building=unit.building)
    line(AgreementFactory(), unit)
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_estate_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=8)
    assert len(mine) == 29  # with the actions on a space request, the rent roll, lineage, tenant requests
