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
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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
def clients(request, db, client):
    """Every role's login, created before any request: each request runs in a savepoint that
    is rolled back, so a fixture first created inside one would vanish with it."""
    users = {role: request.getfixturevalue(role if role != "staff" else "staff_user") for role in ROLES[1:]}
    tokens = {role: ApiToken.issue(user)[1] for role, user in users.items()}

    def login(role: str):
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


def _rows(attribute: str):
    for module in _matrices():
        for (route, target, method), statuses in getattr(module, attribute, {}).items():
            expected = dict(zip(ROLES, map(int, statuses.split()), strict=True))
            yield pytest.param(
                module.__name__, route, target, method, expected, id=f"{method} {route} {target or ''}"
            )


ROW = ("owner", "route", "target", "method", "expected")


@pytest.mark.parametrize(ROW, list(_rows("PAGES")))
def test_page_permissions(world, clients, owner, route, target, method, expected):
    targets = world(owner)
    args = [targets[target].pk, *ROUTE_ARGS.get(route, ())] if target else None  # a pk, or a code
    url = reverse(route, args=args)
    statuses = {}
    for role in ROLES:
        with rolled_back():
            client, _ = clients(role)
            statuses[role] = getattr(client, method)(url, BODIES.get((route, method), {})).status_code
    assert statuses == expected


@pytest.mark.parametrize(ROW, list(_rows("API")))
def test_api_permissions(world, clients, owner, route, target, method, expected):
    targets = world(owner)
    url = re.sub(r"\{\w+\}", str(targets[target].pk), route) if target else route  # {pk}, {code}
    body = BODIES.get((route, method))
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    statuses = {}
    for role in ROLES:
        with rolled_back():
            client, token = clients(role)
            client.logout()
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            statuses[role] = getattr(client, method)(url, headers=headers, **kwargs).status_code
    assert statuses == expected
