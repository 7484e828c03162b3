"""The recommendations API fuzzed from its schema: no server error and no response outside the
schema, as staff and as the public."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken

PATHS = ("/api/organisations/{pk}/suggestions", "/api/organisations/{pk}/suggestions/{candidate}/decline")


@pytest.fixture
def staff_token(model, staff_user):
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_recommendations_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=10)
    assert len(mine) == 2
