"""The cooperation API fuzzed from its schema: no server error and no response outside the schema,
as staff and as the public."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken

from .factories import ActivityFactory, AgreementFactory, MembershipFactory, SoftLandingFactory

PATHS = ("/api/partnership-agreements", "/api/agreement-activities", "/api/soft-landings", "/api/memberships")


@pytest.fixture
def staff_token(db, staff_user):
    agreement = AgreementFactory()
    ActivityFactory(agreement=agreement)
    SoftLandingFactory()
    MembershipFactory()
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_cooperation_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=8)
    assert len(mine) == 20
