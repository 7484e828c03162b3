"""Dividing and combining units: the originals retired from the date, a lineage linking them,
refused (field error, nothing saved) when a unit is let on or after that date."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from biocluster.accounts.models import ApiToken
from biocluster.estate import lineage, services
from biocluster.estate.models import Unit, UnitLineage, UnitStatus
from biocluster.estate.occupancy import occupancy

from .conftest import day
from .factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def floor(building):
    return services.floor_of(building, 1)


@pytest.fixture
def big(building, floor):
    return UnitFactory(
        building=building, floor=floor, code="B1", kind="mixed", area=Decimal("100.0"), gases=True
    )


@pytest.fixture
def neighbour(building, floor):
    return UnitFactory(
        building=building, floor=floor, code="B2", kind="mixed", area=Decimal("35.5"), furnished=True
    )


def _parts(*pairs):
    return [{"code": code, "area": area} for code, area in pairs]


def test_dividing_retires_the_unit_and_links_the_new_ones(staff_user, big):
    row = lineage.divide_unit(
        actor=staff_user, unit=big, on=day("2027-01-01"), parts=_parts(("B1A", "60"), ("B1B", "40.0"))
    )
    new = list(row.results.order_by("code"))
    assert [(u.code, u.area, u.floor_id, u.kind, u.gases) for u in new] == [
        ("B1A", Decimal("60.0"), big.floor_id, "mixed", True),
        ("B1B", Decimal("40.0"), big.floor_id, "mixed", True),
    ]
    assert list(row.originals.all()) == [big] and row.kind == "divided"
    assert UnitStatus.objects.filter(unit=big, status="retired", since=day("2027-01-01")).exists()
    # The stock counts the original before, the new units from the date: the same area.
    before, after = occupancy(day("2026-12-31")), occupancy(day("2027-01-01"))
    assert (before.units_total, after.units_total) == (1, 2) and before.area_total == after.area_total
    assert lineage.lineage_of(big) == [row] == lineage.lineage_of(new[0])


def test_combining_makes_one_unit_of_the_floors_units(staff_user, big, neighbour):
    row = lineage.combine_units(actor=staff_user, units=[big, neighbour], on=day("2027-01-01"), code="B12")
    combined = row.results.get()
    assert (combined.area, combined.kind, combined.gases, combined.furnished) == (
        Decimal("135.5"),
        "mixed",
        True,
        True,
    )
    assert set(row.originals.all()) == {big, neighbour}
    assert UnitStatus.objects.filter(status="retired", since=day("2027-01-01")).count() == 2
    assert Unit.objects.lettable().free_between(day("2027-02-01"), day("2027-03-01")).get() == combined


def test_a_retired_unit_cannot_be_let_nor_put_back(staff_user, big, tenant):
    lineage.divide_unit(
        actor=staff_user, unit=big, on=day("2027-01-01"), parts=_parts(("B1A", "50"), ("B1B", "50"))
    )
    with pytest.raises(ValidationError):
        services.create_agreement(
            actor=staff_user,
            organisation=tenant,
            units=[big],
            start=day("2027-02-01"),
            end=day("2027-12-31"),
            kind="lease",
        )
    with pytest.raises(ValidationError) as error:
        services.set_unit_status(actor=staff_user, unit=big, status="available", since=day("2027-06-01"))
    assert "status" in error.value.message_dict


def _refused(call, field):
    counts = (Unit.objects.count(), UnitStatus.objects.count(), UnitLineage.objects.count())
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict
    assert (Unit.objects.count(), UnitStatus.objects.count(), UnitLineage.objects.count()) == counts


def test_refused_when_a_unit_is_let_on_or_after_the_date(staff_user, big, neighbour, tenant):
    agreement = services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[neighbour],
        start=day("2026-01-01"),
        end=day("2027-06-30"),
        kind="lease",
    )
    _refused(
        lambda: lineage.combine_units(
            actor=staff_user, units=[big, neighbour], on=day("2027-01-01"), code="X"
        ),
        "on",
    )
    try:
        lineage.combine_units(actor=staff_user, units=[big, neighbour], on=day("2027-01-01"), code="X")
    except ValidationError as error:
        assert agreement.reference in error.message_dict["on"][0]
    # The day after the lease ends, it may.
    lineage.combine_units(actor=staff_user, units=[big, neighbour], on=day("2027-07-01"), code="X")


@pytest.mark.parametrize(
    ("parts", "field"),
    [
        (_parts(("A", "60"), ("B", "30")), "parts"),  # 90 of 100 m²
        (_parts(("A", "100")), "parts"),  # one part
        (_parts(("A", "60"), ("A", "40")), "parts"),  # one code twice
        (_parts(("A", "0"), ("B", "100")), "parts"),
        (_parts(("A", "60.05"), ("B", "39.95")), "parts"),
        (_parts(("B2", "60"), ("B", "40")), "code"),  # the neighbour's code
    ],
)
def test_a_bad_division_is_a_field_error_and_nothing_saved(staff_user, big, neighbour, parts, field):
    _refused(
        lambda: lineage.divide_unit(actor=staff_user, unit=big, on=day("2027-01-01"), parts=parts), field
    )


def test_combining_across_floors_or_twice_is_refused(staff_user, building, big, neighbour):
    upstairs = UnitFactory(building=building, floor=services.floor_of(building, 2), code="C1")
    _refused(
        lambda: lineage.combine_units(
            actor=staff_user, units=[big, upstairs], on=day("2027-01-01"), code="X"
        ),
        "units",
    )
    _refused(
        lambda: lineage.combine_units(actor=staff_user, units=[big, big], on=day("2027-01-01"), code="X"),
        "units",
    )
    lineage.combine_units(actor=staff_user, units=[big, neighbour], on=day("2027-01-01"), code="X")
    _refused(
        lambda: lineage.combine_units(
            actor=staff_user, units=[big, neighbour], on=day("2028-01-01"), code="Y"
        ),
        "units",
    )


@pytest.fixture
def api(client, staff_user):
    token = ApiToken.issue(staff_user)[1]
    headers = {"Authorization": f"Bearer {token}"}
    return lambda path, body: client.post(path, body, content_type="application/json", headers=headers)


def test_the_api_divides_and_combines(api, client, big, neighbour):
    divided = api(
        f"/api/units/{big.pk}/divide",
        {"on": "2027-01-01", "parts": [{"code": "B1A", "area": 70}, {"code": "B1B", "area": 30}]},
    )
    assert divided.status_code == 201, divided.json()
    assert divided.json()["originals"] == [big.pk] and len(divided.json()["results"]) == 2
    part = divided.json()["results"][0]
    combined = api(
        "/api/unit-combinations", {"units": [part, neighbour.pk], "on": "2028-01-01", "code": "B1AB"}
    )
    assert combined.status_code == 201, combined.json()
    history = client.get(f"/api/units/{part}/lineage").json()
    assert [row["kind"] for row in history] == ["divided", "combined"]


@pytest.mark.parametrize(
    "body",
    [
        {"on": "2027-01-01", "parts": [{"code": "A", "area": 70}, {"code": "B", "area": 20}]},
        {"on": "2027-01-01", "parts": [{"code": "A", "area": 100}]},
        {"on": "2027-02-30", "parts": [{"code": "A", "area": 50}, {"code": "B", "area": 50}]},
        {"on": "2027-01-01", "parts": [{"code": "", "area": 50}, {"code": "B", "area": 50}]},
    ],
)
def test_a_bad_division_through_the_api_is_a_422_and_nothing_saved(api, big, body):
    count = Unit.objects.count()
    assert api(f"/api/units/{big.pk}/divide", body).status_code == 422
    assert Unit.objects.count() == count and not UnitLineage.objects.exists()


def test_a_bad_combination_through_the_api_is_a_422(api, big, neighbour):
    for body in (
        {"units": [big.pk, 2**63], "on": "2027-01-01", "code": "X"},
        {"units": [big.pk, neighbour.pk], "on": "2027-01-01", "code": "X", "kind": "castle"},
        {"units": [big.pk, 999999], "on": "2027-01-01", "code": "X"},
    ):
        assert api("/api/unit-combinations", body).status_code == 422
    assert not UnitLineage.objects.exists()


def test_staff_divide_on_the_unit_page_which_shows_the_lineage(client, staff_user, big):
    client.force_login(staff_user)
    response = client.post(
        reverse("estate:unit_divide", args=[big.pk]),
        {"divide-on": "2027-01-01", "divide-parts": "B1A 62,5\nB1B; 37.5 m²"},
    )
    assert response.status_code == 302
    assert sorted(Unit.objects.filter(lineage_as_result__isnull=False).values_list("area", flat=True)) == [
        Decimal("37.5"),
        Decimal("62.5"),
    ]
    page = client.get(reverse("estate:unit_detail", args=[big.pk])).content.decode()
    assert "B1A" in page and "Divided on" in page


def test_a_bad_division_on_the_page_shows_why_and_saves_nothing(client, staff_user, big):
    client.force_login(staff_user)
    response = client.post(
        reverse("estate:unit_divide", args=[big.pk]),
        {"divide-on": "2027-01-01", "divide-parts": "A 10\nB 10"},
        follow=True,
    )
    assert "add up to 20 m²" in response.content.decode() and not UnitLineage.objects.exists()


def test_staff_combine_on_the_unit_page(client, staff_user, big, neighbour):
    client.force_login(staff_user)
    response = client.post(
        reverse("estate:unit_combine", args=[big.pk]),
        {"combine-others": [neighbour.pk], "combine-code": "B12", "combine-on": "2027-01-01"},
    )
    combined = Unit.objects.get(code="B12")
    assert response.status_code == 302 and response["Location"] == reverse(
        "estate:unit_detail", args=[combined.pk]
    )
