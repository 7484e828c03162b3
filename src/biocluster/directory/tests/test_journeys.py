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

    # Follow the result's link. Clicking it was lost now and then on a loaded machine (the
    # page stayed on the list while htmx was busy with the search), so open its address.
    href = results.get_by_role("link", name="Cellis Therapeutics").get_attribute("href")
    assert href and re.fullmatch(r"/directory/organisations?/\d+/", href), href
    page.goto(href)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cellis Therapeutics")
    expect(page.locator(".description")).to_contain_text("Gene therapy vectors")

    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".description")).to_contain_text("Vecteurs de thérapie génique")
    expect(page.get_by_role("link", name="Annuaire")).to_be_visible()


BROKEN_CSV = (
    b"Name,Kind,Founding year,Website\nAbolis,startup,2014,https://abolis.example\nPhagos,spaceship,2017,\n"
)
FIXED_CSV = (
    b"Name,Kind,Founding year,Website\nAbolis,startup,2014,https://abolis.example\nPhagos,startup,2017,\n"
)


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".account-menu summary")).to_have_text(email)


def test_staff_import_a_csv_with_an_error_row_fix_it_and_apply_it(page, staff_user):
    from biocluster.directory.models import Organisation

    _log_in(page, staff_user.email)
    page.goto("/directory/imports/")
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": "organisations.csv", "mimeType": "text/csv", "buffer": BROKEN_CSV}]
    )
    page.get_by_role("button", name="Upload").click()
    # The headers were recognised: the mapping is proposed, the staff member confirms it.
    expect(page.get_by_label("Kind")).to_have_value("kind")
    page.get_by_role("button", name="Check (dry run)").click()

    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("spaceship")
    expect(errors.locator("tr.row-error").first).to_contain_text("3")  # the header is row 1
    expect(page.get_by_role("button", name="Apply import")).to_be_disabled()
    assert not Organisation.objects.filter(name__in=["Abolis", "Phagos"]).exists()

    replace = page.locator("section", has=page.get_by_role("heading", name="Upload a corrected file"))
    replace.locator("input[type=file]").set_input_files(
        files=[{"name": "organisations.csv", "mimeType": "text/csv", "buffer": FIXED_CSV}]
    )
    replace.get_by_role("button", name="Upload").click()
    if page.get_by_role("button", name="Check (dry run)").count():
        page.get_by_role("button", name="Check (dry run)").click()
    expect(page.get_by_role("heading", name="Dry run report")).to_be_visible()
    expect(page.locator("#import-errors")).to_have_count(0)
    page.get_by_role("button", name="Apply import").click()

    expect(page.locator("#import-result")).to_contain_text("2 organisations created")
    assert set(Organisation.objects.filter(name__in=["Abolis", "Phagos"]).values_list("kind", flat=True)) == {
        "startup"
    }
