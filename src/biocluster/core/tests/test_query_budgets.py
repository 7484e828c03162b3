# ruff: noqa: F811 - the fixtures are the permission matrix's, imported
"""Query budgets: every list page and every API list answers in a bounded number of queries.

The rows are the permission matrix's (a GET without a target object), requested by
the administrator, who sees everything of each app's world. A page or list that
starts querying once per item overruns its budget.

An app's matrix may also define `more(request, user)`, which adds a few rows to each of its
lists (some of them `user`'s own, for the lists of one's own): its lists must then answer in
the same number of queries with more rows as with fewer, which exposes a query per row that a
world of one row per list would hide. `LISTS` names the pages that list the rows of one target
(an event's meeting requests), as `{(route, target)}`.
"""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.accounts.models import ApiToken
from biocluster.core.tests.test_permission_matrix import BODIES, _matrices, world  # noqa: F401 - fixtures


@pytest.fixture
def as_role(request, db, client):
    """The role's login in the test client, and an API token of theirs."""

    def login(role: str):
        user = request.getfixturevalue(role if role != "staff" else "staff_user")
        client.force_login(user)
        return client, ApiToken.issue(user)[1]

    return login


PAGE_BUDGET = 30  # session, user, permissions, the menu, the page's own lists and facets
API_BUDGET = 12  # token, user, the count, the page and its prefetches
ADMINISTRATOR = -1  # the last column of the matrix


def _query(route: str, **extra) -> dict:
    """The query string the matrix's row gives a list (an export asks for its period)."""
    return {**BODIES.get((route, "get"), {}), **extra}


def _lists(attribute: str, *, growing: bool = False):
    for module in _matrices():
        if growing and not hasattr(module, "more"):
            continue
        for (route, target, method), statuses in getattr(module, attribute, {}).items():
            listed = target is None and method == "get" and "{" not in route
            if listed and statuses.split()[ADMINISTRATOR] == "200":
                yield pytest.param(module.__name__, route, id=route)


@pytest.mark.parametrize(("owner", "route"), list(_lists("PAGES")))
def test_list_pages_stay_within_their_query_budget(
    world, as_role, django_assert_max_num_queries, owner, route
):
    world(owner)
    client, _ = as_role("administrator")
    client.get(reverse(route), _query(route))  # warm caches filled once per process (content types, rules)
    with django_assert_max_num_queries(PAGE_BUDGET):
        assert client.get(reverse(route), _query(route)).status_code == 200


@pytest.mark.parametrize(("owner", "route"), list(_lists("API")))
def test_api_lists_stay_within_their_query_budget(
    world, as_role, django_assert_max_num_queries, owner, route
):
    world(owner)
    client, token = as_role("administrator")
    client.logout()
    headers = {"Authorization": f"Bearer {token}"}
    client.get(route, _query(route), headers=headers)
    with django_assert_max_num_queries(API_BUDGET):
        assert client.get(route, _query(route, limit=200), headers=headers).status_code == 200


def _queries(client, url: str, data=None, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data, **kwargs).status_code == 200
    return len(queries.captured_queries)


def _growing_pages():
    for param in _lists("PAGES", growing=True):
        yield pytest.param(*param.values, None, id=param.id)
    for module in _matrices():
        for route, target in sorted(getattr(module, "LISTS", ())):
            yield pytest.param(module.__name__, route, target, id=route)


@pytest.mark.parametrize(("owner", "route", "target"), list(_growing_pages()))
def test_list_pages_do_not_query_once_per_row(request, world, as_role, owner, route, target):
    targets = world(owner)
    client, _ = as_role("administrator")
    more = importlib.import_module(owner).more
    user = request.getfixturevalue("administrator")
    url = reverse(route, args=[targets[target].pk] if target else [])
    data = _query(route)
    more(request, user)
    client.get(url, data)
    fewer = _queries(client, url, data)
    more(request, user)
    assert _queries(client, url, data) == fewer
    assert fewer <= PAGE_BUDGET


@pytest.mark.parametrize(("owner", "route"), list(_lists("API", growing=True)))
def test_api_lists_do_not_query_once_per_row(request, world, as_role, owner, route):
    world(owner)
    client, token = as_role("administrator")
    client.logout()
    headers = {"Authorization": f"Bearer {token}"}
    more = importlib.import_module(owner).more
    user = request.getfixturevalue("administrator")
    more(request, user)
    client.get(route, _query(route), headers=headers)
    fewer = _queries(client, route, _query(route, limit=200), headers=headers)
    more(request, user)
    assert _queries(client, route, _query(route, limit=200), headers=headers) == fewer
    assert fewer <= API_BUDGET
