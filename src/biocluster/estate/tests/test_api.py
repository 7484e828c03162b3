"""/api/units (availability), /api/leases (201, 409 naming the agreement, 422 field errors) and /api/occupancy."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.directory.tests.factories import CampusFactory
from biocluster.estate.models import Agreement, AgreementUnit

from .conftest import day
from .factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, staff_user):
    token = ApiToken.issue(staff_user)[1]

    def call(method, path, body=None, **params):
        headers = {"Authorization": f"Bearer {token}"}
        if method == "get":
            return client.get(path, params, headers=headers)
        return getattr(client, method)(path, body, content_type="application/json", headers=headers)

    return call


def lease(unit_ids, tenant, start="2026-01-01", end="2026-12-31", kind="lease", **extra):
    return {"organisation": tenant.pk, "units": unit_ids, "start": start, "end": end, "kind": kind, **extra}


def test_a_lease_is_created_with_defaults_then_a_conflict_is_a_409_naming_it(api, tenant, unit, other_unit):
    created = api("post", "/api/leases", lease([unit.pk, other_unit.pk], tenant, rent_per_m2="180.50"))
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["reference"] == f"A{body['id']:05d}"
    assert [line["unit"] for line in body["units"]] == [unit.pk, other_unit.pk]
    assert body["area"] == 100.0 and body["rent_per_m2"] == 180.5 and body["deposit_state"] == "none"
    conflict = api(
        "post", "/api/leases", lease([other_unit.pk], tenant, start="2026-12-01", end="2027-11-30")
    )
    assert conflict.status_code == 409
    assert conflict.json()["agreement"] == body["id"]
    assert body["reference"] in conflict.json()["detail"]
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "end"),
        ({"kind": "free", "rent_per_m2": "12"}, "rent_per_m2"),
        ({"units": []}, "units"),
        ({"kind": "sublet"}, "kind"),
        ({"organisation": 999999}, "organisation"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_nothing_is_saved(api, tenant, unit, changes, field):
    response = api("post", "/api/leases", lease([unit.pk], tenant) | changes)
    assert response.status_code == 422, response.json()
    assert field in str(response.json()["detail"])
    assert not AgreementUnit.objects.exists()


def test_units_of_two_campuses_in_one_lease_is_a_422(api, tenant, unit):
    elsewhere = UnitFactory(building=BuildingFactory(campus=CampusFactory(name="Campus 5")))
    response = api("post", "/api/leases", lease([unit.pk, elsewhere.pk], tenant))
    assert response.status_code == 422
    assert "units" in str(response.json()["detail"])
    assert not Agreement.objects.exists()


def test_the_availability_filter(api, tenant, building, unit, other_unit):
    big = UnitFactory(building=building, code="F1", kind="office", area="400")
    api("post", "/api/leases", lease([unit.pk], tenant, start="2026-03-01", end="2026-05-31"))
    free = api("get", "/api/units", free_from="2026-01-01", free_to="2026-12-31").json()
    assert {item["id"] for item in free["items"]} == {other_unit.pk, big.pk}
    item = next(i for i in free["items"] if i["id"] == big.pk)
    assert {k: item[k] for k in ("kind", "area", "building", "campus")} == {
        "kind": "office",
        "area": 400.0,
        "building": building.pk,
        "campus": building.campus_id,
    }
    narrowed = api(
        "get", "/api/units", free_from="2026-06-01", free_to="2026-12-31", kind="bsl2_lab", max_area=45
    )
    assert [i["id"] for i in narrowed.json()["items"]] == [unit.pk]
    assert api("get", "/api/units", free_from="2026-06-01").status_code == 422
    assert api("get", "/api/units", free_from="2026-06-01", free_to="2026-01-01").status_code == 422


def test_occupancy_at_a_date_and_by_campus(api, tenant, unit, other_unit):
    api("post", "/api/leases", lease([other_unit.pk], tenant))
    at = api("get", "/api/occupancy", at="2026-06-15").json()
    assert at == {"area_total": 100.0, "area_let": 60.0, "rate": 60.0, "units_total": 2, "units_let": 1}
    by = api("get", "/api/occupancy", at="2026-06-15", by="campus").json()
    assert by == [{"group": "Campus 1", **at}]
    assert api("get", "/api/occupancy", at="2027-06-15").json()["units_let"] == 0


def test_a_tenant_member_reads_its_own_leases_only(
    client, member, member_organisation, tenant, unit, other_unit, api
):
    own = api("post", "/api/leases", lease([unit.pk], member_organisation)).json()
    api("post", "/api/leases", lease([other_unit.pk], tenant))
    client.force_login(member)
    listed = client.get("/api/leases").json()
    assert [item["id"] for item in listed["items"]] == [own["id"]]
    assert day(listed["items"][0]["start"]) == day("2026-01-01")
