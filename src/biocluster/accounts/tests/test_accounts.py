import pytest
from django.core import mail
from django.core.checks import run_checks
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


def test_signup_does_not_reveal_an_existing_account(client):
    from biocluster.accounts.models import User

    UserFactory(email="ada@example.org")
    answers = []
    for email in ("ada@example.org", "grace@example.org"):
        client.logout()
        response = client.post(
            "/accounts/signup/",
            {"email": email, "password1": "a-long-Passphrase-42", "password2": "a-long-Passphrase-42"},
            follow=True,
        )
        page = response.content.decode()
        assert "already registered" not in page
        answers.append(
            (response.status_code, response.redirect_chain, response.context["user"].is_authenticated)
        )
    assert answers[0] == answers[1]
    assert answers[0][2] is False  # a new address is confirmed before anyone is signed in
    assert User.objects.filter(email__iexact="ada@example.org").count() == 1
    assert User.objects.filter(email="grace@example.org").exists()
    to_ada, to_grace = (
        [m for m in mail.outbox if email in m.to] for email in ("ada@example.org", "grace@example.org")
    )
    assert len(to_ada) == 1 and "password" in to_ada[0].body.lower()
    assert len(to_grace) == 1 and "confirm" in to_grace[0].body.lower()


def _failed_logins_refused(client, monkeypatch, workers) -> int:
    """Nine wrong passwords, spread over worker processes each with its own cache client."""
    from allauth.core.internal import ratelimit

    UserFactory(email="ada@example.org")
    refused = 0
    for attempt in range(9):
        monkeypatch.setattr(ratelimit, "cache", workers[attempt % len(workers)])
        response = client.post("/accounts/login/", {"login": "ada@example.org", "password": "wrong"})
        refused += (
            response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
        )
    return refused


def test_failed_logins_are_counted_across_worker_processes(client, monkeypatch):
    from django.core.cache.backends.db import DatabaseCache

    workers = [DatabaseCache("biocluster_cache", {}) for _ in range(3)]
    assert _failed_logins_refused(client, monkeypatch, workers) == 4  # 5 allowed in all


def test_per_process_caches_would_let_three_times_as_many_through(client, monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache

    workers = [LocMemCache(f"worker-{n}", {}) for n in range(3)]
    assert _failed_logins_refused(client, monkeypatch, workers) == 0


def test_check_deploy_warns_about_a_per_process_cache(settings):
    from biocluster.core.checks import shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in shared_cache()] == ["biocluster.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}}
    assert shared_cache() == []
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "biocluster.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    assert "biocluster.W001" not in {m.id for m in run_checks()}  # a deployment check only


def test_the_production_settings_share_the_cache_between_processes():
    import importlib
    import os
    from unittest import mock

    from biocluster.config import settings as production

    with mock.patch.dict(os.environ, {"BIOCLUSTER_TESTING": "1"}):
        os.environ.pop("REDIS_URL", None)
        reloaded = importlib.reload(production)
        assert reloaded.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
        os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/0"
        assert importlib.reload(production).CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_issuing_an_api_token_is_audited_without_its_secret(db):
    from io import StringIO

    from django.core.management import call_command

    from biocluster.accounts.models import ApiToken
    from biocluster.audit.models import AuditEvent

    user = UserFactory(email="api@example.org")
    out = StringIO()
    call_command("token", "api@example.org", stdout=out)
    token = ApiToken.objects.get(user=user)
    event = AuditEvent.objects.get(action="accounts.token.issued")
    assert event.object_id == str(token.pk)
    assert "key_hash" not in event.changes and out.getvalue().strip() not in str(event.changes)
