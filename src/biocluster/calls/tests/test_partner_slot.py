"""A proposal's page, in a call for collaborative projects, carries for those who apply the
consortium partners suggested for the applying organisation, through core.registry's
"calls.proposal" slot (filled by recommendations); other calls' proposals carry none."""

import pytest
from django.urls import reverse

from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

from .factories import ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db


def _member_of(organisation):
    user = UserFactory()
    AffiliationFactory(person=PersonFactory(user=user), organisation=organisation, role="Scientist")
    return user


def test_the_applicant_sees_consortium_partners_for_its_organisation(client):
    organisation = OrganisationFactory(name="Applicant Bio")
    applicant = _member_of(organisation)
    proposal = ProposalFactory(applicant=applicant, organisation=organisation, call__collaborative=True)
    client.force_login(applicant)
    page = client.get(reverse("calls:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Consortium partners" in page
    assert reverse("recommendations:organisation", args=[organisation.pk]) in page


def test_a_call_that_is_not_for_collaborative_projects_shows_none(client):
    organisation = OrganisationFactory(name="Applicant Bio")
    applicant = _member_of(organisation)
    proposal = ProposalFactory(applicant=applicant, organisation=organisation, call__collaborative=False)
    client.force_login(applicant)
    page = client.get(reverse("calls:proposal_detail", args=[proposal.pk]))
    assert page.status_code == 200
    assert "Consortium partners" not in page.content.decode()
    assert reverse("recommendations:organisation", args=[organisation.pk]) not in page.content.decode()


def test_an_applicant_outside_the_organisation_sees_none(client):
    organisation = OrganisationFactory(name="Host Lab")
    applicant = UserFactory()  # applies for the host lab without being one of its members
    proposal = ProposalFactory(applicant=applicant, organisation=organisation, call__collaborative=True)
    client.force_login(applicant)
    page = client.get(reverse("calls:proposal_detail", args=[proposal.pk]))
    assert page.status_code == 200
    assert "Consortium partners" not in page.content.decode()
    assert reverse("recommendations:organisation", args=[organisation.pk]) not in page.content.decode()
