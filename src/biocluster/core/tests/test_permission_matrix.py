"""Which role gets which status on every page and every API endpoint.

Every URL pattern of the project's own apps and every operation of the API
schema must have a row here: adding a route without deciding who may use it
fails `test_every_route_is_in_the_matrix`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from biocluster.accounts.models import ApiToken
from biocluster.config.api import api
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    LinkFactory,
    OrganisationFactory,
    PersonFactory,
)

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

# (route, target object, method) -> statuses in the order of ROLES.
PAGES = {
    ("home", None, "get"): "200 200 200 200 200 200 200",
    ("ok", None, "get"): "200 200 200 200 200 200 200",
    ("set_language", None, "post"): "302 302 302 302 302 302 302",
    ("directory:organisation_list", None, "get"): "200 200 200 200 200 200 200",
    ("directory:organisation_manage", None, "get"): "302 403 403 200 403 403 200",
    ("directory:organisation_create", None, "get"): "302 403 403 200 403 403 200",
    ("directory:organisation_detail", "listed", "get"): "200 200 200 200 200 200 200",
    ("directory:organisation_detail", "unlisted", "get"): "404 200 200 200 404 404 200",
    ("directory:organisation_edit", "listed", "get"): "302 403 403 200 403 403 200",
    ("directory:organisation_edit", "unlisted", "get"): "302 403 200 200 404 404 200",
    ("directory:organisation_delete", "listed", "post"): "302 403 403 302 403 403 302",
    ("directory:organisation_delete", "unlisted", "post"): "302 403 403 302 404 404 302",
    ("directory:link_create", "unlisted", "get"): "302 403 200 200 404 404 200",
    ("directory:link_delete", "link", "post"): "302 403 302 302 404 404 302",
    ("directory:person_list", None, "get"): "200 200 200 200 200 200 200",
    ("directory:person_detail", "public_person", "get"): "200 200 200 200 200 200 200",
    ("directory:person_detail", "private_person", "get"): "404 200 200 200 404 404 200",
    ("directory:network", None, "get"): "200 200 200 200 200 200 200",
    ("directory:network_data", None, "get"): "200 200 200 200 200 200 200",
}

API = {
    ("/api/organisations", None, "get"): "200 200 200 200 200 200 200",
    ("/api/organisations", None, "post"): "401 403 403 201 403 403 201",
    ("/api/organisations/facets", None, "get"): "200 200 200 200 200 200 200",
    ("/api/organisations/{pk}", "listed", "get"): "200 200 200 200 200 200 200",
    ("/api/organisations/{pk}", "unlisted", "get"): "404 200 200 200 404 404 200",
    ("/api/organisations/{pk}", "unlisted", "patch"): "401 403 200 200 404 404 200",
    ("/api/organisations/{pk}", "unlisted", "delete"): "401 403 403 204 404 404 204",
    ("/api/organisations/{pk}/links", "unlisted", "get"): "404 200 200 200 404 404 200",
    ("/api/people", None, "get"): "200 200 200 200 200 200 200",
    ("/api/people/{pk}", "public_person", "get"): "200 200 200 200 200 200 200",
    ("/api/people/{pk}", "private_person", "get"): "404 200 200 200 404 404 200",
    ("/api/technology-fields", None, "get"): "200 200 200 200 200 200 200",
    ("/api/value-chain-stages", None, "get"): "200 200 200 200 200 200 200",
    ("/api/campuses", None, "get"): "200 200 200 200 200 200 200",
    ("/api/network", None, "get"): "200 200 200 200 200 200 200",
}

BODIES = {
    ("/api/organisations", "post"): {"name": "New Bio", "kind": "startup"},
    ("/api/organisations/{pk}", "patch"): {"acronym": "NB"},
    ("set_language", "post"): {"language": "fr", "next": "/"},
}


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


@pytest.fixture
def world(db, member_organisation):
    listed = OrganisationFactory(name="Listed Bio", is_listed=True)
    public_person = PersonFactory(public_consent=True)
    AffiliationFactory(person=public_person, organisation=listed)
    private_person = PersonFactory(public_consent=False)
    AffiliationFactory(person=private_person, organisation=member_organisation)
    link = LinkFactory(subject=member_organisation, object=listed)
    return {
        "listed": listed,
        "unlisted": member_organisation,
        "public_person": public_person,
        "private_person": private_person,
        "link": link,
    }


@pytest.fixture
def as_role(request, db, client):
    def login(role: str):
        if role == "anonymous":
            return client, None
        user = request.getfixturevalue(role if role != "staff" else "staff_user")
        client.force_login(user)
        return client, ApiToken.issue(user)[1]

    return login


def _cases(table):
    for (route, target, method), statuses in table.items():
        for role, status in zip(ROLES, statuses.split(), strict=True):
            yield pytest.param(
                route, target, method, role, int(status), id=f"{method} {route} {target or ''} {role}"
            )


@pytest.mark.parametrize(("route", "target", "method", "role", "expected"), list(_cases(PAGES)))
def test_page_permissions(world, as_role, route, target, method, role, expected):
    from django.urls import reverse

    client, _ = as_role(role)
    url = reverse(route, kwargs={"pk": world[target].pk} if target else None)
    response = getattr(client, method)(url, BODIES.get((route, method), {}))
    assert response.status_code == expected


@pytest.mark.parametrize(("route", "target", "method", "role", "expected"), list(_cases(API)))
def test_api_permissions(world, as_role, route, target, method, role, expected):
    client, token = as_role(role)
    client.logout()
    url = route.replace("{pk}", str(world[target].pk)) if target else route
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = BODIES.get((route, method))
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    response = getattr(client, method)(url, headers=headers, **kwargs)
    assert response.status_code == expected, response.content[:500]
