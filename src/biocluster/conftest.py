"""Fixtures shared by every app's tests: one user per role, and a browser."""

import os
import shutil
import threading
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import PASSWORD as TEST_PASSWORD
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
    from django.core.cache import caches

    for alias in caches.settings:
        caches[alias].clear()


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
def rule_denied():
    """`rule_denied("app.verb")` denies that one rule for the test: what it then refuses shows
    that the code asks that rule, not a predicate of its own."""
    import rules

    saved = {}

    def deny(name: str) -> None:
        saved.setdefault(name, rules.permissions.permissions[name])
        rules.set_perm(name, rules.always_deny)

    yield deny
    for name, predicate in saved.items():
        rules.set_perm(name, predicate)


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


# The files that take longest, handed out first. With `--dist loadfile` a worker takes a whole
# file, in the order collected when `--no-loadscope-reorder` is given (as `make test` does; by
# default xdist puts the files with most tests first): a long file handed out last (the API
# fuzzing, four tests of a minute each) kept one worker busy while the other stood idle.
LONGEST_FIRST = (
    "core/tests/test_api_fuzz.py",
    "core/tests/test_permission_matrix.py",
    "core/tests/test_demo.py",
    "core/tests/test_query_budgets.py",
    "core/tests/test_admin_policy.py",
    "/test_api_fuzz.py",
    "/test_demo.py",
    "/test_journey.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if not hasattr(config, "workerinput"):  # not an xdist worker: pytest-django's order stands
        return
    tests_in = Counter(item.path for item in items)

    def rank(item) -> tuple[int, int]:
        path = item.path.as_posix()
        known = next((i for i, end in enumerate(LONGEST_FIRST) if path.endswith(end)), len(LONGEST_FIRST))
        return known, -tests_in[item.path]  # then the files with most tests first, as xdist does

    items.sort(key=rank)  # stable: a file's tests keep their order


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


class _Released:
    """A response's body, releasing the lock once the server has sent it (or given up on it)."""

    def __init__(self, body, lock):
        self.body, self.lock, self.held = body, lock, True

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            if self.held:
                self.held = False
                self.lock.release()


# The live server runs for the whole session, and on SQLite shares the running test's connection.
# A request a page sent before its test ended (a part it loads by itself) reached the server in
# the next test and ran on that test's connection: its queries were counted there (a directory
# test saw a recommender build claimed in its page's queries). The server now answers only while
# a test that uses it runs, and a test ends once the request in progress is done.
_SERVING = threading.Lock()
_TEST_RUNNING = threading.Event()


def _one_at_a_time(application):
    """The application behind a lock held from the call until its body is closed (streamed bodies
    read the database while they are sent); a 503 when no test that uses the server is running."""
    lock = _SERVING

    def serialised(environ, start_response):
        lock.acquire()
        if not _TEST_RUNNING.is_set():
            lock.release()
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"The test that used the live server has ended."]
        try:
            body = application(environ, start_response)
        except BaseException:
            lock.release()
            raise
        return _Released(body, lock)

    return serialised


@pytest.fixture(autouse=True)
def _live_server_quiet_between_tests(request):
    """The live server answers during a test that uses it, and nothing runs on it after."""
    if "live_server" not in request.fixturenames:
        yield
        return
    _TEST_RUNNING.set()
    yield
    _TEST_RUNNING.clear()
    with _SERVING:  # the request in progress, if any, is done
        pass


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time():
    """On SQLite the live server's threads share the test's in-memory connection (Django's way
    for an in-memory database), so two requests at once misuse it ("bad parameter or other API
    misuse"), as a page loading its parts in parallel did (the indicators' dashboard). There the
    server still accepts connections in threads (a browser's idle preconnection must not block
    the others) but runs one request at a time; a real deployment has a connection per thread."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    class OneRequestAtATime(ThreadedWSGIServer):
        def set_app(self, application):
            super().set_app(_one_at_a_time(application))

    threaded = LiveServerThread.server_class
    if connection.vendor == "sqlite":
        LiveServerThread.server_class = OneRequestAtATime
    yield
    LiveServerThread.server_class = threaded


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


def _browser_page(chromium, live_server, contexts: list):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/Paris", accept_downloads=True
    )
    contexts.append(context)
    page = context.new_page()
    # Generous: the suite runs two workers on two cores, sometimes beside other work.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(60_000)
    return page


@pytest.fixture
def page(chromium, live_server):
    contexts = []
    yield _browser_page(chromium, live_server, contexts)
    contexts[0].close()


def log_in(page, user) -> None:
    """Log in through the login page, with the password every test user is given."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


@pytest.fixture
def pick():
    """`pick(page, name, typed, option)`: chooses `option` in the searchable picker labelled
    `name` (core/autocomplete.js) by typing `typed`.

    Tom Select enhances the picker's <select> only once htmx has loaded the form; until then the
    combobox named `name` is the bare <select>, which cannot be typed into (a flake in CI)."""
    from playwright.sync_api import expect

    def choose(page, name: str, typed: str, option: str) -> None:
        field = page.locator(".ts-wrapper").get_by_role("combobox", name=name)
        expect(field).to_be_editable()
        field.fill(typed)
        page.get_by_role("option", name=option).click()

    return choose


@pytest.fixture
def browser_as(chromium, live_server):
    """`browser_as(user)`: a page of its own browser context, logged in as `user` (several at once)."""
    contexts = []

    def open_as(user):
        page = _browser_page(chromium, live_server, contexts)
        log_in(page, user)
        return page

    yield open_as
    for context in contexts:
        context.close()


@contextmanager
def _connection_kept():
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def keep_the_test_connection():
    """Requests sent straight to the WSGI application (as the fuzzer does) would close the test's
    connection, inside the test's transaction, at their start and end; Django's test client avoids
    it the same way."""
    with _connection_kept():
        yield


@pytest.fixture(scope="session")
def _api_operations(django_db_setup, django_db_blocker):
    """The API's operations read from its OpenAPI schema, once per process (each test read and
    parsed the whole schema again, about half a second of CPU before its first example)."""
    import schemathesis
    from django.core.wsgi import get_wsgi_application

    # Not biocluster.config.wsgi: its warm-up closes every connection, the test's included.
    application = get_wsgi_application()
    with django_db_blocker.unblock(), _connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def fuzz_api(keep_the_test_connection, _api_operations):
    """`fuzz_api(mode, token, paths=..., examples=..., skip=...)`: every API operation (or those
    under `paths`, but not under `skip`) fuzzed from the OpenAPI schema; no server error and no
    response outside the schema. Returns the operations fuzzed, so that a test can check its
    app's are all there."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    checks = [
        schemathesis.checks.not_a_server_error,
        schemathesis.checks.status_code_conformance,
        schemathesis.checks.content_type_conformance,
        schemathesis.checks.response_schema_conformance,
    ]

    def fuzz(
        mode,
        token: str | None,
        *,
        paths: tuple[str, ...] = ("/",),
        examples: int = 12,
        skip: tuple[str, ...] = (),
    ) -> list:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        chosen = [
            operation
            for operation in _api_operations
            if operation.path.startswith(paths) and not (skip and operation.path.startswith(skip))
        ]
        for operation in chosen:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
            )
            def run(case):
                case.call_and_validate(headers=headers, checks=checks)

            run()
        return chosen

    return fuzz
