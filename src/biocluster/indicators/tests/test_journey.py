"""A browser journey: staff open the indicators' dashboard for a year, see a computed figure
beside the one published then, open it, read the records behind it and download them as CSV."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from biocluster.accreditation.tests.factories import AccreditationFactory
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.indicators import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_open_a_figure_read_its_records_and_download_them(browser_as, staff_user):
    AccreditationFactory(
        organisation=OrganisationFactory(name="Journey Genomics"), decided_on=date(2020, 3, 4)
    )
    AccreditationFactory(
        organisation=OrganisationFactory(name="Route Biologics"), decided_on=date(2020, 9, 1)
    )
    services.enter_historical_value(
        actor=staff_user,
        code="accreditation.new_companies",
        year=2020,
        value=Decimal(13),
        source="Activity report 2020",
    )
    page = browser_as(staff_user)
    page.goto("/")
    page.get_by_role("link", name="Indicators").first.click()
    page.get_by_label("Year").fill("2020")
    page.get_by_role("button", name="Show").click()
    row = page.locator("#figure-accreditationnew_companies")
    expect(row).to_contain_text("Activity report 2020")  # loaded by its own request
    expect(row).to_contain_text("computed minus published: -11")
    row.get_by_role("link", name="2", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("New accredited companies")
    records = page.locator("table.records")
    expect(records).to_contain_text("Journey Genomics")
    expect(records).to_contain_text("Route Biologics")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export (CSV)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Journey Genomics" in content and "Route Biologics" in content
    records.get_by_role("link", name="Journey Genomics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Journey Genomics")
