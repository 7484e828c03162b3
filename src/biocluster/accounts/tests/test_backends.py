"""The rules are the only authority: a Django user or group permission, granted by a row,
opens nothing through any configured backend, and a signed-in page reads no such rows."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_model_permissions():
    user = UserFactory(email="granted@example.org")
    change = Permission.objects.get(codename="change_organisation", content_type__app_label="directory")
    view = Permission.objects.get(codename="view_organisation", content_type__app_label="directory")
    user.user_permissions.add(change)
    group = Group.objects.create(name="Editors")
    group.permissions.add(view)
    user.groups.add(group)
    return user


def test_no_backend_grants_a_model_permission(with_model_permissions):
    user = type(with_model_permissions).objects.get(pk=with_model_permissions.pk)
    assert not user.has_perm("directory.change_organisation")
    assert not user.has_perm("directory.view_organisation")
    assert user.get_all_permissions() == set()
    assert not user.has_module_perms("directory")


def test_a_signed_in_page_reads_no_model_permissions(client, with_model_permissions):
    client.force_login(with_model_permissions)
    with CaptureQueriesContext(connection) as seen:
        assert client.get(reverse("home")).status_code == 200
    asked = [query["sql"] for query in seen.captured_queries if "auth_permission" in query["sql"]]
    assert asked == []


def test_the_login_form_still_signs_in(client):
    UserFactory(email="login@example.org", password="a long passphrase 42")
    response = client.post(
        reverse("account_login"), {"login": "login@example.org", "password": "a long passphrase 42"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).wsgi_request.user.email == "login@example.org"
