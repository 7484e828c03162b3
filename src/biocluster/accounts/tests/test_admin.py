"""Administrators grant and revoke cluster roles in the admin, through `grant_role` and `revoke_role`."""

import pytest
from django.urls import reverse

from biocluster.accounts.models import Department, Role, RoleGrant
from biocluster.accounts.services import grant_role
from biocluster.audit.models import AuditEvent
from biocluster.core.tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


def change_page(client, user) -> tuple[str, dict]:
    url = reverse("admin:accounts_user_change", args=[user.pk])
    return url, form_data(client.get(url).content.decode())


def test_an_administrator_grants_a_role_through_the_service(client, administrator, member):
    client.force_login(administrator)
    url, data = change_page(client, member)
    data |= {
        "role_grants-TOTAL_FORMS": "1",
        "role_grants-0-role": Role.STAFF,
        "role_grants-0-department": Department.REAL_ESTATE,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=member)
    assert (grant.role, grant.department) == (Role.STAFF, Department.REAL_ESTATE)
    assert AuditEvent.objects.get(action="accounts.role.granted").actor == administrator


def test_an_administrator_revokes_a_role_through_the_service(client, administrator, member):
    grant = grant_role(actor=None, user=member, role=Role.REVIEWER)
    client.force_login(administrator)
    url, data = change_page(client, member)
    assert data["role_grants-0-id"] == str(grant.pk)
    response = client.post(url, data | {"role_grants-0-DELETE": "on"})
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(user=member).exists()
    assert AuditEvent.objects.get(action="accounts.role.revoked").actor == administrator


def test_the_login_itself_is_not_edited_in_the_admin(client, administrator, member):
    client.force_login(administrator)
    url, data = change_page(client, member)
    client.post(url, data | {"is_superuser": "on", "email": "taken@example.org"})
    member.refresh_from_db()
    assert not member.is_superuser and member.email == "member@example.org"
    password_url = reverse("admin:auth_user_password_change", args=[member.pk])
    assert client.get(password_url).status_code == 403
