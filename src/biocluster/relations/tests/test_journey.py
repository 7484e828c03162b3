"""A browser journey: a staff member opens an organisation, logs a meeting with one of its people,
adds a follow-up task due tomorrow, finds it on their home page and marks it done."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_a_meeting_add_a_follow_up_and_mark_it_done(browser_as, staff_user):
    organisation = OrganisationFactory(name="Journey Therapeutics")
    person = PersonFactory(first_name="Anaïs", last_name="Béranger")
    AffiliationFactory(person=person, organisation=organisation, role="CEO")
    today = timezone.localdate()  # the server's date: the meeting is today, the task due tomorrow
    tomorrow = today + datetime.timedelta(days=1)

    page = browser_as(staff_user)
    page.goto(f"/directory/organisations/{organisation.pk}/")
    section = page.locator("#relations")
    section.get_by_role("button", name="Log an interaction").click()
    section.get_by_label("Kind").select_option("meeting")
    section.get_by_label("Date").fill(today.isoformat())
    section.get_by_label("Anaïs Béranger").check()
    section.get_by_label("Notes").fill("Looking for a 50 m² lab on the campus.")
    page.get_by_role("button", name="Save").click()
    expect(section.locator(".interactions")).to_contain_text("Looking for a 50 m² lab on the campus.")
    expect(section.locator(".interactions")).to_contain_text("Anaïs Béranger")

    section.get_by_role("link", name="Add a follow-up", exact=True).click()
    page.get_by_label("What is to be done").fill("Send the lab offer")
    page.get_by_label("Due date").fill(tomorrow.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(section.locator(".tasks")).to_contain_text("Send the lab offer")
    expect(section.locator(".tasks")).to_contain_text("following Meeting")

    page.goto("/")
    todo = page.locator(".todo-list li", has_text="Send the lab offer")
    expect(todo).to_contain_text("Journey Therapeutics")
    todo.get_by_role("link").click()
    task = page.locator("#relations .tasks li", has_text="Send the lab offer")
    task.get_by_role("button", name="Mark done").click()
    expect(page.locator("#relations .tasks li.done")).to_contain_text("Send the lab offer")

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".todo-list li", has_text="Send the lab offer")).to_have_count(0)


def test_save_the_filtered_directory_as_a_segment_and_read_its_count(browser_as, staff_user):
    startup = OrganisationFactory(name="Segment Start-up", kind="startup")
    AffiliationFactory(organisation=startup, person=PersonFactory(contact_consent=True))
    AffiliationFactory(organisation=startup, person=PersonFactory(contact_consent=False))
    OrganisationFactory(name="Segment University", kind="university")

    page = browser_as(staff_user)
    page.goto("/directory/")
    page.locator("#facets").get_by_label("Start-up").check()  # htmx redraws the results and the address
    page.wait_for_url("**/directory/?*kind=startup*")
    page.get_by_role("button", name="Save as segment").click()
    expect(page.locator(".segment-filters")).to_have_text("KindStart-up")
    page.get_by_label("Name").fill("Start-ups to invite")
    page.get_by_label("Shared with the staff").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start-ups to invite")
    expect(page.locator(".segment-count")).to_contain_text("1 contact consented")
    expect(page.locator(".segment-count")).to_contain_text("1 person did not consent")
    expect(page.get_by_role("button", name="Export 1 contact (CSV)")).to_be_visible()
