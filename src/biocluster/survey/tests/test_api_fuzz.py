"""The survey API fuzzed from its schema: no server error and no response outside the schema,
as a company's administrator, as staff and as the public."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken

from .factories import ResponseFactory

PATHS = ("/api/surveys", "/api/survey-responses")


@pytest.fixture
def tokens(db, staff_user, organisation_administrator, response):
    ResponseFactory(campaign=response.campaign, state="submitted")
    return {"staff": ApiToken.issue(staff_user)[1], "company": ApiToken.issue(organisation_administrator)[1]}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff", "company"])
def test_survey_api_fuzzed_from_its_schema(fuzz_api, tokens, who, mode):
    mine = fuzz_api(mode, tokens.get(who), paths=PATHS, examples=10)
    assert len(mine) == 8
