"""The events API fuzzed from its schema, against a few events and registrations: no server error
and no response outside the schema, as event staff and as the public.
(The project-wide fuzz test stops at the first failure of any app; this one covers events alone.)"""

import pytest
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken
from biocluster.core.tests.test_api_fuzz import CHECKS, operations
from biocluster.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

PATHS = ("/api/events", "/api/registrations")


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests sent straight to the WSGI application would close the test's connection at
    their start (it is inside the test's transaction); Django's test client avoids it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(db, staff_user):
    event = EventFactory(capacity=1)
    SessionFactory(event=event)
    RegistrationFactory(event=event, user=staff_user, email=staff_user.email)
    RegistrationFactory(event=event, status="waiting")
    EventFactory(status="draft")
    EventFactory(kind="delegation")
    return ApiToken.issue(staff_user)[1]


def _fuzz(operation, mode, headers):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_events_api_fuzzed_from_its_schema(staff_token, who, mode):
    headers = {"Authorization": f"Bearer {staff_token}"} if who == "staff" else {}
    mine = [op for op in operations() if op.path.startswith(PATHS)]
    assert len(mine) >= 13
    for operation in mine:
        _fuzz(operation, mode, headers)
