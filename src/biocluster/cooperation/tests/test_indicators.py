"""Cooperation's indicators: the values at fixed dates, and the records and groups adding up."""

import datetime
import random

import pytest

from biocluster.core import indicators as ind
from biocluster.partnering.models import Attendance, Meeting

from .factories import AgreementFactory, MissionFactory, PackFactory, SoftLandingFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db
CODES = (
    "cooperation.agreements_active",
    "cooperation.soft_landings_installed",
    "cooperation.companies_abroad",
    "cooperation.meetings_abroad",
)


def test_the_indicators_are_registered_and_delegations_are_not_counted_twice():
    codes = {indicator.code for indicator in ind.all_indicators()}
    assert set(CODES) <= codes
    assert "events.delegations" in codes
    assert "cooperation.delegations_received" not in codes


def _value(code, **period):
    indicator = ind.get(code)
    return indicator.evaluate(indicator.period(**period)).value


def test_agreements_in_force_at_a_date():
    AgreementFactory(signed_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2023, 12, 31))
    AgreementFactory(signed_on=datetime.date(2022, 6, 1), expires_on=None)
    AgreementFactory(status="draft", signed_on=None, expires_on=None)
    AgreementFactory(
        status="terminated", signed_on=datetime.date(2020, 1, 1), terminated_on=datetime.date(2023, 6, 1)
    )
    assert _value("cooperation.agreements_active", at=datetime.date(2021, 6, 30)) == 2
    assert _value("cooperation.agreements_active", at=datetime.date(2023, 6, 1)) == 2
    assert _value("cooperation.agreements_active", year=2023) == 2
    assert _value("cooperation.agreements_active", year=2024) == 1


def test_installed_soft_landings_per_year():
    SoftLandingFactory(stage="installed", installed_on=datetime.date(2017, 11, 7))
    SoftLandingFactory(stage="installed", installed_on=datetime.date(2018, 2, 1))
    SoftLandingFactory(stage="lost", lost_reason="Chose Boston")
    assert _value("cooperation.soft_landings_installed", year=2017) == 1


def _event_moment(year):
    return datetime.datetime(year, 6, 13, 16, tzinfo=datetime.UTC)


def test_companies_and_meetings_abroad_per_year():
    mission = MissionFactory(event__starts_at=_event_moment(2022), event__ends_at=_event_moment(2022))
    pack = PackFactory(mission=mission)
    SubscriptionFactory(pack=pack)
    SubscriptionFactory(pack=pack)
    Meeting.objects.create(event=mission.event, attendance=Attendance.HELD)
    Meeting.objects.create(event=mission.event, attendance="")
    assert _value("cooperation.companies_abroad", year=2022) == 2
    assert _value("cooperation.companies_abroad", year=2023) == 0
    assert _value("cooperation.meetings_abroad", year=2022) == 1
    assert Meeting.objects.count() == 2


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_records_and_groups_add_up_to_the_value(seed):
    """As indicators/tests/test_sums.py does for every area, on this area's generated records."""
    rng = random.Random(seed)
    countries = ["CA", "US", "DE", "SG"]
    for _ in range(rng.randint(2, 8)):
        signed = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        AgreementFactory(
            partner__country=rng.choice(countries),
            signed_on=signed,
            expires_on=rng.choice([None, signed + datetime.timedelta(days=rng.randrange(30, 900))]),
        )
        SoftLandingFactory(
            stage="installed", country=rng.choice(countries), installed_on=signed, organisation=None
        )
    for year in (2023, 2024):
        mission = MissionFactory(
            event__starts_at=_event_moment(year),
            event__ends_at=_event_moment(year),
            event__country=rng.choice(countries),
        )
        for _ in range(rng.randint(0, 3)):
            SubscriptionFactory(pack=PackFactory(mission=mission))
    checked = 0
    for code in CODES:
        indicator = ind.get(code)
        for arguments in ({"year": 2024}, {"year": 2023}, {"at": datetime.date(2024, 6, 30)}):
            period = indicator.period(**arguments)
            result = indicator.evaluate(period)
            records = list(result.records)
            assert sum(record.value for record in records) == result.value, (code, arguments)
            assert all(period.contains(record.date) for record in records if period.start), code
            for by in indicator.breakdowns:
                assert sum(indicator.evaluate(period, by).groups.values()) == result.value, (code, by)
            checked += bool(records)
    assert checked
