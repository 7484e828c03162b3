import pytest

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

from .factories import CampaignFactory, ResponseFactory


@pytest.fixture
def campaign(db):
    return CampaignFactory(year=2025, state="open")


@pytest.fixture
def response(campaign, organisation_administrator, member_organisation):
    """The response of the shared fixtures' organisation (administered by `organisation_administrator`)."""
    return ResponseFactory(campaign=campaign, organisation=member_organisation)


@pytest.fixture
def other_response(campaign):
    """Another company's response, administered by someone else."""
    organisation = OrganisationFactory(name="Other Bio", kind="startup")
    user = UserFactory(email="other-admin@example.org", preferred_language="fr")
    AffiliationFactory(
        person=PersonFactory(user=user), organisation=organisation, role="CEO", is_administrator=True
    )
    return ResponseFactory(campaign=campaign, organisation=organisation)
