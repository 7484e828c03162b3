"""The relations API fuzzed from its schema, against a few interactions and tasks: no server error
and no response outside the schema, as staff and as the public."""

import pytest
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken
from biocluster.directory.tests.factories import AffiliationFactory

from .factories import InteractionFactory, TaskFactory

PATHS = ("/api/interactions", "/api/follow-ups")


@pytest.fixture
def staff_token(db, staff_user):
    person = AffiliationFactory().person
    interaction = InteractionFactory(organisation=person.affiliations.get().organisation, people=[person])
    TaskFactory(organisation=interaction.organisation, interaction=interaction, owner=staff_user)
    TaskFactory(owner=staff_user, done_at="2026-01-02T10:00Z")
    return ApiToken.issue(staff_user)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_relations_api_fuzzed_from_its_schema(fuzz_api, staff_token, who, mode):
    mine = fuzz_api(mode, staff_token if who == "staff" else None, paths=PATHS, examples=10)
    assert len(mine) == 12
