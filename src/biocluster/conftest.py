"""Fixtures shared by every app's tests: one user per role, and a browser."""

import os
import shutil
from pathlib import Path

import pytest

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    PersonFactory,
)


@pytest.fixture(autouse=True)
def _english(settings):
    """Each test starts in English, whatever language an earlier test left active in this thread."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The value chain and taxonomy come from a data migration; a transactional test's
    flush empties them, so they are put back for every test that uses the database."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps

    from biocluster.directory import reference
    from biocluster.directory.models import ValueChainStage

    if not ValueChainStage.objects.exists():
        reference.load(apps)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached counts live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def staff_user(db):
    user = UserFactory(email="staff@example.org")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.COMMUNICATION)
    return user


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def reviewer(db):
    user = UserFactory(email="reviewer@example.org")
    grant_role(actor=None, user=user, role=Role.REVIEWER)
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


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=None,
        metavar="MOMENT",
        help="Run the whole session from this moment, with its offset (e.g. 2026-03-29T01:30:00+01:00), "
        "the clock ticking on from there: the suite must pass at any hour, DST changes included.",
    )


def pytest_configure(config):
    """--clock travels every process of the session (each xdist worker configures itself too)."""
    moment = config.getoption("--clock", default=None)
    if moment:
        from datetime import datetime

        import time_machine

        when = datetime.fromisoformat(moment)
        if when.tzinfo is None:
            raise pytest.UsageError("--clock needs an offset, e.g. 2026-12-06T00:30:00+01:00")
        config._clock_travel = time_machine.travel(when, tick=True)
        config._clock_travel.start()


def pytest_unconfigure(config):
    travel = getattr(config, "_clock_travel", None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    moment = config.getoption("--clock", default=None)
    return f"clock: travelled to {moment}" if moment else None


def pytest_sessionstart(session):
    """Compile the French catalogue so that tests see the translations as the demo does."""
    from django.core.management import call_command

    locale = Path(__file__).parent / "locale"
    if any(locale.glob("*/LC_MESSAGES/*.po")):
        call_command("compilemessages", locale=["fr"], verbosity=0, ignore_patterns=[".venv"])


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright; the project never downloads a browser."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Debian's chromium is needed for the browser journeys: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # the test itself (fixtures, assertions) are still sequential and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    # Generous: the suite runs two workers on two cores, sometimes beside other work.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(60_000)
    yield page
    context.close()
