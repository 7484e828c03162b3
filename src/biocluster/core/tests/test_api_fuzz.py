"""The API fuzzed from its own OpenAPI schema: no server error, no response outside the schema.

Every operation gets valid and invalid inputs, sent as the public and as
cluster staff (who may write), against a small directory. The harness is the
root conftest's `fuzz_api`; the calls and events have their own worlds.

On PostgreSQL the operations that an app's own fuzz test covers (its `PATHS`, with its own
world, on both databases) are left to it: here they were fuzzed a second time on each
database, a third of this suite's time on PostgreSQL. SQLite still fuzzes every operation here.
"""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from schemathesis import GenerationMode

from biocluster.accounts.models import ApiToken
from biocluster.directory.tests.factories import AffiliationFactory, LinkFactory, OrganisationFactory


def fuzzed_by_their_app() -> tuple[str, ...]:
    """The path prefixes of every app's own fuzz test."""
    paths: list[str] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.test_api_fuzz"
        if not config.name.startswith("biocluster.") or name == __name__:
            continue
        try:
            paths += importlib.import_module(name).PATHS
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return tuple(paths)


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
    skip = fuzzed_by_their_app() if connection.vendor == "postgresql" else ()
    fuzz_api(mode, staff_token if who == "staff" else None, skip=skip)


def test_the_apps_own_fuzz_tests_are_found():
    assert {"/api/calls", "/api/events", "/api/units"} <= set(fuzzed_by_their_app())
