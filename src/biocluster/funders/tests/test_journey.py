"""A browser journey: staff open a funder contract's dashboard from the menu, see an objective at
risk this year beside one met last year, open the records behind a figure's year and download
the contract's report as a PDF."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .factories import ContractFactory, InstalmentFactory, ObjectiveFactory, TargetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_see_an_objective_at_risk_and_download_the_pdf(browser_as, staff_user, registered):
    year = timezone.localdate().year  # the server's year: this year's target is prorated to today
    registered("journey.figure", {year - 1: 12, year: 0})
    contract = ContractFactory(
        title="Contrat d'objectifs Région", reference="IDF-JOURNEY", start_year=year - 1, end_year=year + 1
    )
    objective = ObjectiveFactory(
        contract=contract, number=1, title_en="Create a biofoundry", title_fr="Créer une biofonderie"
    )
    for each in (year - 1, year, year + 1):
        TargetFactory(objective=objective, indicator="journey.figure", year=each, value=Decimal(10))
    InstalmentFactory(contract=contract, expected_on=timezone.localdate().replace(year=year - 1), amount=1000)

    page = browser_as(staff_user)
    page.goto("/")
    page.get_by_role("link", name="Funder contracts").first.click()
    page.get_by_role("link", name="Contrat d'objectifs Région").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contrat d'objectifs Région")
    card = page.locator("#objective-1")
    expect(card).to_contain_text("Create a biofoundry")
    expect(card.locator("tr", has_text=str(year - 1)).first).to_contain_text("met")
    expect(card.locator("tr", has_text=str(year)).first).to_contain_text("at risk")
    expect(page.locator("#instalments")).to_contain_text("overdue")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the report (PDF)").click()
    assert download.value.suggested_filename == "idf-journey.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    card.get_by_role("link", name="12").click()  # last year's value: its drill-down
    expect(page.get_by_role("heading", level=1)).to_have_text("Test figure journey.figure")
