"""Plan reviews held at set dates: recorded by entreprises staff with the actions' statuses and
the next date, shown on the start-up's page, and listed to staff once their date has passed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from biocluster.audit.models import AuditEvent
from biocluster.programmes import pipeline, services
from biocluster.programmes.models import PlanReview
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def plan(enrolment):
    objective = enrolment.objectives.create(title="Validate the market")
    first = objective.actions.create(title="Interview ten clients", owner="CEO", due_date=TODAY())
    second = objective.actions.create(title="Price the offer", owner="CTO", due_date=TODAY())
    return enrolment, first, second


def fields(error) -> set[str]:
    return set(error.value.message_dict)


def test_a_held_review_records_notes_statuses_and_the_next_date(programmes_staff, plan):
    enrolment, first, second = plan
    scheduled = PlanReview.objects.create(enrolment=enrolment, due_date=TODAY() - timedelta(days=2))
    next_day = TODAY() + timedelta(days=30)
    review = services.hold_review(
        actor=programmes_staff,
        enrolment=enrolment,
        review=scheduled,
        held_on=TODAY() - timedelta(days=1),
        notes="Ten interviews done; pricing slips.",
        statuses={first.pk: "done", second.pk: "in_progress"},
        next_review=next_day,
    )
    assert review.pk == scheduled.pk and review.held_on == TODAY() - timedelta(days=1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("done", "in_progress")
    assert services.next_review(enrolment).due_date == next_day
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "programmes.plan.reviewed",
        "programmes.plan.action_status",
        "programmes.plan.review_scheduled",
    } <= actions


def test_an_unscheduled_review_is_dated_the_day_it_was_held(programmes_staff, enrolment):
    review = services.hold_review(
        actor=programmes_staff, enrolment=enrolment, held_on=TODAY(), notes="Ad hoc"
    )
    assert (review.due_date, review.held_on) == (TODAY(), TODAY())
    with pytest.raises(ValidationError) as error:
        services.hold_review(actor=programmes_staff, enrolment=enrolment, held_on=TODAY())
    assert fields(error) == {"held_on"}


def test_a_refused_review_saves_nothing(programmes_staff, member, plan):
    enrolment, first, _second = plan
    cases = [
        (programmes_staff, {"held_on": TODAY(), "next_review": TODAY()}, "next_review"),
        (programmes_staff, {"held_on": TODAY() + timedelta(days=1)}, "held_on"),
        (programmes_staff, {"held_on": enrolment.start_date - timedelta(days=1)}, "held_on"),
        (programmes_staff, {"held_on": TODAY(), "statuses": {first.pk: "finished"}}, "status"),
        (member, {"held_on": TODAY()}, "__all__"),
    ]
    for actor, arguments, field in cases:
        with pytest.raises(ValidationError) as error:
            services.hold_review(
                actor=actor, enrolment=enrolment, notes="n", **{"statuses": {first.pk: "done"}, **arguments}
            )
        assert field in fields(error), arguments
    first.refresh_from_db()
    assert first.status == "planned" and not PlanReview.objects.exists()


def test_a_review_of_another_enrolment_or_already_held_is_refused(programmes_staff, enrolment):
    other = EnrolmentFactory(cohort=enrolment.cohort)
    foreign = PlanReview.objects.create(enrolment=other, due_date=TODAY())
    held = PlanReview.objects.create(enrolment=enrolment, due_date=TODAY(), held_on=TODAY())
    for review in (foreign, held):
        with pytest.raises(ValidationError) as error:
            services.hold_review(actor=programmes_staff, enrolment=enrolment, review=review, held_on=TODAY())
        assert fields(error) == {"review"}
    foreign.refresh_from_db()
    assert foreign.held_on is None


def test_overdue_reviews_are_those_passed_and_not_held_in_running_enrolments(enrolment, shaker):
    late = PlanReview.objects.create(enrolment=enrolment, due_date=TODAY() - timedelta(days=3))
    PlanReview.objects.create(enrolment=enrolment, due_date=TODAY() - timedelta(days=5), held_on=TODAY())
    PlanReview.objects.create(enrolment=enrolment, due_date=TODAY() + timedelta(days=5))
    ended = EnrolmentFactory(
        cohort=CohortFactory(programme=shaker, start_date=TODAY() - timedelta(days=400)),
        status="graduated",
        ended_on=TODAY() - timedelta(days=300),
    )
    PlanReview.objects.create(enrolment=ended, due_date=TODAY() - timedelta(days=350))
    assert list(pipeline.reviews_overdue()) == [late]


def test_staff_record_a_review_from_its_page(client, programmes_staff, plan):
    enrolment, first, second = plan
    scheduled = PlanReview.objects.create(enrolment=enrolment, due_date=TODAY())
    client.force_login(programmes_staff)
    url = reverse("programmes:review_add", args=[enrolment.pk])
    page = client.get(url).content.decode()
    assert "Interview ten clients" in page and f'name="action_{first.pk}"' in page
    data = {
        "review": scheduled.pk,
        "held_on": TODAY().isoformat(),
        "notes": "Market validated",
        f"action_{first.pk}": "done",
        f"action_{second.pk}": "dropped",
        "next_review": (TODAY() + timedelta(days=20)).isoformat(),
    }
    response = client.post(url, {**data, "next_review": TODAY().isoformat()})
    assert (
        response.status_code == 200 and "The next review comes after this one." in response.content.decode()
    )
    first.refresh_from_db()
    assert first.status == "planned"
    assert client.post(url, data).status_code == 302
    first.refresh_from_db()
    scheduled.refresh_from_db()
    assert first.status == "done" and scheduled.notes == "Market validated"


def test_the_start_up_page_shows_past_reviews_and_the_next_one(client, member, enrolment):
    PlanReview.objects.create(
        enrolment=enrolment,
        due_date=TODAY() - timedelta(days=9),
        held_on=TODAY() - timedelta(days=8),
        notes="Pricing agreed with the mentor",
    )
    PlanReview.objects.create(enrolment=enrolment, due_date=TODAY() - timedelta(days=1))
    client.force_login(member)
    page = client.get(reverse("programmes:enrolment_detail", args=[enrolment.pk])).content.decode()
    assert "Pricing agreed with the mentor" in page
    assert "Next review:" in page and "(date passed, not recorded yet)" in page
    assert "Record a plan review" not in page


def test_the_alerts_and_pipeline_list_reviews_past_their_date(client, programmes_staff, enrolment):
    PlanReview.objects.create(enrolment=enrolment, due_date=TODAY() - timedelta(days=4))
    client.force_login(programmes_staff)
    link = reverse("programmes:review_add", args=[enrolment.pk])
    for name in ("programmes:alerts", "programmes:pipeline"):
        page = client.get(reverse(name)).content.decode()
        assert "Plan reviews past their date, not recorded" in page and link in page, name
