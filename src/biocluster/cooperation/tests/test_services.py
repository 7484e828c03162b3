"""The rules of international cooperation, through the services (no HTTP)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from biocluster.audit.models import AuditEvent
from biocluster.cooperation import services
from biocluster.cooperation.apps import alerts
from biocluster.cooperation.models import AgreementActivity, PartnershipAgreement, SoftLanding, Stage
from biocluster.directory.models import Organisation
from biocluster.directory.tests.factories import OrganisationFactory

from .factories import (
    ActivityFactory,
    AgreementFactory,
    LabelFactory,
    MembershipFactory,
    PackFactory,
    PartnerFactory,
    SoftLandingFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 12, 1)


# -- the one-step installation


def test_installing_a_lead_adds_it_to_the_directory_linked_and_audited(staff_user):
    lead = SoftLandingFactory(name="Maple Genomics", country="CA", website="https://maple-genomics.example")
    before = Organisation.objects.count()

    installed = services.install_soft_landing(actor=staff_user, soft_landing=lead, kind="startup", today=DAY)

    assert Organisation.objects.count() == before + 1
    organisation = installed.organisation
    assert (organisation.name, organisation.country, organisation.kind) == ("Maple Genomics", "CA", "startup")
    assert organisation.website == "https://maple-genomics.example"
    assert (installed.stage, installed.installed_on, installed.stage_changed_on) == (
        Stage.INSTALLED,
        DAY,
        DAY,
    )
    assert SoftLanding.objects.get(pk=lead.pk).organisation_id == organisation.pk
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "directory.organisation.created_from_soft_landing",
        "cooperation.soft_landing.installed",
    } <= actions


def test_installing_a_company_already_in_the_directory_links_it_and_duplicates_nothing(staff_user):
    existing = OrganisationFactory(name="Illumina", country="US", kind="large_company")
    lead = SoftLandingFactory(name="ILLUMINA", country="US")
    before = Organisation.objects.count()

    installed = services.install_soft_landing(actor=staff_user, soft_landing=lead, today=DAY)

    assert Organisation.objects.count() == before
    assert installed.organisation == existing


def test_the_same_website_is_the_same_company_whatever_its_name(staff_user):
    existing = OrganisationFactory(
        name="Maple Genomics Inc.", website="https://www.maple.example/en", country="CA"
    )
    lead = SoftLandingFactory(name="Maple", country="CA", website="https://maple.example")

    assert (
        services.install_soft_landing(actor=staff_user, soft_landing=lead, today=DAY).organisation == existing
    )


def test_the_same_name_in_another_country_is_another_company(staff_user):
    OrganisationFactory(name="Nova Bio", country="DE")
    lead = SoftLandingFactory(name="Nova Bio", country="US")

    installed = services.install_soft_landing(actor=staff_user, soft_landing=lead, today=DAY)

    assert installed.organisation.country == "US"
    assert Organisation.objects.filter(name="Nova Bio").count() == 2


def test_nothing_is_half_saved_when_the_installation_fails_midway(staff_user, monkeypatch):
    lead = SoftLandingFactory(name="Half Saved Bio", country="US")
    before = Organisation.objects.count()

    def broken(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(services.audit, "record_update", broken)  # after the organisation is made
    with pytest.raises(RuntimeError):
        services.install_soft_landing(actor=staff_user, soft_landing=lead, today=DAY)

    assert Organisation.objects.count() == before
    assert not Organisation.objects.filter(name="Half Saved Bio").exists()
    lead.refresh_from_db()
    assert (lead.stage, lead.organisation_id, lead.installed_on) == (Stage.LEAD, None, None)


def test_an_installed_company_is_not_installed_twice(staff_user):
    lead = SoftLandingFactory()
    services.install_soft_landing(actor=staff_user, soft_landing=lead, today=DAY)
    count = Organisation.objects.count()

    with pytest.raises(ValidationError) as error:
        services.install_soft_landing(actor=staff_user, soft_landing=lead, today=DAY)

    assert "stage" in error.value.message_dict
    assert Organisation.objects.count() == count


def test_a_lost_company_is_taken_up_again_before_it_is_installed(staff_user):
    lead = SoftLandingFactory(stage=Stage.LOST, lost_reason="Chose Munich")
    with pytest.raises(ValidationError) as error:
        services.install_soft_landing(actor=staff_user, soft_landing=lead, today=DAY)
    assert "stage" in error.value.message_dict


def test_an_installed_company_is_a_company(staff_user):
    lead = SoftLandingFactory()
    with pytest.raises(ValidationError) as error:
        services.install_soft_landing(actor=staff_user, soft_landing=lead, kind="university", today=DAY)
    assert "kind" in error.value.message_dict
    assert SoftLanding.objects.get(pk=lead.pk).stage == Stage.LEAD


# -- the pipeline


def test_a_lead_moves_through_the_stages_and_is_lost_with_a_reason(staff_user):
    lead = services.create_soft_landing(actor=staff_user, name="Aurora Cells", country="fi", today=DAY)
    assert (lead.stage, lead.country) == (Stage.LEAD, "FI")
    lead = services.move_soft_landing(actor=staff_user, soft_landing=lead, stage="visit", today=DAY)
    assert lead.stage == Stage.VISIT

    with pytest.raises(ValidationError) as error:
        services.move_soft_landing(actor=staff_user, soft_landing=lead, stage="lost", today=DAY)
    assert "lost_reason" in error.value.message_dict
    assert SoftLanding.objects.get(pk=lead.pk).stage == Stage.VISIT

    lead = services.move_soft_landing(
        actor=staff_user, soft_landing=lead, stage="lost", lost_reason="Chose Boston", today=DAY
    )
    assert (lead.stage, lead.lost_reason) == (Stage.LOST, "Chose Boston")


def test_installed_is_reached_by_installing_only(staff_user):
    lead = SoftLandingFactory()
    with pytest.raises(ValidationError) as error:
        services.move_soft_landing(actor=staff_user, soft_landing=lead, stage="installed", today=DAY)
    assert "stage" in error.value.message_dict


def test_a_bad_country_is_refused_on_its_field_and_nothing_is_saved(staff_user):
    with pytest.raises(ValidationError) as error:
        services.create_soft_landing(actor=staff_user, name="Nowhere Bio", country="ZZ", today=DAY)
    assert "country" in error.value.message_dict
    assert not SoftLanding.objects.exists()


def test_a_company_sent_abroad_is_in_the_directory(staff_user):
    with pytest.raises(ValidationError) as error:
        services.create_soft_landing(
            actor=staff_user, name="Ours", country="FR", direction="outbound", today=DAY
        )
    assert "organisation" in error.value.message_dict


# -- agreements and activities


def _agreement(actor, **changes):
    values = {
        "partner": PartnerFactory(),
        "title": "Cooperation with Génome Québec",
        "kind": "cooperation",
        "scopes": ["joint_rd", "soft_landing"],
        "status": "signed",
        "signed_on": datetime.date(2024, 3, 1),
        "expires_on": datetime.date(2027, 2, 28),
    }
    return services.create_agreement(actor=actor, today=DAY, **(values | changes))


def test_an_agreement_keeps_its_scopes_in_order(staff_user):
    agreement = _agreement(staff_user)
    assert agreement.scopes == ["soft_landing", "joint_rd"]
    assert agreement.in_force_on(DAY)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scopes": []}, "scopes"),
        ({"scopes": ["tourism"]}, "scopes"),
        ({"signed_on": None}, "signed_on"),
        ({"expires_on": datetime.date(2024, 2, 1)}, "expires_on"),
        ({"signed_on": datetime.date(2026, 1, 1), "expires_on": None}, "signed_on"),
        ({"status": "terminated"}, "terminated_on"),
        ({"title": "  "}, "title"),
    ],
)
def test_a_bad_agreement_is_refused_on_its_field_and_nothing_is_saved(staff_user, changes, field):
    with pytest.raises(ValidationError) as error:
        _agreement(staff_user, **changes)
    assert field in error.value.message_dict
    assert not PartnershipAgreement.objects.exists()


def test_the_signed_document_is_a_pdf(staff_user):
    text = SimpleUploadedFile("agreement.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        _agreement(staff_user, document=text)
    assert "document" in error.value.message_dict

    pdf = SimpleUploadedFile(
        "signed.pdf", b"%PDF-1.7\n%fake but well-formed head", content_type="application/pdf"
    )
    agreement = _agreement(staff_user, document=pdf)
    assert agreement.document_name == "signed.pdf"
    with agreement.document.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_an_activity_is_logged_after_the_signature_and_not_in_the_future(staff_user):
    agreement = AgreementFactory(signed_on=datetime.date(2024, 3, 1))
    company = OrganisationFactory()
    for day in (datetime.date(2024, 2, 28), DAY + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.log_activity(
                actor=staff_user, agreement=agreement, kind="visit", happened_on=day, title="Visit", today=DAY
            )
        assert "happened_on" in error.value.message_dict
    assert not AgreementActivity.objects.exists()

    activity = services.log_activity(
        actor=staff_user,
        agreement=agreement,
        kind="company_referred",
        happened_on=DAY,
        title="Referred a start-up",
        organisations=[company],
        today=DAY,
    )
    assert list(activity.organisations.all()) == [company]


# -- alerts at fixed dates


def _titles(user, today):
    return [todo.title for todo in alerts(user, today=today)]


def test_an_agreement_is_announced_as_expiring_90_days_ahead_and_no_earlier(staff_user, member):
    AgreementFactory(title="With BioM", expires_on=datetime.date(2026, 3, 1))
    ActivityFactory(agreement=PartnershipAgreement.objects.get(), happened_on=datetime.date(2025, 10, 1))

    assert not any("With BioM" in title for title in _titles(staff_user, datetime.date(2025, 11, 30)))
    assert any(
        "With BioM" in title and "expires" in title
        for title in _titles(staff_user, datetime.date(2025, 12, 1))
    )
    assert any("With BioM" in title for title in _titles(staff_user, datetime.date(2026, 3, 1)))
    assert not any("With BioM" in title for title in _titles(staff_user, datetime.date(2026, 3, 2)))
    assert _titles(member, datetime.date(2025, 12, 1)) == []


def test_an_agreement_without_activity_for_12_months_is_announced(staff_user):
    agreement = AgreementFactory(title="With Biocat", signed_on=datetime.date(2023, 1, 10), expires_on=None)
    ActivityFactory(agreement=agreement, happened_on=datetime.date(2024, 6, 1))

    def dormant(today):
        return any("No activity" in title and "With Biocat" in title for title in _titles(staff_user, today))

    assert not dormant(datetime.date(2025, 5, 31))
    assert dormant(datetime.date(2025, 6, 1))
    ActivityFactory(agreement=agreement, happened_on=datetime.date(2025, 6, 1))
    assert not dormant(datetime.date(2025, 6, 1))


def test_a_recent_agreement_is_not_dormant(staff_user):
    AgreementFactory(title="With HKSTP", signed_on=datetime.date(2025, 1, 10), expires_on=None)
    assert not any("With HKSTP" in title for title in _titles(staff_user, datetime.date(2025, 12, 1)))
    assert any("With HKSTP" in title for title in _titles(staff_user, datetime.date(2026, 1, 10)))


def test_renewals_and_audits_are_announced_ahead(staff_user):
    MembershipFactory(network__name="CEBR", renewal_on=datetime.date(2026, 1, 30))
    LabelFactory(
        scheme="ESCA",
        level="Silver",
        awarded_on=datetime.date(2024, 1, 1),
        next_audit_on=datetime.date(2026, 2, 28),
    )

    assert not any("CEBR" in title for title in _titles(staff_user, datetime.date(2025, 11, 30)))
    assert any("CEBR" in title for title in _titles(staff_user, datetime.date(2025, 12, 1)))
    assert not any("ESCA" in title for title in _titles(staff_user, datetime.date(2025, 11, 29)))
    assert any(
        "audit" in title and "ESCA" in title for title in _titles(staff_user, datetime.date(2025, 11, 30))
    )


# -- missions, packs and memberships


def test_only_a_subscribing_company_is_followed_up(staff_user):
    pack = PackFactory()
    subscriber = SubscriptionFactory(pack=pack).organisation
    with pytest.raises(ValidationError) as error:
        services.record_follow_up(
            actor=staff_user, mission=pack.mission, organisation=OrganisationFactory(), months=6
        )
    assert "organisation" in error.value.message_dict

    first = services.record_follow_up(
        actor=staff_user, mission=pack.mission, organisation=subscriber, months=6, leads=4
    )
    again = services.record_follow_up(
        actor=staff_user, mission=pack.mission, organisation=subscriber, months=6, leads=5, deals=1
    )
    assert first.pk == again.pk
    assert (again.leads, again.deals) == (5, 1)


def test_a_company_subscribes_to_a_pack_once(staff_user):
    subscription = SubscriptionFactory()
    with pytest.raises(ValidationError) as error:
        services.subscribe(actor=staff_user, pack=subscription.pack, organisation=subscription.organisation)
    assert "organisation" in error.value.message_dict


def test_a_membership_is_renewed_after_it_starts(staff_user):
    with pytest.raises(ValidationError) as error:
        services.create_membership(
            actor=staff_user,
            network=OrganisationFactory(kind="network"),
            role="Member",
            since=datetime.date(2019, 1, 1),
            renewal_on=datetime.date(2018, 1, 1),
        )
    assert "renewal_on" in error.value.message_dict
