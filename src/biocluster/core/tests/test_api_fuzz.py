"""The API fuzzed from its own OpenAPI schema: no server error, no response outside the schema.

Every operation gets valid and invalid inputs, sent as the public and as
cluster staff (who may write), against a small directory. The harness is the
root conftest's `fuzz_api`; the calls and events have their own worlds.
"""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken
from biocluster.directory.tests.factories import AffiliationFactory, LinkFactory, OrganisationFactory


@pytest.fixture
def staff_token(db, staff_user):
    first = OrganisationFactory(name="Alpha Genomics", kind="startup")
    second = OrganisationFactory(name="Beta Platform", kind="platform", is_listed=False)
    LinkFactory(subject=first, object=second)
    AffiliationFactory(organisation=first)
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    fuzz_api(mode, staff_token if who == "staff" else None)
