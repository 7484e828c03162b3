import pytest
from django.core import mail
from django.core.management import call_command

from biocluster.accounts.models import ApiToken, Department, Role
from biocluster.accounts.roles import roles_of
from biocluster.accounts.services import grant_role, revoke_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_login_by_email_address(client):
    UserFactory(email="ada@example.org")
    response = client.post(
        "/accounts/login/", {"login": "ada@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "ada@example.org"


def test_repeated_failed_logins_are_throttled(client):
    UserFactory(email="ada@example.org")
    statuses = [
        client.post("/accounts/login/", {"login": "ada@example.org", "password": "wrong"}).status_code
        for _ in range(7)
    ]
    response = client.post(
        "/accounts/login/", {"login": "ada@example.org", "password": "correct-horse-battery"}
    )
    assert statuses[0] == 200
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode() or response.status_code == 429


def test_password_reset_sends_an_email(client):
    UserFactory(email="ada@example.org")
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    assert len(mail.outbox) == 1
    assert "ada@example.org" in mail.outbox[0].to


def test_a_second_factor_can_be_set_up(client):
    UserFactory(email="ada@example.org")
    client.post("/accounts/login/", {"login": "ada@example.org", "password": "correct-horse-battery"})
    response = client.get("/accounts/2fa/totp/activate/")
    if response.status_code == 302 and "reauthenticate" in response.url:
        client.post(response.url, {"password": "correct-horse-battery"})
        response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert "otpauth" in response.content.decode() or "secret" in response.content.decode().lower()


def test_roles_are_granted_and_revoked_with_an_audit_trail(staff_user):
    user = UserFactory()
    assert not roles_of(user).is_cluster_staff
    grant = grant_role(actor=staff_user, user=user, role=Role.STAFF, department=Department.INTERNATIONAL)
    user.refresh_from_db()
    assert user.is_staff
    assert roles_of(user).departments == {"international"}
    revoke_role(actor=staff_user, grant=grant)
    actions = list(
        AuditEvent.objects.filter(actor=staff_user).values_list("action", flat=True).order_by("id")
    )
    assert actions == ["accounts.role.granted", "accounts.role.revoked"]


def test_the_token_command_prints_a_working_token(client, capsys):
    user = UserFactory(email="ada@example.org")
    call_command("token", "ada@example.org")
    key = capsys.readouterr().out.strip()
    assert ApiToken.authenticate(key) == user
    assert ApiToken.objects.get().key_hash != key  # only the hash is stored
    assert client.get("/api/people", headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_tokens_of_inactive_users_are_refused():
    user = UserFactory(is_active=False)
    _, key = ApiToken.issue(user)
    assert ApiToken.authenticate(key) is None
