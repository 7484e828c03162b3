"""An organisation's page shows its staff what each area knows of it, each area registering its line."""

import datetime

import pytest
from django.urls import reverse

from biocluster.accreditation.tests.factories import AccreditationFactory
from biocluster.core import registry
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.partnering.tests.factories import EventFactory, participant
from biocluster.platforms.tests.factories import BookingFactory
from biocluster.programmes.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def _summary(client, organisation) -> str:
    page = client.get(reverse("directory:organisation_detail", args=[organisation.pk])).content.decode()
    if 'id="summary-heading"' not in page:
        return ""
    start = page.index('id="summary-heading"')
    return page[start : page.index("</section>", start)]


def test_staff_read_the_programmes_accreditation_bookings_and_partnering_of_an_organisation(
    client, staff_user, member
):
    organisation = OrganisationFactory(name="Summary Bio")
    enrolment = EnrolmentFactory(organisation=organisation, cohort__name="Booster 2025")
    AccreditationFactory(organisation=organisation, decided_on=datetime.date(2019, 5, 6))
    start = datetime.datetime(2025, 11, 3, 9, tzinfo=datetime.UTC)
    for days in (0, 7):
        BookingFactory(organisation=organisation, start=start + datetime.timedelta(days=days))
    BookingFactory(organisation=organisation, start=start + datetime.timedelta(days=30), status="cancelled")
    participant(EventFactory(title_en="BIO 2025"), organisation=organisation)
    client.force_login(staff_user)
    summary = _summary(client, organisation)
    assert "Booster 2025: in the programme, since" in summary
    # Communication staff read the line, not the enrolment (the Entreprises department's): no link.
    assert reverse("programmes:enrolment_detail", args=[enrolment.pk]) not in summary
    assert "Accredited on 6 May 2019; now: active" in summary
    assert "2 bookings, the last on 10 Nov 2025" in summary
    assert "1 partnering event, the latest: BIO 2025" in summary
    client.force_login(member)
    assert _summary(client, organisation) == ""


def test_an_area_added_later_adds_its_line(client, staff_user, monkeypatch):
    monkeypatch.setattr(registry, "_summaries", dict(registry._summaries))
    registry.add_organisation_summary(
        lambda user, organisation: [registry.SummaryLine("Real estate", "Lease of unit B-204")], order=50
    )
    client.force_login(staff_user)
    assert "Lease of unit B-204" in _summary(client, OrganisationFactory())
