"""The programmes' to-dos on the home page: the staff's plan reviews, renewals, milestones and
enrolments past their end; a company's renewal to ask for."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from biocluster.accounts.tests.factories import UserFactory
from biocluster.core.tests.clock import NOW, TODAY, frozen  # noqa: F401 - the fixture
from biocluster.directory.tests.factories import AffiliationFactory, PersonFactory
from biocluster.programmes import todo
from biocluster.programmes.models import PlanReview, Renewal
from biocluster.programmes.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    MilestoneFactory,
    ProgrammeFactory,
    entreprises_staff,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _enrolment(end: date, programme=None, **kwargs):
    cohort = CohortFactory(
        start_date=end - timedelta(days=180), **({"programme": programme} if programme else {})
    )
    return EnrolmentFactory(cohort=cohort, initial_end_date=end, end_date=end, **kwargs)


def test_the_staff_see_what_the_programmes_wait_for_with_one_count_each(
    django_assert_max_num_queries, member
):
    running = _enrolment(TODAY + timedelta(days=90))
    PlanReview.objects.create(enrolment=running, due_date=TODAY - timedelta(days=3))
    PlanReview.objects.create(enrolment=running, due_date=TODAY - timedelta(days=1))
    PlanReview.objects.create(enrolment=running, due_date=TODAY - timedelta(days=9), held_on=TODAY)  # held
    PlanReview.objects.create(enrolment=running, due_date=TODAY + timedelta(days=9))  # not due yet
    Renewal.objects.create(enrolment=running, requested_end_date=TODAY + timedelta(days=200), reason="Growth")
    Renewal.objects.create(
        enrolment=_enrolment(TODAY + timedelta(days=20)),
        requested_end_date=TODAY + timedelta(days=200),
        status="refused",
    )
    MilestoneFactory(enrolment=running)
    MilestoneFactory(enrolment=running, status="validated")
    _enrolment(TODAY - timedelta(days=4))  # past its end, still active
    _enrolment(TODAY - timedelta(days=40), status="graduated", ended_on=TODAY - timedelta(days=40))
    staff = entreprises_staff()

    with django_assert_max_num_queries(5):  # the roles, then one count each
        todos = todo.staff_todos(staff)

    alerts = reverse("programmes:alerts")
    assert [(t.title, t.url, t.count, t.due, t.overdue) for t in todos] == [
        ("2 plan reviews past their date", alerts + "#plan-reviews", 2, TODAY - timedelta(days=3), True),
        ("1 renewal awaiting a decision", alerts + "#renewals", 1, running.end_date, False),
        ("1 milestone to validate", alerts + "#milestones", 1, None, False),
        (
            "1 enrolment past its planned end: graduate, exit or renew",
            alerts,
            1,
            TODAY - timedelta(days=4),
            True,
        ),
    ]
    # Others run no programme: a member of the enrolled company is not shown the staff's work.
    AffiliationFactory(person=member.person, organisation=running.organisation)
    assert todo.staff_todos(member) == []
    assert todo.staff_todos(UserFactory()) == []


def test_the_alerts_page_lists_the_renewals_and_milestones_the_home_page_counts(client):
    running = _enrolment(TODAY + timedelta(days=90))
    Renewal.objects.create(enrolment=running, requested_end_date=TODAY + timedelta(days=200), reason="Growth")
    MilestoneFactory(enrolment=running, title="Series A closed")
    client.force_login(entreprises_staff())
    page = client.get(reverse("programmes:alerts")).content.decode()
    renewals = page[page.index('id="renewals"') : page.index('id="milestones"')]
    assert running.organisation.name in renewals
    assert "Series A closed" in page[page.index('id="milestones"') :]


def test_a_company_is_asked_to_request_the_renewal_of_an_enrolment_ending_soon(django_assert_max_num_queries):
    founder = UserFactory()
    person = PersonFactory(user=founder)
    soon = TODAY + timedelta(days=30)
    ending = _enrolment(soon)
    asked = _enrolment(soon)
    Renewal.objects.create(enrolment=asked, requested_end_date=soon + timedelta(days=150), reason="Growth")
    not_yet = _enrolment(TODAY + timedelta(days=90))
    not_renewable = _enrolment(soon, programme=ProgrammeFactory(code="growth", renewal_months=0))
    for enrolment in (ending, asked, not_yet, not_renewable):
        AffiliationFactory(person=person, organisation=enrolment.organisation, role="CEO")
    _enrolment(soon)  # another company's

    with django_assert_max_num_queries(3):  # the roles, the organisations, the enrolments
        todos = todo.renewals_to_ask(founder)

    assert [(t.title, t.url, t.due) for t in todos] == [
        (
            f"{ending.organisation.name}'s enrolment in Shaker ends: ask for the renewal",
            reverse("programmes:renewal_request", args=[ending.pk]),
            soon,
        )
    ]
    assert todo.renewals_to_ask(entreprises_staff()) == []
