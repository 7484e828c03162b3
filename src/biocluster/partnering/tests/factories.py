"""Factories of partnering's tests. Registrations are made directly, then announced as the
events' services announce theirs (`events.signals.registration_changed`), which makes their profiles."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.events.models import Event, Registration
from biocluster.events.signals import registration_changed
from biocluster.partnering import services
from biocluster.partnering.models import Location, Profile

TZ = "America/Los_Angeles"


class EventFactory(factory.django.DjangoModelFactory):
    """A four-day convention abroad, two weeks ahead, with partnering, in San Diego's time zone."""

    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Convention {n}")
    title_fr = factory.Sequence(lambda n: f"Convention {n}")
    kind = "abroad"
    status = "published"
    time_zone = TZ
    starts_at = factory.LazyFunction(
        lambda: datetime.combine(timezone.localdate() + timedelta(days=14), time(9), tzinfo=ZoneInfo(TZ))
    )
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(days=3, hours=9))
    city = "San Diego"
    country = "US"
    has_partnering = True
    source = "synthetic"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.LazyAttribute(lambda r: r.user.get_full_name() if r.user else "Guest")
    email = factory.LazyAttribute(lambda r: r.user.email if r.user else "guest@example.org")
    status = "confirmed"

    @factory.post_generation
    def announced(registration, create, extracted, **kwargs):
        if create:
            registration_changed.send(sender=Registration, registration=registration, actor=None)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Table {n}")
    capacity = 1


def participant(event, user=None, **kwargs) -> Profile:
    """A confirmed registration to `event` and its partnering profile."""
    registration = RegistrationFactory(event=event, **({"user": user} if user else {}), **kwargs)
    return Profile.objects.get(registration=registration)


def setup_event(
    event, *, days: int = 1, start: str = "09:00", end: str = "11:00", tables: int = 1, actor=None
):
    """Partnering days and hours (slots) and tables for `event`."""
    first = event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()
    services.configure(
        event=event,
        actor=actor,
        first_day=first,
        last_day=first + timedelta(days=days - 1),
        day_starts=time.fromisoformat(start),
        day_ends=time.fromisoformat(end),
    )
    for index in range(tables):
        LocationFactory(event=event, name=f"Table {index + 1}")
    return event
