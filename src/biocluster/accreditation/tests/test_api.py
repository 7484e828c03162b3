"""The API: the same visibility as the pages; writes with a token for the register's keepers."""

import pytest

from biocluster.accreditation.models import Accreditation
from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [item["organisation_name"] for item in response.json()["items"]]


def test_the_public_sees_accepted_listed_companies_without_notes(api, register):
    response = api(None, "get", "/api/accreditations")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert sorted(_names(response)) == ["Closed Bio", "Listed Genomics"]
    assert all(item["committee_notes"] == "" for item in data["items"])
    closed = next(item for item in data["items"] if item["organisation_name"] == "Closed Bio")
    assert closed["current_status"] == "closed"
    assert [s["status"] for s in closed["statuses"]] == ["active", "closed"]
    assert closed["statuses"][1]["note"] == ""


def test_staff_see_the_whole_register_with_notes(api, register, staff_user):
    data = api(staff_user, "get", "/api/accreditations?limit=200").json()
    assert data["count"] == 4
    listed = next(item for item in data["items"] if item["organisation_name"] == "Listed Genomics")
    assert listed["committee_notes"] == "Secret plan"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=closed", ["Closed Bio"]),
        ("status=active", ["Listed Genomics"]),
        ("year=2004", ["Listed Genomics"]),
        ("year=2010", ["Closed Bio"]),
        ("year=2011", []),
        ("decision=refused", []),
    ],
)
def test_filters(api, register, query, expected):
    assert sorted(_names(api(None, "get", f"/api/accreditations?{query}"))) == expected


def test_bad_filters_are_422(api, register):
    assert api(None, "get", "/api/accreditations?status=bankrupt").status_code == 422
    assert api(None, "get", "/api/accreditations?year=1990").status_code == 422
    assert api(None, "get", "/api/accreditations?limit=0").status_code == 422


def test_detail_hides_what_the_public_may_not_see(api, register):
    assert api(None, "get", f"/api/accreditations/{register['listed'].pk}").status_code == 200
    assert api(None, "get", f"/api/accreditations/{register['refused'].pk}").status_code == 404
    assert api(None, "get", f"/api/accreditations/{register['unlisted'].pk}").status_code == 404


def test_keepers_record_a_decision_and_a_status_change(api, entreprises_staff):
    organisation = OrganisationFactory(name="New Therapeutics")
    body = {
        "organisation": organisation.pk,
        "decided_on": "2021-06-07",
        "decision": "accepted",
        "committee_notes": "Go",
    }
    response = api(entreprises_staff, "post", "/api/accreditations", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["current_status"] == "active"
    assert created["committee_notes"] == "Go"
    response = api(
        entreprises_staff,
        "post",
        f"/api/accreditations/{created['id']}/statuses",
        {"status": "moved_away", "since": "2023-01-02", "evidence": "https://example.org/news"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["current_status"] == "moved_away"
    assert (
        AuditEvent.objects.filter(actor=entreprises_staff, action__startswith="accreditation.").count() == 3
    )


def test_rule_violations_are_422_naming_the_field(api, entreprises_staff, register):
    organisation = register["listed"].organisation
    body = {"organisation": organisation.pk, "decided_on": "2021-06-07", "decision": "accepted"}
    response = api(entreprises_staff, "post", "/api/accreditations", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "organisation"]
    body = {"organisation": OrganisationFactory().pk, "decided_on": "1997-01-01", "decision": "accepted"}
    response = api(entreprises_staff, "post", "/api/accreditations", body)
    assert response.json()["detail"][0]["loc"] == ["body", "decided_on"]
    response = api(
        entreprises_staff,
        "post",
        f"/api/accreditations/{register['closed'].pk}/statuses",
        {"status": "acquired", "since": "2014-01-01"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "since"]
    assert Accreditation.objects.count() == 4


def test_communication_staff_read_but_do_not_write(api, staff_user, register):
    organisation = OrganisationFactory()
    body = {"organisation": organisation.pk, "decided_on": "2021-06-07", "decision": "accepted"}
    assert api(staff_user, "post", "/api/accreditations", body).status_code == 403
    assert api(None, "post", "/api/accreditations", body).status_code == 401
    assert not Accreditation.objects.filter(organisation=organisation).exists()
