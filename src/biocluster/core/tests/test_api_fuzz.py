"""The API fuzzed from its own OpenAPI schema: no server error, no response outside the schema.

Every operation gets valid and invalid inputs, sent as the public and as
cluster staff (who may write), against a small directory.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken
from biocluster.directory.tests.factories import AffiliationFactory, LinkFactory, OrganisationFactory

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]
EXAMPLES = 12


def operations():
    from biocluster.config.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests sent straight to the WSGI application would close the test's connection
    (inside the test's transaction) at their start and end; Django's test client avoids it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(db, staff_user):
    first = OrganisationFactory(name="Alpha Genomics", kind="startup")
    second = OrganisationFactory(name="Beta Platform", kind="platform", is_listed=False)
    LinkFactory(subject=first, object=second)
    AffiliationFactory(organisation=first)
    return ApiToken.issue(staff_user)[1]


def _fuzz(operation, mode: GenerationMode, headers: dict) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_api_fuzzed_from_its_schema(staff_token, who, mode):
    headers = {"Authorization": f"Bearer {staff_token}"} if who == "staff" else {}
    for operation in operations():
        _fuzz(operation, mode, headers)
