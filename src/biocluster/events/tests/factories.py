from datetime import timedelta

import factory
from django.utils import timezone

from biocluster.events.models import DelegationVisit, Event, Registration, Room, Session


class EventFactory(factory.django.DjangoModelFactory):
    """A published on-site event in two weeks, registration open now."""

    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Synthetic biology day {n}")
    title_fr = factory.Sequence(lambda n: f"Journée biologie de synthèse {n}")
    description_en = "Talks and networking."
    description_fr = "Conférences et rencontres."
    kind = "on_site"
    status = "published"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=8))
    time_zone = "Europe/Paris"
    venue = "Conference centre"
    city = "Évry"
    country = "FR"
    source = "synthetic"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Guest {n}")
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    status = "confirmed"
    mode = "on_site"
    source = "synthetic"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        django_get_or_create = ("name", "building")

    name = factory.Sequence(lambda n: f"Room {n}")
    building = "Conference centre"
    seats = 100


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title_en = "Opening"
    title_fr = "Ouverture"
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(hours=1))
    room = factory.SubFactory(RoomFactory)


class DelegationVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationVisit

    event = factory.SubFactory(EventFactory, kind="delegation")
    organisation = factory.SubFactory("biocluster.directory.tests.factories.OrganisationFactory")
