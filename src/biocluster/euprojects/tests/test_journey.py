"""A browser journey: the project's coordinator opens the project from the list and moves a
deliverable through review to submitted, each step dated and signed."""

import pytest
from playwright.sync_api import expect

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from biocluster.euprojects import services

from .factories import ParticipantFactory, ProjectFactory, WorkPackageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_moves_a_deliverable_through_review_to_submitted(browser_as):
    coordinator = OrganisationFactory(name="Tartu Journey Park", kind="cluster", country="EE")
    user = UserFactory(email="kadri@example.org", first_name="Kadri", last_name="Tamm")
    AffiliationFactory(person=PersonFactory(user=user), organisation=coordinator, role="Project manager")
    project = ProjectFactory(acronym="JOURNEY", title="A journey through the review chain")
    ParticipantFactory(project=project, organisation=OrganisationFactory(name="Genopole"), is_cluster=True)
    ParticipantFactory(project=project, organisation=coordinator, role="coordinator")
    wp = WorkPackageFactory(project=project, number=2, title="Market intelligence", leader=coordinator)
    services.add_deliverable(
        actor=user,
        project=project,
        work_package=wp,
        number="D2.1",
        title="Report on target markets",
        due_month=6,
        owner=coordinator,
    )

    page = browser_as(user)
    page.goto("/euprojects/")
    page.get_by_role("link", name="JOURNEY").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("JOURNEY")
    row = page.locator("tr.deliverable", has_text="D2.1")
    expect(row.locator(".status")).to_have_text("Draft")
    for status in ("In review", "Final", "Submitted"):
        row.get_by_label("Move to").select_option(label=status)
        row.get_by_role("button", name="Move").click()
        expect(page.locator(".messages")).to_contain_text(f"D2.1 is now “{status}”.")
        row = page.locator("tr.deliverable", has_text="D2.1")
        expect(row.locator(".status")).to_have_text(status)
    steps = row.locator(".steps li")
    expect(steps).to_have_count(4)
    expect(steps.nth(3)).to_contain_text("Submitted")
    expect(steps.nth(3)).to_contain_text("Kadri Tamm")
    expect(row.get_by_role("button", name="Move")).to_have_count(1)  # on to accepted, or back to review
