"""Ending an agreement before its end honours the notice period, unless staff record a
negotiated early release with its reason; the rent stops on the effective last day."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.estate import notices, rent_roll, services
from biocluster.estate.models import Agreement, Notice

from .conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(staff_user, tenant, unit):
    return services.create_agreement(  # 40 m² at 300 EUR: 12,000 EUR a year, 1,000 a month
        actor=staff_user,
        organisation=tenant,
        units=[unit],
        start=day("2026-01-01"),
        end=day("2028-12-31"),
        kind="lease",
        rent_per_m2=Decimal("300"),
        notice_months=3,
        payment_frequency="monthly",
    )


def end(staff_user, agreement, on, **early):
    return services.terminate_agreement(
        actor=staff_user, agreement=agreement, on=day(on), reason="Outgrew the space", **early
    )


@pytest.mark.parametrize(
    ("on", "early", "field"),
    [
        ("2026-06-13", {"notice_given_on": day("2026-03-15")}, "on"),  # a day short of 3 months
        ("2026-06-30", {}, "notice_given_on"),  # no notice, no release
        ("2026-06-30", {"early_release": "   "}, "notice_given_on"),  # a release says why
        ("2026-06-30", {"notice_given_on": day("2026-07-01")}, "notice_given_on"),  # after the last day
    ],
)
def test_an_end_before_the_notice_runs_out_is_refused(staff_user, agreement, on, early, field):
    with pytest.raises(ValidationError) as refused:
        end(staff_user, agreement, on, **early)
    assert field in refused.value.message_dict
    agreement.refresh_from_db()
    assert (agreement.status, agreement.terminated_on, agreement.notice_given_on) == ("active", None, None)


def test_the_notice_run_out_the_agreement_ends_and_the_rent_stops(staff_user, agreement):
    end(staff_user, agreement, "2026-06-14", notice_given_on=day("2026-03-15"))
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert (agreement.status, agreement.last_day, agreement.notice_given_on) == (
        "terminated",
        day("2026-06-14"),
        day("2026-03-15"),
    )
    assert agreement.events.get(kind="termination").changes["notice_given_on"] == "2026-03-15"
    dues = notices.schedule(agreement)
    assert (dues[-1].first, dues[-1].last) == (day("2026-06-01"), day("2026-06-14"))
    assert dues[-1].rent == Decimal("466.67")  # 14 days of June's 1,000
    issued = rent_roll.issue_notices(actor=staff_user, up_to=day("2026-12-31"), issued_on=day("2026-01-01"))
    assert [notice.first.month for notice in issued] == [1, 2, 3, 4, 5, 6]
    assert Notice.objects.order_by("first").last().last == day("2026-06-14")


def test_staff_record_a_negotiated_early_release_with_its_reason(staff_user, agreement):
    end(
        staff_user,
        agreement,
        "2026-04-30",
        notice_given_on=day("2026-04-01"),
        early_release="Unit re-let at once",
    )
    agreement.refresh_from_db()
    assert (agreement.last_day, agreement.early_release_reason) == (day("2026-04-30"), "Unit re-let at once")
    assert notices.schedule(agreement)[-1].last == day("2026-04-30")
    assert agreement.events.get(kind="termination").changes["early_release"] == "Unit re-let at once"
