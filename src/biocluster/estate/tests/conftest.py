import datetime
from decimal import Decimal

import pytest

from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory

from .factories import BuildingFactory, UnitFactory


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def campus(db):
    return CampusFactory(name="Campus 1")


@pytest.fixture
def building(campus):
    return BuildingFactory(campus=campus, name="Incubator")


@pytest.fixture
def unit(building):
    return UnitFactory(building=building, code="L101", kind="bsl2_lab", area=Decimal("40.0"))


@pytest.fixture
def other_unit(building):
    return UnitFactory(building=building, code="L102", kind="bsl1_lab", area=Decimal("60.0"))


@pytest.fixture
def tenant(db):
    return OrganisationFactory(name="Booster Bio", kind="startup")
