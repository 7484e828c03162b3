"""For every registered additive indicator, on generated records (hypothesis draws the world and
the periods): the records add up exactly to the value, and the groups of every breakdown add up
to it too. The registry is walked, so a new indicator is checked unless it declares
`additive=False`; the check is shown to fail when one indicator's records are tampered with."""

from dataclasses import replace
from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from biocluster.core import indicators as ind

from .world import YEAR, build


def test_the_seeds_figures_are_registered():
    codes = {indicator.code for indicator in ind.all_indicators()}
    assert {
        "directory.companies_on_site",
        "directory.labs_on_site",
        "directory.platforms_on_site",
        "accreditation.accredited_since_founding",
        "accreditation.active",
        "accreditation.new_companies",
        "accreditation.closures",
        "programmes.funds_raised",
        "programmes.funds_raised_since_founding",
        "programmes.listed_companies",
        "programmes.enrolments",
        "programmes.graduations",
        "programmes.coaching_hours",
        "platforms.hours_booked",
        "platforms.hours_used",
        "platforms.revenue",
        "calls.proposals",
        "calls.success_rate",
        "calls.amounts_awarded",
        "events.events_held",
        "events.attendance",
        "events.delegations",
        "partnering.meetings_placed",
        "partnering.meetings_held",
        "survey.sales",
        "survey.export_sales",
    } <= codes


def assert_adds_up(indicator: ind.Indicator, period) -> int:
    """The records of `indicator` over `period` add up exactly to its value, each record once and
    within the period, and the groups of every breakdown add up to it too. Returns how many records."""
    result = indicator.evaluate(period)
    records = list(result.records)
    assert sum(record.value for record in records) == result.value, (indicator.code, period)
    assert len(records) == result.records.count(), indicator.code
    assert len({(record.type, record.id) for record in records}) == len(records), indicator.code
    assert all(period.contains(record.date) for record in records if period.start), indicator.code
    for by in indicator.breakdowns:
        groups = indicator.evaluate(period, by).groups
        assert sum(groups.values()) == result.value, (indicator.code, by)
    return len(records)


def test_every_indicator_is_checked_or_declares_it_is_not_additive():
    """The property below walks the registry: a new indicator is checked unless its registration
    says `additive=False` (a rate, a weighted average, a placeholder)."""
    registered = ind.all_indicators()
    assert {i.code for i in additive()} | {i.code for i in registered if not i.additive} == {
        i.code for i in registered
    }
    assert len(additive()) >= 40  # every area's figures, the survey's and the estate's included


def additive() -> list[ind.Indicator]:
    return [indicator for indicator in ind.all_indicators() if indicator.additive]


PERIODS = st.one_of(
    st.builds(dict, year=st.sampled_from([YEAR - 1, YEAR])),
    st.builds(dict, at=st.dates(date(YEAR - 1, 1, 1), date(YEAR + 1, 12, 31))),
)


@pytest.mark.django_db
@settings(
    max_examples=6,
    deadline=None,
    database=None,
    derandomize=True,  # the same examples on every run: no flaky test on a shared machine
    phases=[Phase.explicit, Phase.generate],  # no shrinking: minutes of worlds built again on failure
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rng=st.randoms(use_true_random=False), periods=st.lists(PERIODS, min_size=1, max_size=3))
def test_records_and_groups_add_up_to_the_value(rng, periods):
    """Property: on any generated world, for every registered additive indicator and period."""
    with transaction.atomic():
        build(rng)
        for indicator in additive():
            for arguments in periods:
                assert_adds_up(indicator, indicator.period(**arguments))
        transaction.set_rollback(True)  # the next example starts from an empty world


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 7, 42])
def test_the_seeded_worlds_give_records_to_check(seed):
    """The generated worlds are not empty: the property above checks records, not zeros."""
    build(seed)
    with_records = [
        indicator.code for indicator in additive() if assert_adds_up(indicator, indicator.period(year=YEAR))
    ]
    assert len(with_records) >= len(additive()) // 2, with_records


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["value", "dropped", "doubled"])
def test_the_property_fails_when_an_indicators_records_are_tampered_with(monkeypatch, tamper):
    """The check can fail: one indicator whose records no longer match its value is caught."""
    build(1)
    indicator = ind.get("programmes.funds_raised")
    period = indicator.period(year=YEAR)
    assert assert_adds_up(indicator, period)
    compute = indicator.compute

    def tampered(period, by=None):
        result = compute(period, by)
        records = list(result.records)
        if tamper == "value":
            records[0] = replace(records[0], value=records[0].value + 1)
        elif tamper == "dropped":
            records = records[1:]
        else:
            records = [*records, records[0]]
        result.records = Tampered(records)
        return result

    monkeypatch.setitem(ind._registry, indicator.code, replace(indicator, compute=tampered))
    with pytest.raises(AssertionError):
        assert_adds_up(ind.get(indicator.code), period)


class Tampered(list):
    def count(self) -> int:
        return len(self)


@pytest.mark.django_db
def test_pages_of_records_cover_every_record_once():
    build(3)
    indicator = ind.get("programmes.funds_raised_since_founding")
    records = indicator.evaluate(indicator.period(year=YEAR)).records
    every = list(records)
    paged = [record for start in range(0, len(every) + 3, 3) for record in records[start : start + 3]]
    assert [(r.type, r.id) for r in paged] == [(r.type, r.id) for r in every]


@pytest.mark.django_db
def test_a_breakdown_the_indicator_lacks_is_refused():
    indicator = ind.get("partnering.meetings_held")
    with pytest.raises(ValueError):
        indicator.evaluate(indicator.period(year=YEAR), ind.BY_CAMPUS)
