"""The EU projects' API fuzzed from its schema: no server error, no response outside the schema."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken

from .factories import DeliverableFactory, TaskFactory, consortium

PATHS = ("/api/projects", "/api/deliverables")


@pytest.fixture
def staff_token(db, staff_user):
    _project, _cluster, _partners, wp = consortium(staff=[staff_user])
    TaskFactory(work_package=wp)
    DeliverableFactory(work_package=wp)
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_euprojects_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=10)
    assert len(mine) == 8
