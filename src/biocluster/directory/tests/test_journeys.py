"""Browser journeys through the directory, as a visitor and as staff."""

import re

import pytest
from playwright.sync_api import expect

from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_opens_an_organisation_and_switches_to_french(page):
    OrganisationFactory(
        name="Cellis Therapeutics",
        description_en="Gene therapy vectors for rare diseases.",
        description_fr="Vecteurs de thérapie génique pour les maladies rares.",
    )
    OrganisationFactory(name="Hidden Bio", is_listed=False, description_en="Gene therapy as well.")
    OrganisationFactory(name="Plain Logistics", description_en="Transport.")

    page.goto("/directory/")
    page.get_by_role("searchbox", name="Search").fill("gene therapy")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Cellis Therapeutics")).to_be_visible()
    expect(results).not_to_contain_text("Plain Logistics")
    expect(results).not_to_contain_text("Hidden Bio")
    expect(page).to_have_url(re.compile(r"q=gene"))

    results.get_by_role("link", name="Cellis Therapeutics").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cellis Therapeutics")
    expect(page.locator(".description")).to_contain_text("Gene therapy vectors")

    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".description")).to_contain_text("Vecteurs de thérapie génique")
    expect(page.get_by_role("link", name="Annuaire")).to_be_visible()
