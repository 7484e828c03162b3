"""A database locked by another write is a 503 with Retry-After, for pages and the API; never a 500."""

import pytest
from django.db import OperationalError, connection

from biocluster.accounts.models import ApiToken
from biocluster.accounts.tests.factories import UserFactory


@pytest.mark.urls("biocluster.core.tests.busy_urls")
def test_a_page_finding_the_database_locked_answers_503(client, db):
    response = client.get("/locked")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    with pytest.raises(OperationalError):  # any other database error stays an error
        client.get("/broken")


@pytest.mark.urls("biocluster.core.tests.busy_urls")
def test_outside_a_view_the_500_handler_answers_503(client, db):
    client.raise_request_exception = False
    response = client.get("/broken")
    assert response.status_code == 500
    from biocluster.core.busy import handler500

    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = handler500(None)
    assert response.status_code == 503 and response["Retry-After"]


def test_an_api_write_finding_the_database_locked_answers_503(client, db, monkeypatch):
    _, key = ApiToken.issue(UserFactory())

    def locked(token):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ApiToken, "authenticate", staticmethod(locked))
    response = client.post(
        "/api/organisations", {}, content_type="application/json", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert response.json()["detail"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite")
def test_sqlite_waits_for_the_lock_before_giving_up(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
