"""The demo: every fact of the seeds with its source, synthetic additions marked, loaded once."""

import datetime

import pytest
import time_machine

from biocluster.audit.models import AuditEvent
from biocluster.cooperation import demo, services
from biocluster.cooperation.apps import alerts
from biocluster.cooperation.models import (
    AgreementActivity,
    Label,
    Membership,
    Mission,
    PackSubscription,
    PartnershipAgreement,
    SoftLanding,
)
from biocluster.core.demo import DemoContext, demo_email
from biocluster.directory.demo import loader as directory_demo
from biocluster.events import demo as events_demo

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(
            PartnershipAgreement.objects.values_list(
                "partner__name", "title", "signed_on", "expires_on", "source"
            )
        ),
        sorted(AgreementActivity.objects.values_list("title", "happened_on")),
        sorted(SoftLanding.objects.values_list("name", "stage", "organisation__name")),
        sorted(PackSubscription.objects.values_list("pack__name", "organisation__name")),
        sorted(Membership.objects.values_list("network__name", "role", "renewal_on")),
        sorted(Label.objects.values_list("scheme", "level")),
        AuditEvent.objects.count(),
    )


def test_the_seeds_facts_load_once_with_their_source():
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        directory_demo.load(DemoContext(verbosity=0))
        events_demo.load(DemoContext(verbosity=0))
        context = DemoContext(verbosity=0)
        demo.load(context)

    partners = set(PartnershipAgreement.objects.values_list("partner__name", flat=True))
    assert len(partners - {"Néomed Institute", "Tartu BT Park"}) == 14
    assert {"Génome Québec", "HKSTP", "Rehovot", "Néomed Institute"} <= partners
    neomed = PartnershipAgreement.objects.get(partner__name="Néomed Institute")
    assert neomed.signed_on.year == 2017 and "001_" in neomed.source
    illumina = SoftLanding.objects.get(name="Illumina")
    assert (illumina.stage, illumina.organisation.name, illumina.installed_on.year) == (
        "installed",
        "Illumina",
        2017,
    )
    bio = Mission.objects.get(event__title_en="BIO International Convention 2022")
    assert set(bio.packs.values_list("name", flat=True)) == {
        "Key Accounts Partnerships",
        "Fund Raising Strategy",
    }
    assert PackSubscription.objects.filter(pack__mission=bio).count() == 8
    assert bio.co_exhibitors.count() == 5
    assert Mission.objects.filter(framework__contains="ECCP", event__country="SG").exists()
    cebr = Membership.objects.get(network__acronym="CEBR")
    assert cebr.since == datetime.date(2022, 5, 1)
    assert Membership.objects.get(network__name="EIT Health").since.year == 2019
    assert Membership.objects.filter(network__acronym="EUGLOH").exists()
    assert Label.objects.get(level="Bronze").awarded_on.year == 2018
    assert Label.objects.filter(scheme__contains="EU|BIC").exists()
    assert AgreementActivity.objects.filter(title__contains="Health Data Space").exists()
    for model in (PartnershipAgreement, AgreementActivity, SoftLanding, Mission, Membership, Label):
        assert not model.objects.filter(source="").exists(), model

    from django.contrib.auth import get_user_model

    international = get_user_model().objects.get(email=demo_email("staff-international"))
    titles = [todo.title for todo in alerts(international, today=datetime.date(2026, 3, 12))]
    assert any("BioM" in title and "expires" in title for title in titles)
    assert any("EIT Health" in title for title in titles)
    assert services.expiring_agreements(today=datetime.date(2026, 3, 12)).count() == 1

    before = _state()
    with time_machine.travel("2026-03-20 12:00 +0100", tick=False):
        again = DemoContext(verbosity=0)
        demo.load(again)
    assert again.counts == {}
    assert _state() == before
