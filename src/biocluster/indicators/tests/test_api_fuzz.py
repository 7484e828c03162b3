"""The indicators API fuzzed from its schema: no server error and no response outside the
schema, as staff (who read every indicator) and as the public (refused)."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken

from .world import build

PATHS = ("/api/indicators",)


@pytest.fixture
def staff_token(db, staff_user):
    build(5)
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_indicators_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=15)
    assert len(mine) == 2
