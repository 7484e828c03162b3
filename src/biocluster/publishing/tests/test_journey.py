"""Browser journeys: staff freeze the last full year, publish it, write a section and download
the report in French; a visitor opens a public figure and sees that it is published.

The year is the last full one by the server's clock, and the records are dated in it: the
journeys hold whatever the day they run."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from biocluster.publishing import services

from .factories import on_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_freeze_the_year_and_download_the_report_in_french(browser_as, staff_user):
    year = timezone.localdate().year - 1
    on_site("Journey Genomics", year=year)
    on_site("Route Biologics", year=year)

    page = browser_as(staff_user)
    page.goto("/")
    page.get_by_role("link", name="Snapshots").first.click()
    page.get_by_label("Year").fill(str(year))
    page.get_by_role("button", name="Freeze the year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Snapshot {year}")
    expect(page.locator("table.frozen")).to_contain_text("Companies on site")
    page.get_by_role("button", name="Publish the figures").click()
    expect(page.locator("mark.published")).to_be_visible()

    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Title (English)").fill("Our companies")
    page.get_by_label("Title (French)").fill("Nos entreprises")
    page.get_by_label("Text (French)").fill("Deux entreprises se sont installées sur le campus.")
    page.get_by_label("Companies on site").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#sections + ol")).to_contain_text("Our companies")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the report in French").click()
    assert download.value.suggested_filename == f"rapport-annuel-{year}-fr.pdf"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF") and b"/Lang(fr)" in content


def test_a_visitor_opens_a_public_figure_and_sees_it_is_published(page, staff_user):
    year = timezone.localdate().year - 1
    on_site("Visible Therapeutics", year=year)
    snapshot = services.freeze(actor=staff_user, year=year)
    services.publish(actor=staff_user, snapshot=snapshot)
    on_site("Arrived Later", year=year)  # after the freeze: not in the published figure

    page.goto("/")
    page.get_by_role("link", name="Key figures").first.click()
    expect(page.locator("p.lead")).to_have_text(f"At the end of December {year}:")
    page.get_by_role("link", name="1 Companies on site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Companies on site")
    expect(page.locator("mark.published")).to_contain_text("Published on")
    records = page.locator("table.records")
    expect(records).to_contain_text("Visible Therapeutics")
    expect(records).not_to_contain_text("Arrived Later")
