"""The indicators' services: definitions' versions, historical figures and their difference."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.accreditation.tests.factories import AccreditationFactory
from biocluster.audit.models import AuditEvent
from biocluster.core import indicators as ind
from biocluster.core.arithmetic import CUMULATIVE, YEAR, Period, group_totals, period_for, rate
from biocluster.indicators import services
from biocluster.indicators.models import DefinitionVersion, HistoricalValue

pytestmark = pytest.mark.django_db


def test_periods():
    assert period_for(YEAR, year=2024) == Period(YEAR, date(2024, 12, 31), date(2024, 1, 1))
    assert period_for(YEAR, at=date(2024, 6, 30)).start == date(2024, 1, 1)
    assert period_for(CUMULATIVE, year=2017, since=date(1998, 10, 23)).start == date(1998, 10, 23)
    assert period_for("at", at=date(2024, 6, 30)).start is None
    with pytest.raises(ValueError):
        period_for(YEAR, year=2024, at=date(2024, 1, 1))
    with pytest.raises(ValueError):
        period_for(CUMULATIVE, year=2024)


def test_groups_and_rates():
    assert group_totals([("a", 1), (None, 2), ("a", 3), ("", 1)], missing="—") == {"a": 4, "—": 3}
    assert rate(1, 4) == Decimal("0.25")
    assert rate(0, 0) is None


def test_definitions_are_recorded_once_per_version(monkeypatch):
    services.record_definitions()  # post_migrate ran before the test's rows were rolled back
    indicator = ind.get("accreditation.new_companies")
    assert services.record_definitions() == []
    row = DefinitionVersion.objects.get(code=indicator.code, version=1)
    assert row.name_en == "New accredited companies"
    assert row.name_fr and row.definition_fr
    monkeypatch.setitem(ind._registry, indicator.code, replace(indicator, version=2))
    new = services.record_definitions()
    assert [(v.code, v.version) for v in new] == [(indicator.code, 2)]
    assert DefinitionVersion.objects.filter(code=indicator.code).count() == 2


def test_a_historical_figure_is_shown_beside_the_computed_one_with_the_difference(staff_user):
    for day in (date(2017, 2, 1), date(2017, 9, 1)):
        AccreditationFactory(decided_on=day)
    services.enter_historical_value(
        actor=staff_user,
        code="accreditation.new_companies",
        year=2017,
        value=Decimal(5),
        source="Genopole, activity report 2017",
    )
    figure = services.figure(ind.get("accreditation.new_companies"), year=2017)
    assert figure.value == 2
    assert figure.provenance == ind.COMPUTED
    assert figure.historical.value == 5 and figure.historical.provenance == ind.HISTORICAL
    assert figure.difference == -3
    # another year, or a date within the year, has no published figure to compare with
    assert services.figure(ind.get("accreditation.new_companies"), year=2016).historical is None
    assert services.figure(ind.get("accreditation.new_companies"), at=date(2017, 6, 30)).historical is None


def test_entering_a_historical_figure_is_audited_and_corrected_in_place(staff_user):
    services.enter_historical_value(
        actor=staff_user,
        code="programmes.funds_raised_since_founding",
        year=2016,
        value=Decimal(1),
        source="x",
    )
    services.enter_historical_value(
        actor=staff_user,
        code="programmes.funds_raised_since_founding",
        year=2016,
        value=Decimal(579_000_000),
        source="ECCP profile",
    )
    row = HistoricalValue.objects.get()
    assert row.value == 579_000_000 and row.source == "ECCP profile"
    assert list(
        AuditEvent.objects.filter(action__startswith="indicators.")
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "indicators.historical_value.entered",
        "indicators.historical_value.changed",
    ]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"code": "nothing.here"}, "code"),
        ({"source": "  "}, "source"),
        ({"value": Decimal(-1)}, "value"),
    ],
)
def test_bad_historical_figures_are_refused(staff_user, fields, error):
    arguments = {
        "code": "events.delegations",
        "year": 2017,
        "value": Decimal(14),
        "source": "ECCP profile",
    } | fields
    with pytest.raises(ValidationError) as raised:
        services.enter_historical_value(actor=staff_user, **arguments)
    assert error in raised.value.message_dict
    assert not HistoricalValue.objects.exists()


def test_coaching_against_quota_is_hours_logged_over_quota_hours():
    from biocluster.programmes.models import Session
    from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory, booster

    cohort = CohortFactory(programme=booster(days_quota=Decimal(10)), start_date=date(2024, 2, 1))
    first, second = EnrolmentFactory(cohort=cohort), EnrolmentFactory(cohort=cohort)
    EnrolmentFactory(cohort=CohortFactory(start_date=date(2024, 2, 1)))  # a programme without a quota
    for enrolment, hours, day in (
        (first, 14, date(2024, 3, 1)),
        (first, 7, date(2025, 3, 1)),
        (second, 21, date(2024, 5, 1)),
    ):
        Session.objects.create(
            enrolment=enrolment, date=day, kind="coaching", topic="Plan", hours=Decimal(hours)
        )
    indicator = ind.get("programmes.coaching_against_quota")
    result = indicator.evaluate(indicator.period(year=2024), ind.BY_PROGRAMME)
    assert result.value == Decimal(35) / Decimal(140)  # 2025's session is after the period
    assert sorted(record.value for record in result.records) == [14, 21]
    assert result.groups == {"Booster": Decimal(35) / Decimal(140)}


@pytest.mark.parametrize("route", ["directory:organisation_detail", "platforms:booking_detail"])
def test_a_record_address_is_the_route_reversed(route):
    from django.urls import reverse
    from django.utils import translation

    for language in ("en", "fr"):
        with translation.override(language):
            for arg in (1, 42, 987654321):
                assert ind.record_url(route, arg) == reverse(route, args=[arg])
