"""Fixtures of the programmes' tests: entreprises staff, a Shaker cohort and the member's enrolment."""

import pytest

from biocluster.programmes.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    booster,
    entreprises_staff,
)


@pytest.fixture
def programmes_staff(db):
    return entreprises_staff(email="entreprises@example.org")


@pytest.fixture
def shaker(db):
    return ProgrammeFactory()


@pytest.fixture
def booster_programme(db):
    return booster()


@pytest.fixture
def cohort(shaker):
    return CohortFactory(programme=shaker, name="Shaker spring")


@pytest.fixture
def enrolment(cohort, member_organisation):
    return EnrolmentFactory(cohort=cohort, organisation=member_organisation)


@pytest.fixture
def booster_enrolment(booster_programme, member_organisation):
    return EnrolmentFactory(
        cohort=CohortFactory(programme=booster_programme, name="Booster 1"), organisation=member_organisation
    )


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Evidence files go to a temporary private folder, never the real data directory."""
    settings.CALLS_PRIVATE_ROOT = settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_ROOT
