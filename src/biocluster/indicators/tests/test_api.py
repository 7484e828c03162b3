"""/api/indicators: the registry, and a value with its records, for staff only."""

from datetime import date
from decimal import Decimal

import pytest

from biocluster.accreditation.tests.factories import AccreditationFactory
from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.indicators import services

pytestmark = pytest.mark.django_db


def test_the_registry_is_listed_for_staff(client, staff_user):
    client.force_login(staff_user)
    body = client.get("/api/indicators?limit=100").json()
    codes = {item["code"] for item in body["items"]}
    assert "programmes.funds_raised" in codes
    funds = next(item for item in body["items"] if item["code"] == "programmes.funds_raised_since_founding")
    assert funds["unit"] == "EUR" and funds["period_kind"] == "cumulative" and funds["since"] == "1998-10-23"
    assert "programme" in funds["breakdowns"] and funds["version"] == 1


def test_a_value_with_its_records_provenance_and_version(client, staff_user):
    campus = CampusFactory(name="Genopole Évry")
    first = AccreditationFactory(
        organisation=OrganisationFactory(name="Alpha", campus=campus), decided_on=date(2017, 3, 1)
    )
    AccreditationFactory(organisation=OrganisationFactory(name="Beta"), decided_on=date(2017, 5, 1))
    AccreditationFactory(decided_on=date(2018, 5, 1))
    services.enter_historical_value(
        actor=staff_user,
        code="accreditation.new_companies",
        year=2017,
        value=Decimal(3),
        source="Report 2017",
    )
    client.force_login(staff_user)
    body = client.get("/api/indicators/accreditation.new_companies?year=2017&by=campus").json()
    assert body["value"] == 2 and body["unit"] == "count" and body["provenance"] == "computed"
    assert body["definition_version"] == 1
    assert (body["start"], body["end"]) == ("2017-01-01", "2017-12-31")
    assert body["records_count"] == 2
    assert [(r["type"], r["id"], r["label"], r["value"]) for r in body["records"]] == [
        ("accreditation.accreditation", first.pk + 1, "Beta", 1),
        ("accreditation.accreditation", first.pk, "Alpha", 1),
    ]
    assert body["records"][1]["url"] == f"/accreditation/{first.pk}/"
    assert body["groups"] == [{"group": "Genopole Évry", "value": 1}, {"group": "—", "value": 1}]
    assert body["historical"] == {
        "value": 3,
        "provenance": "historical",
        "source": "Report 2017",
        "note": "",
        "difference": -1,
    }


def test_at_a_date_and_paging_of_records(client, staff_user):
    for month in (1, 2, 3, 9):
        AccreditationFactory(decided_on=date(2020, month, 1))
    client.force_login(staff_user)
    body = client.get("/api/indicators/accreditation.active?at=2020-06-30&limit=2&offset=1").json()
    assert body["value"] == 3 and body["records_count"] == 3 and len(body["records"]) == 2
    assert body["start"] is None and body["end"] == "2020-06-30"


@pytest.mark.parametrize(
    "query",
    ["year=2017&at=2017-01-01", "by=campus", "by=nowhere", "year=1200", "limit=0"],
)
def test_bad_queries_are_422(client, staff_user, query):
    client.force_login(staff_user)
    response = client.get(
        f"/api/indicators/partnering.meetings_held?year=2017&{query}".replace("year=2017&year", "year")
    )
    assert response.status_code == 422, query


def test_an_unknown_indicator_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/api/indicators/nothing.here?year=2017").status_code == 404


def test_members_are_refused(client, member):
    client.force_login(member)
    assert client.get("/api/indicators").status_code == 403
    assert client.get("/api/indicators/calls.proposals?year=2024").status_code == 403
