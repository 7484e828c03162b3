"""The events API fuzzed from its schema, against a few events and registrations: no server error
and no response outside the schema, as event staff and as the public.
(The project-wide fuzz test stops at the first failure of any app; this one covers events alone.)"""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken
from biocluster.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

PATHS = ("/api/events", "/api/registrations")


@pytest.fixture
def staff_token(db, staff_user):
    event = EventFactory(capacity=1)
    SessionFactory(event=event)
    RegistrationFactory(event=event, user=staff_user, email=staff_user.email)
    RegistrationFactory(event=event, status="waiting")
    EventFactory(status="draft")
    EventFactory(kind="delegation")
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_events_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=10)
    assert len(mine) >= 13
