"""Which role gets which status on every page and every API endpoint.

Every URL pattern of the project's own apps and every operation of the API
schema must have a row here: adding a route without deciding who may use it
fails `test_every_route_is_in_the_matrix`.
"""

import importlib
import re
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from biocluster.accounts.models import ApiToken
from biocluster.config.api import api

ROLES = [
    "anonymous",
    "member",
    "organisation_administrator",
    "staff",
    "platform_manager",
    "reviewer",
    "administrator",
]

# Third-party or infrastructure routes, checked by their own projects.
EXEMPT_PREFIXES = ("admin/", "accounts/", "api/", "media/", "jsi18n/")

# Each app declares its rows in `<app>/tests/matrix.py`: PAGES and API map
# (route, target, method) to the statuses of ROLES in order, BODIES gives request
# bodies, and world(request) creates the target objects.
MATRIX_MODULES = [
    app.name + ".tests.matrix" for app in apps.get_app_configs() if app.name.startswith("biocluster.")
]


def _matrices():
    for name in MATRIX_MODULES:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


def _merged(attribute: str) -> dict:
    merged: dict = {}
    for module in _matrices():
        merged.update(getattr(module, attribute, {}))
    return merged


PAGES = _merged("PAGES")
API = _merged("API")
BODIES = _merged("BODIES")
# Arguments a route takes after its target's pk (e.g. which of a move's two checklists).
ROUTE_ARGS = _merged("ROUTE_ARGS")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}"


def project_routes() -> set[str]:
    return {
        name for route, name in _walk(get_resolver().url_patterns) if not route.startswith(EXEMPT_PREFIXES)
    }


def api_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(path, method) for path, operations in schema["paths"].items() for method in operations}


def test_every_route_is_in_the_matrix():
    covered = {name for name, _, _ in PAGES}
    assert project_routes() - covered == set(), "pages without a permission-matrix row"
    covered_api = {(path, method) for path, _, method in API}
    assert api_operations() - covered_api == set(), "API operations without a permission-matrix row"


def test_the_api_refuses_the_anonymous_public_with_401_and_users_with_403():
    """401 says "authenticate"; 403 is for an authenticated user who may not (architecture.md)."""
    anonymous_403 = [row for row, statuses in API.items() if statuses.split()[0] == "403"]
    assert anonymous_403 == []


@pytest.fixture
def world(request, db):
    """The targets of the app that owns the row: building every app's world for each of
    thousands of cases made this file the slowest of the suite."""

    def build(owner: str) -> dict:
        module = importlib.import_module(owner)
        return module.world(request) if hasattr(module, "world") else {}

    return build


@pytest.fixture
def clients(request, db):
    """Every role's login, created before any request: each request runs in a savepoint that
    is rolled back, so a fixture first created inside one would vanish with it. Each row gets a
    client of its own (no cookie, such as a chosen language, passes from one row to the next)."""
    users = {role: request.getfixturevalue(role if role != "staff" else "staff_user") for role in ROLES[1:]}
    tokens = {role: ApiToken.issue(user)[1] for role, user in users.items()}

    def login(client: Client, role: str):
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        return client, tokens.get(role)

    return login


@contextmanager
def rolled_back():
    """Each role meets the world as it was built: what one role's request wrote (a POST that
    succeeds, a session) is undone before the next role's request."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _fresh_row() -> None:
    """What the root conftest resets before each test, reset before each row: the rows of an
    app share its world (built once), not their cache (rate limits, counts) nor their language."""
    for alias in caches.settings:
        caches[alias].clear()
    translation.activate("en")


def _owners(attribute: str):
    for module in _matrices():
        if getattr(module, attribute, {}):
            yield pytest.param(module.__name__, id=module.__name__.removeprefix("biocluster.").split(".")[0])


def _expected(statuses: str) -> dict[str, int]:
    return dict(zip(ROLES, map(int, statuses.split()), strict=True))


def _mismatch(method: str, route: str, target: str | None, statuses: dict, expected: dict) -> str:
    wrong = ", ".join(
        f"{role} {statuses[role]} (not {expected[role]})"
        for role in ROLES
        if statuses[role] != expected[role]
    )
    return f"{method} {route} {target or ''}: {wrong}"


# One test per app and kind of row: the app's world is built once for all its rows (building it
# for each of the 665 rows made this file the slowest of the suite), and each row's requests are
# rolled back, so every row still meets the world as built. A failure lists every wrong row.
@pytest.mark.parametrize("owner", list(_owners("PAGES")))
def test_page_permissions(world, clients, owner):
    targets = world(owner)
    mismatches = []
    for (route, target, method), statuses in importlib.import_module(owner).PAGES.items():
        expected = _expected(statuses)
        args = [targets[target].pk, *ROUTE_ARGS.get(route, ())] if target else None  # a pk, or a code
        url = reverse(route, args=args)
        _fresh_row()
        client, found = Client(), {}
        for role in ROLES:
            with rolled_back():
                client, _ = clients(client, role)
                found[role] = getattr(client, method)(url, BODIES.get((route, method), {})).status_code
        if found != expected:
            mismatches.append(_mismatch(method, route, target, found, expected))
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("owner", list(_owners("API")))
def test_api_permissions(world, clients, owner):
    targets = world(owner)
    mismatches = []
    for (route, target, method), statuses in importlib.import_module(owner).API.items():
        expected = _expected(statuses)
        url = re.sub(r"\{\w+\}", str(targets[target].pk), route) if target else route  # {pk}, {code}
        body = BODIES.get((route, method))
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        _fresh_row()
        client, found = Client(), {}
        for role in ROLES:
            with rolled_back():
                client, token = clients(client, role)
                client.logout()
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                found[role] = getattr(client, method)(url, headers=headers, **kwargs).status_code
        if found != expected:
            mismatches.append(_mismatch(method, route, target, found, expected))
    assert not mismatches, "\n".join(mismatches)
