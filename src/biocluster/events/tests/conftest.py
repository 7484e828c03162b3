"""Fixtures of the events' tests: an open event, event staff, people to register."""

import pytest

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.events.tests.factories import EventFactory


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
