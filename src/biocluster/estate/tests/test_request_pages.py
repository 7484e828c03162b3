"""Space requests' pages and the move checklists' page: who may ask, see and act."""

import pytest
import time_machine
from django.urls import reverse

from biocluster.estate import services
from biocluster.estate.models import Move, SpaceRequest, Visit

from .conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-01-10 10:00 +01:00", tick=False):
        yield


def ask(client, organisation, **change):
    data = {
        "organisation": organisation.pk,
        "kind": "bsl2_lab",
        "area": "40",
        "wanted_from": "2026-02-01",
        "months": "6",
        "needs": "A fume hood",
    } | change
    return client.post(reverse("estate:request_create"), data)


def test_a_member_asks_for_space_for_its_organisation_and_sees_its_state(
    client, member, member_organisation, unit
):
    client.force_login(member)
    response = ask(client, member_organisation)
    space_request = SpaceRequest.objects.get()
    assert response.url == reverse("estate:request_detail", args=[space_request.pk])
    assert space_request.organisation == member_organisation
    page = client.get(response.url).content.decode()
    assert "Open" in page and "Candidate units" not in page and "L101" not in page
    assert "Member Bio" in client.get(reverse("estate:request_list")).content.decode()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"area": "0"}, "area"), ({"months": "0"}, "months"), ({"wanted_from": "2026-01-09"}, "wanted_from")],
)
def test_bad_input_gets_a_field_error_and_nothing_saved(client, member, member_organisation, change, field):
    client.force_login(member)
    response = ask(client, member_organisation, **change)
    assert response.status_code == 200
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not SpaceRequest.objects.exists()


def test_a_member_cannot_ask_for_another_organisation(client, member, tenant):
    client.force_login(member)
    response = ask(client, tenant)
    assert response.status_code == 200 and not SpaceRequest.objects.exists()


def requested(staff_user, organisation):
    return services.request_space(
        actor=staff_user,
        organisation=organisation,
        kind="bsl2_lab",
        area=40,
        wanted_from=day("2026-02-01"),
        months=6,
    )


def test_others_find_nothing(client, member, staff_user, tenant, reviewer):
    others = requested(staff_user, tenant)
    client.force_login(member)
    assert client.get(reverse("estate:request_detail", args=[others.pk])).status_code == 404
    assert "Booster Bio" not in client.get(reverse("estate:request_list")).content.decode()
    client.force_login(reviewer)  # no organisation: may not ask
    assert client.get(reverse("estate:request_create")).status_code == 403
    client.logout()
    assert client.get(reverse("estate:request_detail", args=[others.pk])).status_code == 302


@pytest.mark.parametrize(("whose", "status"), [("tenant", 404), ("member_organisation", 403)])
def test_a_member_may_not_offer_units(client, request, member, staff_user, unit, whose, status):
    """Another organisation's request is not found; its own may be read but not worked."""
    space_request = requested(staff_user, request.getfixturevalue(whose))
    client.force_login(member)
    offered = client.post(reverse("estate:request_offer", args=[space_request.pk]), {"offer-units": unit.pk})
    assert offered.status_code == status
    assert not space_request.offered_units.exists()


def test_staff_visit_offer_sign_then_record_the_move_in(client, staff_user, tenant, unit, other_unit):
    space_request = requested(staff_user, tenant)
    client.force_login(staff_user)
    page = client.get(reverse("estate:request_detail", args=[space_request.pk])).content.decode()
    assert "L101" in page and "L102" not in page.split("Candidate units")[1].split("</ul>")[0]
    client.post(
        reverse("estate:request_visit", args=[space_request.pk]),
        {"visit-on": "2026-01-12", "visit-visitors": "The founders", "visit-units": [unit.pk]},
    )
    assert Visit.objects.get().units.get() == unit
    response = client.post(
        reverse("estate:request_sign", args=[space_request.pk]),
        {
            "kind": "licence",
            "rent_per_m2": "0",
            "charges_per_m2": "0",
            "payment_frequency": "monthly",
            "language": "fr",
        },
    )
    assert SpaceRequest.objects.get().status == "open"  # no offer yet: refused
    client.post(reverse("estate:request_offer", args=[space_request.pk]), {"offer-units": [unit.pk]})
    response = client.post(
        reverse("estate:request_sign", args=[space_request.pk]),
        {
            "kind": "licence",
            "rent_per_m2": "200",
            "charges_per_m2": "30",
            "payment_frequency": "monthly",
            "language": "fr",
        },
    )
    space_request.refresh_from_db()
    assert space_request.status == "signed"
    assert response.url == reverse("estate:agreement_detail", args=[space_request.agreement_id])
    move_in = reverse("estate:agreement_move", args=[space_request.agreement_id, "in"])
    assert move_in in client.get(response.url).content.decode()
    response = client.post(
        move_in,
        {
            "on": "2026-02-02",
            "keys": "2",
            "badges": "3",
            "inventory": "Bench",
            f"reading_{unit.pk}_electricity": "100",
        },
    )
    move = Move.objects.get()
    detail = client.get(
        reverse("estate:agreement_detail", args=[space_request.agreement_id])
    ).content.decode()
    move_out = reverse("estate:agreement_move", args=[space_request.agreement_id, "out"])
    assert move_in not in detail and move_out in detail and "Bench" in detail
    assert (move.kind, move.keys, move.badges, move.readings.get().value) == ("in", 2, 3, 100)
    bad = client.post(
        reverse("estate:agreement_move", args=[space_request.agreement_id, "out"]),
        {"on": "2026-03-01", "keys": "2", "badges": "3", "reason": ""},
    )
    assert bad.status_code == 200 and Move.objects.count() == 1


def test_staff_filter_the_requests_and_lose_one_with_a_reason(client, staff_user, tenant):
    office = services.request_space(
        actor=staff_user, organisation=tenant, kind="office", area=20, wanted_from=day("2026-02-01"), months=6
    )
    services.request_space(
        actor=staff_user,
        prospect="Soft landing Inc.",
        kind="bsl2_lab",
        area=80,
        wanted_from=day("2026-03-01"),
        months=12,
    )
    client.force_login(staff_user)
    listed = client.get(reverse("estate:request_list"), {"kind": "bsl2_lab"}).content.decode()
    assert "Soft landing Inc." in listed and "Booster Bio" not in listed
    client.post(reverse("estate:request_lose", args=[office.pk]), {"reason": ""})
    assert SpaceRequest.objects.get(pk=office.pk).status == "open"
    client.post(reverse("estate:request_lose", args=[office.pk]), {"reason": "Found a place in Paris"})
    listed = client.get(reverse("estate:request_list"), {"status": "lost"}).content.decode()
    assert "Booster Bio" in listed and "Soft landing" not in listed


def test_only_staff_record_moves(client, member, staff_user, member_organisation, unit):
    agreement = services.create_agreement(
        actor=staff_user,
        organisation=member_organisation,
        units=[unit],
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        kind="licence",
    )
    client.force_login(member)
    assert client.get(reverse("estate:agreement_move", args=[agreement.pk, "in"])).status_code == 403
    client.force_login(staff_user)
    assert client.get(reverse("estate:agreement_move", args=[agreement.pk, "sideways"])).status_code == 404
