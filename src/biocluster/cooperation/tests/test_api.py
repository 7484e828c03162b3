"""The cooperation API: the same rules as the pages, bad input a 422 naming the field."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.cooperation.models import PartnershipAgreement, SoftLanding
from biocluster.directory.models import Organisation

from .factories import AgreementFactory, PartnerFactory, SoftLandingFactory

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)[1]}"}


def test_staff_record_an_agreement_and_list_it_filtered(client, staff_user):
    partner = PartnerFactory(name="BioM", country="DE")
    response = client.post(
        "/api/partnership-agreements",
        {"partner": partner.pk, "title": "With BioM", "kind": "cooperation", "scopes": ["joint_rd"]},
        content_type="application/json",
        **_auth(staff_user),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["partner_country"] == "DE"
    AgreementFactory(partner__country="US")
    listed = client.get("/api/partnership-agreements?country=DE", **_auth(staff_user)).json()
    assert [item["title"] for item in listed["items"]] == ["With BioM"]


def test_a_signed_agreement_without_a_date_is_a_422_on_its_field(client, staff_user):
    response = client.post(
        "/api/partnership-agreements",
        {
            "partner": PartnerFactory().pk,
            "title": "X",
            "kind": "mou",
            "scopes": ["benchmarking"],
            "status": "signed",
        },
        content_type="application/json",
        **_auth(staff_user),
    )
    assert response.status_code == 422
    assert "signed_on" in str(response.json())
    assert not PartnershipAgreement.objects.exists()


def test_install_through_the_api_links_the_directory(client, staff_user):
    lead = SoftLandingFactory(name="Aurora Cells", country="FI")
    response = client.post(
        f"/api/soft-landings/{lead.pk}/install",
        {"kind": "startup"},
        content_type="application/json",
        **_auth(staff_user),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["stage"] == "installed"
    assert Organisation.objects.get(pk=body["organisation"]).name == "Aurora Cells"


def test_members_find_nothing(client, member):
    lead = SoftLandingFactory()
    assert client.get(f"/api/soft-landings/{lead.pk}", **_auth(member)).status_code == 404
    assert client.get("/api/soft-landings", **_auth(member)).status_code == 403
    assert SoftLanding.objects.count() == 1
