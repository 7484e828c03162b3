"""The survey's indicators: version 2 of the placeholders, the validated answers as records, the
campaign's response rate on each value, and the indicators' dashboard showing it."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from biocluster.core import indicators as ind

from .factories import CampaignFactory, ResponseFactory, answer, people_on_site_2025

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    campaign = CampaignFactory(year=2025, state="closed")
    first = ResponseFactory(campaign=campaign, state="validated")
    answer(first, "sales", Decimal("1000000"))
    answer(first, "headcount", 12)
    second = ResponseFactory(campaign=campaign, state="validated")
    answer(second, "sales", Decimal("0"))
    answer(second, "headcount", 3)
    submitted = ResponseFactory(campaign=campaign, state="submitted")  # not validated: not counted
    answer(submitted, "sales", Decimal("999"))
    ResponseFactory(campaign=campaign)  # never answered
    other_year = ResponseFactory(
        campaign=CampaignFactory(year=2024, deadline="2025-03-31"), state="validated"
    )
    answer(other_year, "sales", Decimal("5"))
    return first, second


def test_the_placeholders_are_replaced_by_version_2():
    for code in ("survey.sales", "survey.export_sales"):
        indicator = ind.get(code)
        assert indicator.version == 2 and indicator.additive
    codes = {i.code for i in ind.all_indicators()}
    assert {
        "survey.companies_with_sales",
        "survey.headcount",
        "survey.rd_staff",
        "survey.funds_raised",
    } <= codes


def test_values_are_the_validated_answers_with_the_response_rate(answered):
    first, _second = answered
    sales = ind.get("survey.sales")
    result = sales.evaluate(sales.period(year=2025))
    assert result.value == Decimal("1000000")
    assert result.provenance == ind.VALIDATED
    assert result.response_rate == 0.5  # 2 validated of 4 asked
    records = list(result.records)
    assert sum(record.value for record in records) == result.value
    assert {record.date for record in records} == {date(2025, 12, 31)}
    assert reverse("survey:response_detail", args=[first.pk]) in {record.url for record in records}

    headcount = ind.get("survey.headcount")
    assert headcount.evaluate(headcount.period(year=2025)).value == 15
    with_sales = ind.get("survey.companies_with_sales")
    counted = with_sales.evaluate(with_sales.period(year=2025))
    assert counted.value == 1 and [r.organisation_id for r in counted.records] == [first.organisation_id]
    groups = sales.evaluate(sales.period(year=2025), ind.BY_ORGANISATION_KIND).groups
    assert sum(groups.values()) == result.value


def test_the_dashboard_and_the_api_show_the_response_rate(client, staff_user, answered):
    client.force_login(staff_user)
    row = client.get(reverse("indicators:figure_row", args=["survey.sales"]), {"year": 2025}).content.decode()
    assert "validated by staff" in row and "response rate 50.0%" in row
    body = client.get("/api/indicators/survey.sales", {"year": 2025}).json()
    assert (
        body["provenance"] == "validated" and body["response_rate"] == 0.5 and body["definition_version"] == 2
    )


@pytest.fixture
def people():
    return people_on_site_2025()


def test_people_on_site_are_the_declared_headcounts_and_estimated_for_the_rest(people):
    indicator = ind.get("directory.people_on_site")
    assert indicator.version == 2 and indicator.additive
    result = indicator.evaluate(indicator.period(year=2025))  # 31 December 2025: the survey's date
    # Declared 12 + 0 (validated); estimated 5 (only submitted) + 7 (the directory's headcounts).
    assert result.value == 24
    assert result.provenance == ind.VALIDATED
    assert result.response_rate == 0.75  # 3 validated of the 4 companies asked
    assert result.estimated == 12
    records = list(result.records)
    assert sum(record.value for record in records) == result.value
    assert sorted((r.type, r.organisation, r.value) for r in records) == [
        ("directory.organisation", "Directory only", 7),
        ("directory.organisation", "Submitted only", 5),
        ("survey.answer", "Declared", 12),
        ("survey.answer", "Declared zero", 0),
    ]
    for by in indicator.breakdowns:
        assert sum(indicator.evaluate(indicator.period(year=2025), by).groups.values()) == 24, by

    mid_year = indicator.evaluate(indicator.period(at=date(2025, 5, 31)))  # no survey on that date
    assert mid_year.provenance == ind.ESTIMATED and mid_year.response_rate is None
    assert mid_year.value == 40 + 8 + 5 + 7 + 100 and mid_year.estimated is None
    assert {r.type for r in mid_year.records} == {"directory.organisation"}
    no_campaign = indicator.evaluate(indicator.period(year=2024))
    assert no_campaign.provenance == ind.ESTIMATED and no_campaign.value == 160


def test_the_dashboard_and_the_api_show_the_estimated_part(client, staff_user, people):
    client.force_login(staff_user)
    row = client.get(
        reverse("indicators:figure_row", args=["directory.people_on_site"]), {"year": 2025}
    ).content.decode()
    assert "validated by staff" in row and "response rate 75.0%" in row
    assert "of which estimated for the rest: 12" in row
    body = client.get("/api/indicators/directory.people_on_site", {"year": 2025}).json()
    assert (body["value"], body["provenance"], body["response_rate"], body["estimated"]) == (
        24,
        "validated",
        0.75,
        12,
    )
