"""/api/occupancy as a series: `from`, `to`, `step=month`; the same figures as at each date."""

import pytest

from .test_api import api, lease  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_a_series_month_by_month_and_by_kind(api, tenant, unit, other_unit):  # noqa: F811
    api("post", "/api/leases", lease([other_unit.pk], tenant, start="2026-02-15", end="2026-03-31"))
    months = api("get", "/api/occupancy", **{"from": "2026-01-20", "to": "2026-04-02", "step": "month"})
    assert months.status_code == 200
    rows = months.json()
    assert [row["month"] for row in rows] == ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]
    assert [row["units_let"] for row in rows] == [0, 0, 1, 0]  # let from 15 February to 31 March
    for row in rows:
        at = api("get", "/api/occupancy", at=row["month"]).json()
        assert {key: row[key] for key in at} == at
    by_kind = api("get", "/api/occupancy", **{"from": "2026-03-01", "to": "2026-03-31", "by": "kind"}).json()
    assert {(row["group"], row["units_let"]) for row in by_kind} == {("bsl1_lab", 1), ("bsl2_lab", 0)}


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-01-01"},
        {"to": "2026-01-01"},
        {"from": "2026-05-01", "to": "2026-01-01"},
        {"from": "2000-01-01", "to": "2026-01-01"},
        {"from": "2026-01-01", "to": "2026-02-01", "at": "2026-01-01"},
        {"from": "2026-01-01", "to": "2026-02-01", "step": "day"},
    ],
)
def test_a_bad_series_is_a_422(api, params):  # noqa: F811
    assert api("get", "/api/occupancy", **params).status_code == 422


def test_a_series_is_for_staff(client, unit):
    assert client.get("/api/occupancy", {"from": "2026-01-01", "to": "2026-02-01"}).status_code in (401, 403)
