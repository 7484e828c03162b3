"""Fixtures of partnering's tests: an event with partnering, slots, a table and two participants."""

import pytest

from biocluster.partnering.tests.factories import EventFactory, participant, setup_event


@pytest.fixture
def event(db):
    return setup_event(EventFactory())


@pytest.fixture
def alice(event):
    return participant(event, organisation__name="Synsight", organisation__kind="sme")


@pytest.fixture
def bob(event):
    return participant(event, organisation__name="Merck", organisation__kind="large_company")


@pytest.fixture
def carol(event):
    return participant(event, organisation__name="Astellas Ventures", organisation__kind="investor")


@pytest.fixture
def alice_user(alice):
    return alice.registration.user


@pytest.fixture
def bob_user(bob):
    return bob.registration.user
