"""Fixtures of the events' tests: an open event, event staff, people to register, the auditorium."""

import pytest

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.events.tests.factories import EventFactory, RoomFactory
from biocluster.platforms.tests.factories import InstrumentFactory


@pytest.fixture
def event(db):
    return EventFactory(title_en="Synthetic biology day", title_fr="Journée biologie de synthèse", capacity=2)


@pytest.fixture
def international_staff(db):
    user = UserFactory(email="intl@example.org")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.INTERNATIONAL)
    return user


@pytest.fixture
def research_staff(db):
    user = UserFactory(email="research@example.org")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.RESEARCH_INFRASTRUCTURE)
    return user


@pytest.fixture
def people(db):
    return [
        UserFactory(email=f"person{i}@example.org", first_name=f"Person{i}", last_name="Test")
        for i in range(4)
    ]


@pytest.fixture
def staff(db):
    """Event staff (the communication department), named: the room calendars must never show them."""
    user = UserFactory(email="comms@example.org", first_name="Chloé", last_name="Martin")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.COMMUNICATION)
    return user


@pytest.fixture
def auditorium(db):
    """The conference centre's auditorium as the booking engine knows it: no training, no check-in."""
    resource = InstrumentFactory(
        name="Auditorium", requires_qualification=False, requires_check_in=False, max_minutes=720
    )
    return RoomFactory(name="Auditorium", seats=700, resource=resource)
