"""The admin's policy, checked on every registered model (see docs/architecture.md, "The admin").

- every ModelAdmin and inline uses the shared bases of `core.admin`, and the site admits administrators only;
- every registered model has rows in the permission matrix (`ADMIN` of `<app>/tests/matrix.py`),
  and each role gets the statuses written there on its changelist, change, history, add and delete URLs;
- no one but an administrator can post a change or a deletion.
"""

import importlib
from collections import defaultdict

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from biocluster.core.admin import ReadOnlyInlineMixin, ServiceModelAdmin
from biocluster.core.admin_site import AdministratorsAdminSite

from .admin_forms import form_data
from .admin_matrix import VIEWS
from .test_permission_matrix import ROLES, _matrices


def registered_models() -> dict[str, type]:
    return {model._meta.label_lower: model for model in admin.site._registry}


def _admin_rows() -> dict[tuple[str, str], dict]:
    """(owner module, model) -> {(target, view, method): statuses}"""
    rows: dict = defaultdict(dict)
    for module in _matrices():
        for (model, target, view, method), statuses in getattr(module, "ADMIN", {}).items():
            rows[module.__name__, model][target, view, method] = statuses
    return rows


ADMIN_ROWS = _admin_rows()


def test_the_admin_site_admits_administrators_only():
    assert isinstance(admin.site, AdministratorsAdminSite)


@pytest.mark.parametrize("model", sorted(registered_models()))
def test_every_model_admin_uses_the_safe_bases(model):
    model_admin = admin.site._registry[registered_models()[model]]
    assert isinstance(model_admin, ServiceModelAdmin), (
        f"{model}: register it with core.admin.ServiceModelAdmin"
    )
    for inline in model_admin.inlines:
        assert issubclass(inline, ReadOnlyInlineMixin), f"{model}: {inline.__name__} is not read-only"


def test_every_registered_model_has_admin_rows():
    covered = {model for _, model in ADMIN_ROWS}
    assert set(registered_models()) - covered == set(), "admin models without a permission-matrix row"
    assert covered - set(registered_models()) == set(), "admin rows of models no longer registered"
    for (_owner, model), rows in ADMIN_ROWS.items():
        assert {(view, method) for _, view, method in rows} == set(VIEWS), f"{model}: every view needs a row"


def _target(module, model_label: str, target: str | None, world: dict):
    if target is not None:
        return world[target]
    model = registered_models()[model_label]
    obj = model._default_manager.first()
    if obj is None:
        obj = module.ADMIN_OBJECTS[model_label](world)
    return obj


def _url(obj, view: str) -> str:
    meta = obj._meta
    name = f"admin:{meta.app_label}_{meta.model_name}_{view}"
    return reverse(name) if view in {"changelist", "add"} else reverse(name, args=[obj.pk])


@pytest.mark.parametrize(("owner", "model"), sorted(ADMIN_ROWS))
def test_admin_permissions(request, db, owner, model):
    module = importlib.import_module(owner)
    world = module.world(request) if hasattr(module, "world") else {}
    users = {role: request.getfixturevalue("staff_user" if role == "staff" else role) for role in ROLES[1:]}
    login = reverse("admin:login")
    mismatches = []
    for target, statuses_of in _by_target(ADMIN_ROWS[owner, model]).items():
        obj = _target(module, model, target, world)
        administrator = Client()
        administrator.force_login(users["administrator"])
        posted = form_data(administrator.get(_url(obj, "change")).content.decode())
        for view, method in VIEWS:
            for role, expected in zip(ROLES, statuses_of[view, method].split(), strict=True):
                client = Client()
                if role != "anonymous":
                    client.force_login(users[role])
                body = {"post": "yes"} if view == "delete" else posted
                response = getattr(client, method)(_url(obj, view), body if method == "post" else None)
                if response.status_code != int(expected):
                    mismatches.append(
                        f"{method} {view} {target or ''} {role}: {response.status_code} != {expected}"
                    )
                if role != "administrator":
                    # Whatever the row says: only the administrator passes the site's door.
                    assert response.status_code == 302 and response["Location"].startswith(login), (
                        f"{role} reached {method} {view} of {model}"
                    )
    assert not mismatches, "\n".join(mismatches)


def _by_target(rows: dict) -> dict:
    grouped: dict = defaultdict(dict)
    for (target, view, method), statuses in rows.items():
        grouped[target][view, method] = statuses
    return grouped
