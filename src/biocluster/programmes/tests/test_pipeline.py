"""The pipeline's figures: the funnel up to accreditation (read from the register, tolerant of
its absence), the median time in programme, funds per cohort counting validated raises only."""

import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from biocluster.programmes import pipeline
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def graduates(shaker):
    cohort = CohortFactory(programme=shaker, start_date=date(2024, 1, 1))
    first = EnrolmentFactory(cohort=cohort, status="graduated", ended_on=date(2024, 6, 30))
    second = EnrolmentFactory(cohort=cohort, status="graduated", ended_on=date(2024, 12, 31))
    EnrolmentFactory(cohort=cohort, status="exited", ended_on=date(2024, 3, 31), exit_reason="abandoned")
    return cohort, first, second


def test_funnel_reads_the_accreditation_register(monkeypatch, graduates):
    _cohort, first, _second = graduates
    monkeypatch.setattr(
        pipeline,
        "accredited_on",
        lambda ids: {first.organisation_id: date(2025, 1, 1)} if first.organisation_id in ids else {},
    )
    steps = {s.stage: s.count for s in pipeline.funnel()}
    assert steps == {"applied": 3, "accepted": 3, "graduated": 2, "accredited": 1}


def test_without_the_register_nobody_counts_as_accredited(monkeypatch, graduates):
    monkeypatch.setitem(sys.modules, "biocluster.accreditation.services", None)  # import fails
    assert pipeline.accredited_on([graduates[1].organisation_id]) == {}


def test_the_real_register_is_read(graduates):
    from biocluster.accreditation import services

    assert hasattr(services, "accredited_on")
    assert pipeline.accredited_on([graduates[1].organisation_id]) == {}


def test_median_months_and_funds_by_cohort(graduates):
    cohort, first, second = graduates
    assert pipeline.median_months() == 6.0  # 3, 6 and 12 months: the middle one (182 days of 2024)
    MilestoneFactory(enrolment=first, amount=Decimal(1_000_000), status="validated")
    MilestoneFactory(enrolment=second, amount=Decimal(500_000), status="validated")
    MilestoneFactory(enrolment=second, amount=Decimal(7_000_000), status="rejected")
    row = next(r for r in pipeline.cohort_rows() if r.cohort == cohort)
    assert (row.graduated, row.exited, row.funds) == (2, 1, Decimal(1_500_000))


def test_alerts_list_only_active_enrolments_ending_within_60_days(shaker):
    today = timezone.localdate()
    soon = EnrolmentFactory(cohort=CohortFactory(programme=shaker), end_date=today + timedelta(days=60))
    EnrolmentFactory(cohort=CohortFactory(programme=shaker), end_date=today + timedelta(days=61))
    EnrolmentFactory(
        cohort=CohortFactory(programme=shaker),
        end_date=today + timedelta(days=5),
        status="graduated",
        ended_on=today,
    )
    late = EnrolmentFactory(
        cohort=CohortFactory(programme=shaker, start_date=today - timedelta(days=300)),
        end_date=today - timedelta(days=1),
    )
    assert list(pipeline.ending_soon()) == [soon]
    assert list(pipeline.overdue()) == [late]
