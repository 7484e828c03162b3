"""A browser journey: a company's administrator finds the survey on their home page, confirms the values
prefilled from last year's validated answers, completes the rest and submits; staff find the response
to validate on their home page and validate it."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from biocluster.survey import services

from .factories import CampaignFactory, ResponseFactory, answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_company_answers_from_prefilled_values_and_staff_validate(
    browser_as, organisation_administrator, member_organisation, staff_user
):
    last_year = CampaignFactory(year=2024, state="closed", deadline="2025-03-31")
    validated = ResponseFactory(campaign=last_year, organisation=member_organisation, state="validated")
    answer(validated, "headcount", 14)
    answer(validated, "sales", Decimal("120000"))
    campaign = CampaignFactory(year=2025, state="draft")
    response = ResponseFactory(campaign=campaign, organisation=member_organisation)
    services.open_campaign(actor=staff_user, campaign=campaign)

    page = browser_as(organisation_administrator)
    page.goto("/")
    page.locator(".todo-list li", has_text="Survey answers to give").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Company survey 2025")
    expect(page.get_by_label("Headcount at 31 December")).to_have_value("14")
    expect(page.locator("[data-question=headcount] .prefilled")).to_contain_text(
        "Last year's validated answer"
    )
    expect(page.locator("#id_sales")).to_have_value("120000.00")
    page.get_by_label("R&D staff at 31 December").fill("6")
    page.get_by_label("Export sales of the year (EUR)").fill("-5")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("[data-question=export_sales] .errors")).to_have_text("Cannot be negative.")
    page.get_by_label("Export sales of the year (EUR)").fill("30000")
    page.get_by_label("Funds raised during the year (EUR)").fill("0")
    page.get_by_label("Patents filed during the year").fill("0")
    page.locator("[data-question=new_products]").get_by_label("Yes").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".response-state")).to_have_text("Submitted")
    expect(page.get_by_role("button", name="Submit")).to_have_count(0)

    staff = browser_as(staff_user)
    staff.goto("/")
    staff.locator(".todo-list li", has_text="Survey answers to validate").get_by_role("link").click()
    expect(staff.locator("#survey-progress [data-state=submitted]")).to_contain_text("1")
    staff.get_by_role("link", name="Member Bio").click()
    expect(staff.get_by_label("R&D staff at 31 December")).to_have_value("6")
    staff.get_by_role("button", name="Validate", exact=True).click()
    expect(staff.locator("#survey-progress [data-state=validated]")).to_contain_text("1")
    response.refresh_from_db()
    assert response.state == "validated"
    assert services.response_rate(campaign) == 1.0
