"""A soft-landing case's page carries the local partners suggested for the arriving company, through
core.registry's "cooperation.soft_landing" slot (filled by the recommendations app)."""

import pytest
from django.urls import reverse

from biocluster.directory.tests.factories import OrganisationFactory

from .factories import SoftLandingFactory

pytestmark = pytest.mark.django_db


def test_a_case_in_the_directory_loads_local_partners_for_its_company(client, staff_user, settings):
    client.force_login(staff_user)
    settings.RECOMMENDATIONS_LOCAL_COUNTRY = "FR"
    company = OrganisationFactory(name="Maple Genomics", country="CA")
    case = SoftLandingFactory(name="Maple Genomics", organisation=company)
    page = client.get(reverse("cooperation:soft_landing_detail", args=[case.pk])).content.decode()
    assert "Local partners to meet" in page
    assert reverse("recommendations:organisation", args=[company.pk]) + "?country=FR" in page


def test_a_case_not_in_the_directory_says_when_partners_will_be_suggested(client, staff_user):
    client.force_login(staff_user)
    case = SoftLandingFactory(name="Lone Star Bio")
    page = client.get(reverse("cooperation:soft_landing_detail", args=[case.pk])).content.decode()
    assert "once the company is in the directory" in page
    assert 'hx-get="/recommendations/' not in page
