"""/api/snapshots: the published years for everyone, every year for staff; an unpublished one is a 404."""

import pytest

from biocluster.publishing import services

from .factories import HEADCOUNT

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(frozen_2024, staff_user):
    services.publish(actor=staff_user, snapshot=frozen_2024)
    return frozen_2024, services.freeze(actor=staff_user, year=2025)


def test_the_public_lists_the_published_years_only(client, years):
    body = client.get("/api/snapshots").json()
    assert body["count"] == 1 and [row["year"] for row in body["items"]] == [2024]
    assert client.get("/api/snapshots/2025").status_code == 404
    assert client.get("/api/snapshots/1").status_code == 404


def test_a_published_year_with_its_values(client, years):
    body = client.get("/api/snapshots/2024").json()
    headcount = next(row for row in body["values"] if row["code"] == HEADCOUNT)
    assert (
        headcount["value"] == 15 and headcount["records_count"] == 2 and headcount["definition_version"] == 1
    )
    assert headcount["url"].startswith("http://testserver/publishing/figures/")
    assert body["published_at"] is not None


def test_staff_read_every_year(client, staff_user, years):
    client.force_login(staff_user)
    body = client.get("/api/snapshots").json()
    assert [row["year"] for row in body["items"]] == [2025, 2024]
    assert client.get("/api/snapshots/2025").json()["published_at"] is None
