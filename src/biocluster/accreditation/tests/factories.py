import datetime

import factory

from biocluster.accreditation.models import Accreditation, AccreditationStatus
from biocluster.directory.tests.factories import OrganisationFactory


class AccreditationFactory(factory.django.DjangoModelFactory):
    """A row written directly, without the services' rules: for arranging tests."""

    class Meta:
        model = Accreditation
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    decided_on = datetime.date(2015, 6, 1)
    decision = "accepted"
    decided_by = "Accreditation committee"
    source = "synthetic"

    @factory.post_generation
    def active(obj, create, extracted, **kwargs):
        """An accepted accreditation starts with an active status, as `services.decide` does."""
        if create and obj.decision == "accepted" and extracted is not False:
            AccreditationStatus.objects.create(accreditation=obj, status="active", since=obj.decided_on)


class AccreditationStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccreditationStatus

    accreditation = factory.SubFactory(AccreditationFactory)
    status = "closed"
    since = datetime.date(2020, 1, 1)
