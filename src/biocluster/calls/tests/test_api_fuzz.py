"""The calls API fuzzed from its schema, against a small world of calls, proposals and reviews:
no server error and no response outside the schema, as staff running the calls and as the public.
(The project-wide fuzz test stops at the first failure of any app; this one covers the calls alone.)"""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken
from biocluster.calls.tests.factories import CallFactory, ReviewFactory, closed_call, submitted

PATHS = ("/api/calls", "/api/proposals", "/api/reviews")


@pytest.fixture
def staff_token(db, staff_user, settings, tmp_path):
    settings.CALLS_PRIVATE_ROOT = tmp_path
    call = closed_call(managers=[staff_user])
    CallFactory(managers=[staff_user])
    proposal = submitted(call=call)
    ReviewFactory(proposal=proposal)
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_calls_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=8)
    assert len(mine) >= 20
