from datetime import date, time, timedelta

import factory
from django.utils import timezone

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    CampusFactory,
    OrganisationFactory,
    PersonFactory,
)
from biocluster.platforms.models import (
    Booking,
    Closure,
    Instrument,
    OpeningHours,
    Outage,
    Platform,
    Qualification,
    Service,
    Tariff,
    UsageRecord,
)


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind="platform",
        name=factory.Sequence(lambda n: f"Platform {n}"),
        campus=factory.SubFactory(CampusFactory),
    )
    summary_en = "Shared instruments for the cluster."
    summary_fr = "Des instruments partagés pour le cluster."
    location = "Building A, room 12"
    contact_email = "platform@example.org"
    time_zone = "Europe/Paris"
    source = "synthetic"


class InstrumentFactory(factory.django.DjangoModelFactory):
    """Bookable Monday to Friday, 08:00-20:00, in 30-minute slots, from 30 minutes to 8 hours."""

    class Meta:
        model = Instrument
        skip_postgeneration_save = True

    platform = factory.SubFactory(PlatformFactory)
    name = factory.Sequence(lambda n: f"Confocal microscope {n}")
    make_and_model = "Zeiss LSM 980"
    description_en = "A confocal microscope."
    description_fr = "Un microscope confocal."
    slot_minutes = 30
    min_minutes = 30
    max_minutes = 480
    max_days_ahead = 90
    requires_qualification = True

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted if extracted is not None else [(d, time(8), time(20)) for d in range(5)]
        OpeningHours.objects.bulk_create(
            [OpeningHours(instrument=obj, weekday=d, opens=o, closes=c) for d, o, c in rows]
        )


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    instrument = factory.SubFactory(InstrumentFactory)
    user = factory.SubFactory(UserFactory)
    qualified_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class TariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tariff

    instrument = factory.SubFactory(InstrumentFactory)
    platform = factory.LazyAttribute(lambda o: o.instrument.platform if o.instrument else o.service.platform)
    category = "external_company"
    unit = "hour"
    price = 100
    valid_from = date(2020, 1, 1)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    platform = factory.SubFactory(PlatformFactory)
    name_en = factory.Sequence(lambda n: f"Sequencing run {n}")
    name_fr = factory.Sequence(lambda n: f"Run de séquençage {n}")


class BookingFactory(factory.django.DjangoModelFactory):
    """A row written directly (no rules checked): for lists, permissions and calendars."""

    class Meta:
        model = Booking

    instrument = factory.SubFactory(InstrumentFactory)
    user = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("user")
    status = "confirmed"
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    blocked_until = factory.LazyAttribute(lambda o: o.end + timedelta(minutes=o.instrument.buffer_minutes))
    organisation = factory.SubFactory(OrganisationFactory)
    category = "external_company"


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    platform = factory.SubFactory(PlatformFactory)
    reason_en = "Public holiday"
    reason_fr = "Jour férié"


class OutageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outage

    instrument = factory.SubFactory(InstrumentFactory)
    kind = "breakdown"
    description = "The laser does not start."
    start = factory.LazyFunction(timezone.now)


class UsageRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UsageRecord

    platform = factory.SubFactory(PlatformFactory)
    kind = "use"
    organisation = factory.SubFactory(OrganisationFactory)
    category = "external_company"
    day = factory.LazyFunction(timezone.localdate)
    quantity = 2
    unit = "hour"
    unit_price = 100
    amount = 200


def member_of(organisation, **kwargs):
    """A login affiliated to `organisation` (the organisation billed for their bookings)."""
    user = UserFactory(**kwargs)
    AffiliationFactory(person=PersonFactory(user=user), organisation=organisation)
    return user


def manager_of(platform, **kwargs):
    user = UserFactory(**kwargs)
    AffiliationFactory(
        person=PersonFactory(user=user),
        organisation=platform.organisation,
        role="Manager",
        is_administrator=True,
    )
    return user
