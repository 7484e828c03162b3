import factory

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.recommendations.models import Decline


class DeclineFactory(factory.django.DjangoModelFactory):
    """A row written directly, without the service: for arranging tests."""

    class Meta:
        model = Decline

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    candidate = factory.SubFactory(OrganisationFactory)
