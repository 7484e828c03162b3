import datetime
from decimal import Decimal

import factory

from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.estate import occupancy_summary
from biocluster.estate.models import Agreement, AgreementUnit, Building, Unit, UnitStatus

LONG_AGO = datetime.date(2000, 1, 1)


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    campus = factory.SubFactory(CampusFactory)
    name = factory.Sequence(lambda n: f"Building {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit available since 2000 (its first status row), written without the services."""

    class Meta:
        model = Unit
        skip_postgeneration_save = True

    building = factory.SubFactory(BuildingFactory)
    code = factory.Sequence(lambda n: f"U{n:03d}")
    kind = "office"
    area = Decimal("50.0")

    @factory.post_generation
    def status(obj, create, extracted, **kwargs):
        if create:
            UnitStatus.objects.create(unit=obj, status=extracted or "available", since=LONG_AGO)
            occupancy_summary.refresh([obj])  # as the services do


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement row alone (no lines): use the services to let units."""

    class Meta:
        model = Agreement

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "lease"
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2026, 12, 31)
    source = "synthetic"


def line(agreement, unit, start=None, end=None, active=True) -> AgreementUnit:
    """A line written without the services (no status rows follow it); the occupancy summary does."""
    row = AgreementUnit.objects.create(
        agreement=agreement,
        unit=unit,
        start=start or agreement.start,
        end=end or agreement.end,
        active=active,
    )
    occupancy_summary.refresh([unit])
    return row
