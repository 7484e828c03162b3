"""Fixtures of the platforms' tests: a platform, an instrument, a qualified member of a lab of the cluster."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.platforms.tests.factories import (
    InstrumentFactory,
    PlatformFactory,
    QualificationFactory,
    TariffFactory,
    manager_of,
    member_of,
)

PARIS = ZoneInfo("Europe/Paris")


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def next_weekday(weekday: int, weeks: int = 0) -> date:
    """The next given weekday (0 = Monday) strictly after today, `weeks` further on."""
    today = timezone.localdate()
    ahead = (weekday - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead + 7 * weeks)


@pytest.fixture
def lab(db):
    return OrganisationFactory(
        name="Lab of Genomics", kind="research_lab", campus=CampusFactory(name="Campus 1")
    )


@pytest.fixture
def platform(db):
    return PlatformFactory()


@pytest.fixture
def instrument(platform):
    instrument = InstrumentFactory(platform=platform, name="Confocal LSM 980")
    for category, price in (
        ("own_lab", 20),
        ("cluster_academic", 30),
        ("cluster_company", 60),
        ("external_academic", 45),
        ("external_company", 120),
    ):
        TariffFactory(instrument=instrument, category=category, price=price)
    return instrument


@pytest.fixture
def scientist(lab, instrument):
    user = member_of(lab, email="scientist@example.org", first_name="Ada", last_name="Lovelace")
    QualificationFactory(instrument=instrument, user=user)
    return user


@pytest.fixture
def colleague(lab, instrument):
    user = member_of(lab, email="colleague@example.org", first_name="Rosalind", last_name="Franklin")
    QualificationFactory(instrument=instrument, user=user)
    return user


@pytest.fixture
def manager(platform):
    return manager_of(platform, email="manager@example.org", first_name="Nadia", last_name="Benali")


@pytest.fixture
def tuesday():
    return next_weekday(1)
