"""The staff's pages: forms refuse bad input on the field and save nothing; the pipeline installs."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import task_backends
from django.urls import reverse

from biocluster.cooperation.models import AgreementActivity, PartnershipAgreement, SoftLanding, Stage
from biocluster.directory.models import Organisation

from .factories import (
    AgreementFactory,
    MissionFactory,
    PackFactory,
    PartnerFactory,
    SoftLandingFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_an_activity_in_the_future_is_refused_on_its_field(staff_client):
    agreement = AgreementFactory()
    url = reverse("cooperation:activity_create", args=[agreement.pk])
    with time_machine.travel(datetime.datetime(2025, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        response = staff_client.post(url, {"kind": "visit", "happened_on": "2025-12-02", "title": "A visit"})
    assert response.status_code == 422
    assert "cannot be in the future" in response.context["form"].errors["happened_on"][0]
    assert not AgreementActivity.objects.exists()


def test_an_agreement_expiring_before_its_signature_is_refused_on_its_field(staff_client):
    partner = PartnerFactory()
    response = staff_client.post(
        reverse("cooperation:agreement_create"),
        {
            "partner": partner.pk,
            "title": "Backwards",
            "kind": "cooperation",
            "scopes": ["joint_rd"],
            "status": "signed",
            "signed_on": "2024-03-01",
            "expires_on": "2024-01-01",
            "renewal": "none",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["expires_on"]
    assert not PartnershipAgreement.objects.exists()


def test_the_signed_document_is_uploaded_and_served_to_the_staff_only(staff_client, client, member):
    partner = PartnerFactory()
    pdf = SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = staff_client.post(
        reverse("cooperation:agreement_create"),
        {
            "partner": partner.pk,
            "title": "With Biocat",
            "kind": "mou",
            "scopes": ["benchmarking"],
            "status": "signed",
            "signed_on": "2024-03-01",
            "renewal": "tacit",
            "document": pdf,
        },
    )
    assert response.status_code == 302
    agreement = PartnershipAgreement.objects.get()
    url = reverse("cooperation:agreement_document", args=[agreement.pk])
    download = staff_client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    client.force_login(member)
    assert client.get(url).status_code == 404


def test_a_lead_is_installed_from_its_page_and_appears_in_the_directory(staff_client):
    lead = SoftLandingFactory(name="Maple Genomics", country="CA", stage=Stage.OFFER)
    response = staff_client.post(
        reverse("cooperation:soft_landing_install", args=[lead.pk]), {"kind": "startup"}
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.stage == Stage.INSTALLED
    organisation = Organisation.objects.get(name="Maple Genomics")
    assert lead.organisation == organisation
    page = staff_client.get(reverse("cooperation:soft_landing_detail", args=[lead.pk]))
    assert reverse("directory:organisation_detail", args=[organisation.pk]) in page.content.decode()


def test_losing_a_lead_without_a_reason_is_said_and_changes_nothing(staff_client):
    lead = SoftLandingFactory(stage=Stage.VISIT)
    response = staff_client.post(
        reverse("cooperation:soft_landing_move", args=[lead.pk]), {"stage": "lost"}, follow=True
    )
    assert "Say why the company was lost." in response.content.decode()
    assert SoftLanding.objects.get(pk=lead.pk).stage == Stage.VISIT


def test_the_mission_page_shows_its_packs_companies_and_meetings(staff_client):
    mission = MissionFactory()
    pack = PackFactory(mission=mission, name="Key Accounts Partnerships")
    SubscriptionFactory(pack=pack, organisation__name="Synsight")
    page = staff_client.get(reverse("cooperation:mission_detail", args=[mission.pk])).content.decode()
    assert "Key Accounts Partnerships" in page
    assert "Synsight" in page


def test_the_dashboard_draws_the_world_map_and_its_figures(staff_client):
    AgreementFactory(
        partner__country="CA",
        partner__name="Génome Québec",
        signed_on=datetime.date(2020, 1, 1),
        expires_on=None,
    )
    AgreementFactory(
        partner__country="SG", partner__name="GIS", signed_on=datetime.date(2020, 1, 1), expires_on=None
    )
    page = staff_client.get(reverse("cooperation:dashboard")).content.decode()
    assert 'aria-label="Partners and activities by country"' in page
    assert "<svg" in page
    assert "Canada" in page
    assert "too small for the map" in page  # Singapore: in the table, not drawn


def test_a_map_no_process_has_drawn_is_drawn_by_the_worker_while_the_page_says_so(staff_client, settings):
    """The renderer takes seconds to start and draw under load: the worker pays, not the page."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    AgreementFactory(
        partner__country="CA",
        partner__name="Génome Québec",
        signed_on=datetime.date(2020, 1, 1),
        expires_on=None,
    )
    url = reverse("cooperation:dashboard")
    page = staff_client.get(url).content.decode()
    assert "<svg" not in page and page.count('class="drawing"') == 2  # the map and the stages' chart
    assert "Canada" in page  # the map's figures meanwhile
    assert f'hx-get="{url}" hx-trigger="every 2s"' in page
    queued = list(task_backends["default"].results)
    assert sorted(result.task.name for result in queued) == ["draw_chart", "draw_map"]
    staff_client.get(url)  # asked again before the worker drew them: not queued twice
    assert len(task_backends["default"].results) == 2
    for result in queued:  # the worker
        result.task.call(*result.args, **result.kwargs)
    caches["local"].clear()  # the page's process reads what the worker drew
    page = staff_client.get(url).content.decode()
    assert 'class="drawing"' not in page and "every 2s" not in page
    assert 'aria-label="Partners and activities by country"' in page and page.count("<svg") == 2


def test_an_organisation_s_page_tells_the_staff_what_cooperation_knows_of_it(client, staff_user, member):
    agreement = AgreementFactory(partner__name="BioM", title="Cooperation with BioM")
    client.force_login(staff_user)
    page = client.get(reverse("directory:organisation_detail", args=[agreement.partner_id])).content.decode()
    assert "Partner: Cooperation with BioM (Signed)" in page
    client.force_login(member)
    page = client.get(reverse("directory:organisation_detail", args=[agreement.partner_id])).content.decode()
    assert "Cooperation with BioM" not in page


def test_a_visa_is_granted_from_its_page_and_a_grant_without_its_date_is_refused(staff_client):
    from .factories import VisaFactory

    visa = VisaFactory(status="submitted", submitted_on=datetime.date(2025, 10, 2))
    url = reverse("cooperation:visa_edit", args=[visa.pk])
    values = {
        "person_name": visa.person_name,
        "kind": "founder",
        "status": "granted",
        "submitted_on": "2025-10-02",
    }
    response = staff_client.post(url, values)
    assert response.status_code == 422
    assert response.context["form"].errors["decided_on"]
    response = staff_client.post(url, values | {"decided_on": "2025-11-20", "valid_until": "2029-11-19"})
    assert response.status_code == 302
    visa.refresh_from_db()
    assert (visa.status, visa.decided_on) == ("granted", datetime.date(2025, 11, 20))
