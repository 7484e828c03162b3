import datetime

import factory

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.relations.models import Interaction, Segment, Task


class InteractionFactory(factory.django.DjangoModelFactory):
    """A row written directly, without the services' rules: for arranging tests."""

    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "meeting"
    happened_on = datetime.date(2026, 3, 2)
    notes = "Talked about the Booster programme."
    source = "synthetic"

    @factory.post_generation
    def people(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.people.set(extracted)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Send the brochure {n}")
    due_on = datetime.date(2026, 3, 10)
    owner = factory.SubFactory(UserFactory)
    source = "synthetic"


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    name = factory.Sequence(lambda n: f"Segment {n}")
    query = "kind=startup"
    owner = factory.SubFactory(UserFactory)
