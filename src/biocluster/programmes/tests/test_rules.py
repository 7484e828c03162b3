"""The rules of the services: durations and the single renewal, quota and its override,
dates across the programme's boundaries, milestones, and bad input that saves nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.programmes import services
from biocluster.programmes.models import Enrolment, Milestone, QuotaOverride, Renewal, Session
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory, ExpertFactory, booster

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def fields(error: ValidationError) -> set[str]:
    return set(error.value.message_dict)


# --------------------------------------------------------------------------- durations, renewal


def test_enrolment_lasts_the_programme_duration(programmes_staff, shaker, member_organisation):
    cohort = CohortFactory(programme=shaker, start_date=date(2025, 1, 1))
    enrolment = services.enrol(actor=programmes_staff, cohort=cohort, organisation=member_organisation)
    assert (enrolment.start_date, enrolment.end_date) == (date(2025, 1, 1), date(2025, 6, 30))
    programme = booster()
    other = services.enrol(
        actor=programmes_staff,
        cohort=CohortFactory(programme=programme, start_date=date(2025, 3, 1)),
        organisation=OrganisationFactory(),
    )
    assert other.end_date == date(2026, 2, 28)
    assert AuditEvent.objects.filter(action="programmes.enrolment.created").count() == 2


def test_only_staff_enrol(member, cohort, member_organisation):
    with pytest.raises(ValidationError):
        services.enrol(actor=member, cohort=cohort, organisation=member_organisation)
    assert not Enrolment.objects.exists()


def test_one_renewal_within_the_rule(programmes_staff, member, enrolment):
    limit = services.max_end(enrolment)
    assert limit == enrolment.end_date + (limit - enrolment.end_date)
    assert limit > enrolment.end_date
    renewal = services.request_renewal(
        actor=member, enrolment=enrolment, requested_end_date=limit, reason="Proof of concept"
    )
    services.decide_renewal(actor=programmes_staff, renewal=renewal, grant=True)
    enrolment.refresh_from_db()
    assert enrolment.end_date == limit
    assert enrolment.initial_end_date < limit
    with pytest.raises(ValidationError) as error:
        services.request_renewal(
            actor=member, enrolment=enrolment, requested_end_date=limit + timedelta(days=30), reason="Again"
        )
    assert "already been renewed once" in str(error.value)
    assert Renewal.objects.count() == 1


def test_renewal_beyond_the_rule_is_refused_and_nothing_saved(member, enrolment):
    too_far = services.max_end(enrolment) + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.request_renewal(
            actor=member, enrolment=enrolment, requested_end_date=too_far, reason="More time"
        )
    assert fields(error) == {"requested_end_date"}
    assert "at most 6 months" in str(error.value)
    assert not Renewal.objects.exists()


def test_staff_cannot_grant_more_than_the_rule_either(programmes_staff, member, enrolment):
    renewal = services.request_renewal(
        actor=member,
        enrolment=enrolment,
        requested_end_date=enrolment.end_date + timedelta(days=30),
        reason="r",
    )
    with pytest.raises(ValidationError) as error:
        services.decide_renewal(
            actor=programmes_staff,
            renewal=renewal,
            grant=True,
            new_end_date=services.max_end(enrolment) + timedelta(days=1),
        )
    assert fields(error) == {"new_end_date"}
    renewal.refresh_from_db()
    enrolment.refresh_from_db()
    assert renewal.status == "requested" and enrolment.end_date == enrolment.initial_end_date


def test_a_member_cannot_decide_a_renewal(member, enrolment):
    renewal = services.request_renewal(
        actor=member,
        enrolment=enrolment,
        requested_end_date=enrolment.end_date + timedelta(days=30),
        reason="r",
    )
    with pytest.raises(ValidationError):
        services.decide_renewal(actor=member, renewal=renewal, grant=True)
    renewal.refresh_from_db()
    assert renewal.status == "requested"


def test_a_programme_without_renewal(member, member_organisation):
    growth = CohortFactory(
        programme__code="growth-hub", programme__renewal_months=0, programme__duration_months=24
    )
    enrolment = EnrolmentFactory(cohort=growth, organisation=member_organisation)
    with pytest.raises(ValidationError) as error:
        services.request_renewal(
            actor=member,
            enrolment=enrolment,
            requested_end_date=enrolment.end_date + timedelta(days=1),
            reason="r",
        )
    assert "cannot be renewed" in str(error.value)


def test_a_refused_renewal_leaves_the_end(programmes_staff, member, enrolment):
    renewal = services.request_renewal(
        actor=member,
        enrolment=enrolment,
        requested_end_date=enrolment.end_date + timedelta(days=30),
        reason="r",
    )
    services.decide_renewal(actor=programmes_staff, renewal=renewal, grant=False, note="Not yet")
    enrolment.refresh_from_db()
    assert enrolment.end_date == enrolment.initial_end_date
    assert Renewal.objects.get().status == "refused"


# --------------------------------------------------------------------------- overlaps, boundaries


def test_overlapping_enrolments_are_refused(programmes_staff, enrolment, booster_programme):
    cohort = CohortFactory(programme=booster_programme, start_date=enrolment.end_date)
    with pytest.raises(ValidationError) as error:
        services.enrol(actor=programmes_staff, cohort=cohort, organisation=enrolment.organisation)
    assert fields(error) == {"start_date"}
    assert "cannot overlap" in str(error.value)
    assert Enrolment.objects.count() == 1
    later = CohortFactory(programme=booster_programme, start_date=enrolment.end_date + timedelta(days=1))
    assert services.enrol(actor=programmes_staff, cohort=later, organisation=enrolment.organisation).pk


def test_renewal_cannot_run_into_the_next_enrolment(programmes_staff, member, enrolment, booster_programme):
    next_start = enrolment.end_date + timedelta(days=10)
    services.enrol(
        actor=programmes_staff,
        cohort=CohortFactory(programme=booster_programme, start_date=next_start),
        organisation=enrolment.organisation,
    )
    with pytest.raises(ValidationError) as error:
        services.request_renewal(
            actor=member, enrolment=enrolment, requested_end_date=next_start, reason="More lab time"
        )
    assert "cannot overlap" in str(error.value)


def test_graduation_into_the_next_programme_starts_the_day_after(
    programmes_staff, enrolment, booster_programme
):
    cohort = CohortFactory(programme=booster_programme, start_date=enrolment.start_date)
    on = enrolment.start_date + timedelta(days=20)
    following = services.graduate(actor=programmes_staff, enrolment=enrolment, on=on, into_cohort=cohort)
    enrolment.refresh_from_db()
    assert enrolment.status == "graduated" and enrolment.ended_on == on
    assert following.start_date == on + timedelta(days=1)
    assert following.cohort.programme == booster_programme


def test_graduation_outside_the_enrolment_is_refused(programmes_staff, enrolment):
    with pytest.raises(ValidationError) as error:
        services.graduate(
            actor=programmes_staff, enrolment=enrolment, on=enrolment.end_date + timedelta(days=1)
        )
    assert fields(error) == {"on"}
    enrolment.refresh_from_db()
    assert enrolment.status == "active"


def test_exit_needs_a_reason(programmes_staff, enrolment):
    with pytest.raises(ValidationError):
        services.leave(actor=programmes_staff, enrolment=enrolment, on=TODAY(), reason="bored")
    services.leave(
        actor=programmes_staff, enrolment=enrolment, on=TODAY(), reason="abandoned", note="Back to research"
    )
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.exit_reason) == ("exited", "abandoned")


def test_sessions_stay_within_the_enrolment(member, enrolment):
    for day in (enrolment.start_date - timedelta(days=1), TODAY() + timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.log_session(
                actor=member, enrolment=enrolment, date=day, kind="coaching", topic="Pitch", hours=2
            )
        assert fields(error) == {"date"}
    assert not Session.objects.exists()


# --------------------------------------------------------------------------- quota


def test_quota_accounting_and_its_override(programmes_staff, member, booster_enrolment):
    expert = ExpertFactory()
    for days in (10, 9):
        services.log_session(
            actor=member,
            enrolment=booster_enrolment,
            date=TODAY(),
            kind="coaching",
            topic="Business plan",
            days=days,
            expert=expert,
        )
    state = services.quota_of(booster_enrolment)
    assert (state.total_days, state.used_days, state.left_days) == (Decimal(20), Decimal(19), Decimal(1))
    assert state.left_hours == Decimal(7)
    # One day and one hour: over the quota. Refused to the founder, and to staff without a reason.
    for actor in (member, programmes_staff):
        with pytest.raises(ValidationError) as error:
            services.log_session(
                actor=actor,
                enrolment=booster_enrolment,
                date=TODAY(),
                kind="training",
                topic="Finance",
                hours=8,
            )
        assert fields(error) == {"hours"}
        assert "7.00 hours (1.00 days)" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.log_session(
            actor=member,
            enrolment=booster_enrolment,
            date=TODAY(),
            kind="training",
            topic="Finance",
            hours=8,
            override_reason="Please",
        )
    assert fields(error) == {"override_reason"}
    assert Session.objects.count() == 2 and not QuotaOverride.objects.exists()
    session = services.log_session(
        actor=programmes_staff,
        enrolment=booster_enrolment,
        date=TODAY(),
        kind="training",
        topic="Finance",
        hours=8,
        override_reason="Series A preparation, decided at the steering committee",
    )
    override = session.override
    assert (override.decided_by, override.hours_over) == (programmes_staff, Decimal(1))
    assert AuditEvent.objects.filter(action="programmes.quota.overridden").count() == 1
    state = services.quota_of(booster_enrolment)
    assert state.left_hours == Decimal(-1) and state.is_over


def test_session_in_hours_within_the_quota(member, booster_enrolment):
    session = services.log_session(
        actor=member, enrolment=booster_enrolment, date=TODAY(), kind="mentoring", topic="Hiring", hours="3.5"
    )
    assert session.days == Decimal("0.50")


def test_session_bad_durations(member, enrolment):
    for hours, days in ((0, None), (-2, None), (None, None), ("abc", None), (71, None), ("NaN", None)):
        with pytest.raises(ValidationError) as error:
            services.log_session(
                actor=member,
                enrolment=enrolment,
                date=TODAY(),
                kind="coaching",
                topic="x",
                hours=hours,
                days=days,
            )
        assert fields(error) == {"hours"}
    assert not Session.objects.exists()


# --------------------------------------------------------------------------- milestones


def test_milestone_in_the_future_is_refused(member, enrolment):
    with pytest.raises(ValidationError) as error:
        services.declare_milestone(
            actor=member,
            enrolment=enrolment,
            kind="fund_raise",
            date=TODAY() + timedelta(days=1),
            title="Seed",
            evidence="https://example.org",
            amount=100000,
            round="seed",
        )
    assert fields(error) == {"date"}
    assert "in the future" in str(error.value)
    assert not Milestone.objects.exists()


def test_milestone_before_the_founding_year_is_allowed(member, enrolment):
    enrolment.organisation.founded_year = 2024
    enrolment.organisation.save()
    milestone = services.declare_milestone(
        actor=member,
        enrolment=enrolment,
        kind="patent",
        date=date(2019, 5, 2),
        title="Patent filed in the lab",
        evidence="EP1234567",
        count=1,
    )
    assert milestone.status == "declared" and milestone.validated_by is None


def test_fund_raise_needs_amount_and_round(member, enrolment):
    base = {
        "actor": member,
        "enrolment": enrolment,
        "kind": "fund_raise",
        "date": TODAY(),
        "title": "Seed",
        "evidence": "x",
    }
    with pytest.raises(ValidationError) as error:
        services.declare_milestone(**base, round="seed")
    assert fields(error) == {"amount"}
    with pytest.raises(ValidationError) as error:
        services.declare_milestone(**base, amount=1000)
    assert fields(error) == {"round"}
    with pytest.raises(ValidationError) as error:
        services.declare_milestone(**{**base, "evidence": ""}, amount=1000, round="seed")
    assert fields(error) == {"evidence"}
    assert not Milestone.objects.exists()


def test_staff_declarations_count_as_checked_and_staff_review_members(programmes_staff, member, enrolment):
    by_staff = services.declare_milestone(
        actor=programmes_staff,
        enrolment=enrolment,
        kind="incorporation",
        date=TODAY(),
        title="SAS",
        evidence="Kbis",
    )
    assert by_staff.status == "validated"
    declared = services.declare_milestone(
        actor=member,
        enrolment=enrolment,
        kind="grant",
        date=TODAY(),
        title="Innov'up",
        evidence="Letter",
        amount=30000,
    )
    with pytest.raises(ValidationError):
        services.review_milestone(actor=member, milestone=declared, validate=True)
    services.review_milestone(actor=programmes_staff, milestone=declared, validate=True)
    declared.refresh_from_db()
    assert declared.status == "validated" and declared.validated_by == programmes_staff


# --------------------------------------------------------------------------- plan


def test_plan_review_dates_and_actions_stay_in_the_enrolment(programmes_staff, member, enrolment):
    with pytest.raises(ValidationError):
        services.save_plan(actor=member, enrolment=enrolment, diagnosis="x")
    services.save_plan(
        actor=programmes_staff,
        enrolment=enrolment,
        diagnosis="Strong science, no business plan",
        review_dates=[enrolment.end_date],
    )
    objective = services.add_objective(
        actor=programmes_staff, enrolment=enrolment, title="Write the business plan"
    )
    with pytest.raises(ValidationError) as error:
        services.add_action(
            actor=programmes_staff,
            objective=objective,
            title="Draft",
            owner="Founder",
            due_date=enrolment.end_date + timedelta(days=1),
        )
    assert fields(error) == {"due_date"}
    action = services.add_action(
        actor=programmes_staff,
        objective=objective,
        title="Draft",
        owner="Founder",
        due_date=enrolment.end_date,
    )
    services.set_action_status(actor=programmes_staff, action=action, status="done")
    assert enrolment.plan_reviews.get().due_date == enrolment.end_date
