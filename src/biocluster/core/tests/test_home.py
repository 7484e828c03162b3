"""The home page: a signed-in person's to-do list first, grouped by area, with counts, due dates and
what is overdue; the key figures and the search for everyone; nothing asked of the providers for
an anonymous visitor."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.accounts.tests.factories import UserFactory
from biocluster.calls.tests.factories import ReviewFactory, closed_call, submitted
from biocluster.core import registry
from biocluster.core.registry import ToDo
from biocluster.core.tests.clock import NOW, TODAY, frozen  # noqa: F401 - the fixture
from biocluster.directory.tests.factories import AffiliationFactory, PersonFactory
from biocluster.platforms.tests.factories import (
    BookingFactory,
    InstrumentFactory,
    PlatformFactory,
    manager_of,
)
from biocluster.programmes.models import PlanReview
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory, entreprises_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _todo_section(page: str) -> str:
    start = page.index('<section class="todo"')
    return page[start : page.index("</section>", start)]


def _home(client, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reviewer_sees_the_interests_to_declare_with_their_deadline(client, reviewer):
    ReviewFactory(proposal=submitted(call=closed_call()), reviewer=reviewer, due_at=NOW + timedelta(days=5))
    todo = _todo_section(_home(client, reviewer))
    assert "<h2>Calls</h2>" in todo
    assert f'<a href="{reverse("calls:review_list")}">Declare your interests in 1 proposal</a>' in todo
    assert "by 15 Jun 2026" in todo  # the formatting filters: 12:00 in Paris on 15 June
    assert "overdue" not in todo


def test_a_platform_manager_sees_the_bookings_awaiting_approval(client):
    platform = PlatformFactory(organisation__name="Imaging")
    manager = manager_of(platform)
    instrument = InstrumentFactory(platform=platform)
    for days in (1, 2):
        start = NOW + timedelta(days=days)
        BookingFactory(instrument=instrument, status="requested", start=start, end=start + timedelta(hours=2))
    todo = _todo_section(_home(client, manager))
    assert "<h2>Platforms</h2>" in todo
    url = reverse("platforms:platform_manage", args=[platform.pk]) + "#to-approve"
    assert f'<a href="{url}">2 bookings awaiting approval at Imaging</a>' in todo


def test_a_founder_is_asked_for_the_renewal_of_an_enrolment_ending_soon(client):
    end = TODAY + timedelta(days=20)
    enrolment = EnrolmentFactory(
        cohort=CohortFactory(start_date=end - timedelta(days=180)), initial_end_date=end, end_date=end
    )
    founder = UserFactory(email="founder@example.org")
    AffiliationFactory(
        person=PersonFactory(user=founder),
        organisation=enrolment.organisation,
        role="CEO",
        is_administrator=True,
    )
    todo = _todo_section(_home(client, founder))
    assert "<h2>Programmes</h2>" in todo
    assert "ask for the renewal" in todo
    assert reverse("programmes:renewal_request", args=[enrolment.pk]) in todo


def test_the_staff_see_what_is_overdue_marked(client):
    end = TODAY + timedelta(days=90)
    enrolment = EnrolmentFactory(
        cohort=CohortFactory(start_date=end - timedelta(days=180)), initial_end_date=end, end_date=end
    )
    PlanReview.objects.create(enrolment=enrolment, due_date=TODAY - timedelta(days=3))
    todo = _todo_section(_home(client, entreprises_staff()))
    assert '<li class="overdue">' in todo
    assert "1 plan review past its date" in todo
    assert "<mark>overdue</mark> since 7 Jun 2026" in todo


def test_the_areas_come_in_the_registry_s_order_and_a_person_with_nothing_is_told(
    client, member, monkeypatch
):
    page = _home(client, member)
    assert "Nothing to do." in _todo_section(page)
    assert page.index('<section class="todo"') < page.index('class="figures"')  # the list comes first
    monkeypatch.setattr(registry, "_todos", dict(registry._todos))
    registry.add_todo(lambda user: [ToDo("Real estate", "Sign the lease", "/lease/")], order=65)
    registry.add_todo(lambda user: [ToDo("Calls", "Read the call", "/call/", due=TODAY)], order=29)
    todo = _todo_section(_home(client))
    assert todo.index("<h2>Calls</h2>") < todo.index("<h2>Real estate</h2>")
    assert "by 10 Jun 2026" in todo and "Nothing to do." not in todo


def test_an_anonymous_visitor_gets_the_figures_and_search_and_no_provider_is_asked(client, monkeypatch):
    with CaptureQueriesContext(connection) as before:
        _home(client)
    monkeypatch.setattr(registry, "_todos", dict(registry._todos))

    def must_not_run(user):
        raise AssertionError("asked for an anonymous visitor")

    registry.add_todo(must_not_run, order=0)
    with CaptureQueriesContext(connection) as after:
        page = _home(client)
    assert '<section class="todo"' not in page
    assert 'class="figures"' in page and 'id="home-search"' in page
    assert "<h1>The cluster at a glance</h1>" in page
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_home_page_asks_a_bounded_number_of_queries(client, reviewer):
    """Whatever a person has to do, the home page counts it: more rows, not more queries."""
    call = closed_call()
    ReviewFactory(proposal=submitted(call=call), reviewer=reviewer)
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(5):
        ReviewFactory(proposal=submitted(call=closed_call()), reviewer=reviewer, conflict="none")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many.captured_queries) == len(few.captured_queries)
