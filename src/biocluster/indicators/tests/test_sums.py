"""For every registered additive indicator, on generated records: the records add up exactly
to the value, and the groups of every breakdown that partitions them add up to it too."""

from datetime import date

import pytest

from biocluster.core import indicators as ind

from .world import YEAR, build

ADDITIVE = [indicator for indicator in ind.all_indicators() if indicator.additive]


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


def _partitioning(indicator, source_groups) -> list[str]:
    return [
        by
        for by in indicator.breakdowns
        if by == ind.BY_YEAR or source_groups.get(by, ind.Group("")).partition
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 7, 42])
def test_records_and_groups_add_up_to_the_value(seed):
    build(seed)
    checked = 0
    for indicator in ADDITIVE:
        for arguments in ({"year": YEAR}, {"year": YEAR - 1}, {"at": date(YEAR, 6, 30)}):
            period = indicator.period(**arguments)
            result = indicator.evaluate(period)
            records = list(result.records)
            assert sum(record.value for record in records) == result.value, (indicator.code, arguments)
            assert len(records) == result.records.count()
            assert all(period.contains(record.date) for record in records if period.start), indicator.code
            for by in indicator.breakdowns:
                groups = indicator.evaluate(period, by).groups
                assert sum(groups.values()) == result.value, (indicator.code, by)
            checked += bool(records)
    assert checked, "the generated world gave no records at all"


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
