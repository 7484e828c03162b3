"""/api/space-requests/{id}/visits, /offer, /sign, /lose: staff only, per role."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.estate import services
from biocluster.estate.models import Agreement, SpaceRequest, Visit

from .conftest import day

pytestmark = pytest.mark.django_db


def caller(client, user):
    headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"} if user is not None else {}

    def call(method, path, body=None):
        if method == "get":
            return client.get(path, headers=headers)
        return client.post(path, body or {}, content_type="application/json", headers=headers)

    return call


def ask(staff_user, organisation):
    return services.request_space(
        actor=staff_user,
        organisation=organisation,
        kind="bsl2_lab",
        area=40,
        wanted_from=day("2026-02-01"),
        months=6,
    )


def test_staff_visit_offer_and_sign_through_the_api(client, staff_user, tenant, unit):
    api = caller(client, staff_user)
    path = f"/api/space-requests/{ask(staff_user, tenant).pk}"
    visit = api(
        "post", f"{path}/visits", {"on": "2026-01-12", "visitors": "The founders", "units": [unit.pk]}
    )
    assert visit.status_code == 201 and visit.json()["units"] == [unit.pk]
    assert [row["id"] for row in api("get", f"{path}/visits").json()] == [visit.json()["id"]]
    early = api("post", f"{path}/sign", {"kind": "licence"})
    assert early.status_code == 422 and not Agreement.objects.exists()
    offered = api("post", f"{path}/offer", {"units": [unit.pk]})
    assert offered.json()["status"] == "offered" and offered.json()["offered_units"] == [unit.pk]
    signed = api("post", f"{path}/sign", {"kind": "licence", "rent_per_m2": "210"})
    assert signed.status_code == 201, signed.json()
    assert (signed.json()["start"], signed.json()["end"], signed.json()["rent_per_m2"]) == (
        "2026-02-01",
        "2026-07-31",
        210.0,
    )
    assert api("post", f"{path}/lose", {"reason": "Too late"}).status_code == 422


def test_signing_a_unit_let_meanwhile_is_a_409_naming_the_agreement(client, staff_user, tenant, unit):
    space_request = ask(staff_user, tenant)
    services.offer_units(actor=staff_user, space_request=space_request, units=[unit])
    other = services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],
        start=day("2026-03-01"),
        end=day("2026-03-31"),
        kind="lease",
    )
    response = caller(client, staff_user)(
        "post", f"/api/space-requests/{space_request.pk}/sign", {"kind": "licence"}
    )
    assert response.status_code == 409 and response.json()["agreement"] == other.pk
    assert SpaceRequest.objects.get().status == "offered"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"on": "2026-01-12", "visitors": "", "units": [1]}, "visitors"),
        ({"on": "2026-01-12", "visitors": "X", "units": []}, "units"),
        ({"on": "2026-01-12", "visitors": "X", "units": [999999]}, "units"),
    ],
)
def test_a_bad_visit_is_a_422_and_nothing_saved(client, staff_user, tenant, unit, body, field):
    response = caller(client, staff_user)(
        "post", f"/api/space-requests/{ask(staff_user, tenant).pk}/visits", body
    )
    assert response.status_code == 422 and field in str(response.json()["detail"])
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    ("who", "own", "expected"),
    [
        (None, False, 401),
        ("member", False, 404),
        ("member", True, 403),
        ("reviewer", False, 404),
        ("administrator", False, 200),
    ],
)
def test_only_staff_act_on_a_request(
    client, request, staff_user, tenant, member_organisation, unit, who, own, expected
):
    space_request = ask(staff_user, member_organisation if own else tenant)
    api = caller(client, request.getfixturevalue(who) if who else None)
    response = api("post", f"/api/space-requests/{space_request.pk}/offer", {"units": [unit.pk]})
    assert response.status_code == expected
    assert SpaceRequest.objects.get().status == ("offered" if expected == 200 else "open")
    lost = api("post", f"/api/space-requests/{space_request.pk}/lose", {"reason": "No"})
    assert lost.status_code == expected
    assert SpaceRequest.objects.get().status == ("lost" if expected == 200 else "open")


def test_a_member_reads_its_own_request_but_not_anothers(
    client, staff_user, member, member_organisation, tenant
):
    own, other = ask(staff_user, member_organisation), ask(staff_user, tenant)
    api = caller(client, member)
    assert api("get", f"/api/space-requests/{own.pk}").json()["status"] == "open"
    assert api("get", f"/api/space-requests/{other.pk}").status_code == 404
    assert api("get", "/api/space-requests").status_code == 403
