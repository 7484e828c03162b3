"""A browser journey: an Entreprises staff member records a decision, the company appears on the
public list; later it moves away, which the register shows with its history; a visitor filters the list."""

import pytest
from playwright.sync_api import expect

from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_decide_list_move_away_and_filter(browser_as, entreprises_staff, pick):
    OrganisationFactory(name="Journey Biologics")
    page = browser_as(entreprises_staff)
    page.goto("/accreditation/manage/")
    page.get_by_role("button", name="Record a decision").click()
    # The company is searched as one types (a picker, not a menu of every organisation).
    pick(page, "Company", "journey", "Journey Biologics")
    page.get_by_label("Decision date").fill("2012-03-04")
    page.locator("#id_decision").select_option("accepted")
    page.get_by_label("Committee notes").fill("Promising gene therapy vector.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Journey Biologics")
    expect(page.locator("dd.notes")).to_have_text("Promising gene therapy vector.")

    page.get_by_role("button", name="Change the status").click()
    page.get_by_label("Status").select_option("moved_away")
    page.get_by_label("Since").fill("2011-01-01")  # before the decision: refused on the field
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("cannot start before the accreditation decision")).to_be_visible()
    page.get_by_label("Since").fill("2018-09-10")
    page.get_by_label("Note").fill("Moved to Lyon.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".statuses")).to_contain_text("Moved away")
    expect(page.locator(".history")).to_contain_text("changed the status")

    # A visitor sees the company on the public list, without the committee's notes, and filters it.
    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    page.goto("/accreditation/")
    expect(page.locator("table.register")).to_contain_text("Journey Biologics")
    expect(page.locator(".chart svg")).to_be_visible()
    page.get_by_label("Status").select_option("closed")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.register")).not_to_contain_text("Journey Biologics")
    page.get_by_label("Status").select_option("moved_away")
    page.get_by_label("Year").fill("2012")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.register")).to_contain_text("Journey Biologics")
    page.get_by_role("link", name="Journey Biologics").click()
    expect(page.get_by_text("Promising gene therapy vector.")).to_have_count(0)
