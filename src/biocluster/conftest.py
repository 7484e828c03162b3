"""Fixtures shared by every app's tests: one user per role."""

import pytest

from biocluster.accounts.models import Department, Role, RoleGrant
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    PersonFactory,
)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def staff_user(db):
    user = UserFactory(email="staff@example.org")
    RoleGrant.objects.create(user=user, role=Role.STAFF, department=Department.COMMUNICATION)
    return user


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def reviewer(db):
    user = UserFactory(email="reviewer@example.org")
    RoleGrant.objects.create(user=user, role=Role.REVIEWER)
    return user


@pytest.fixture
def member_organisation(db):
    return OrganisationFactory(name="Member Bio", is_listed=False)


@pytest.fixture
def member(member_organisation):
    user = UserFactory(email="member@example.org")
    AffiliationFactory(person=PersonFactory(user=user), organisation=member_organisation, role="Scientist")
    return user


@pytest.fixture
def organisation_administrator(member_organisation):
    user = UserFactory(email="orgadmin@example.org")
    AffiliationFactory(
        person=PersonFactory(user=user), organisation=member_organisation, role="CEO", is_administrator=True
    )
    return user


@pytest.fixture
def platform_manager(db):
    platform = OrganisationFactory(name="Sequencing platform", kind="platform")
    user = UserFactory(email="platform@example.org")
    AffiliationFactory(
        person=PersonFactory(user=user), organisation=platform, role="Manager", is_administrator=True
    )
    return user
