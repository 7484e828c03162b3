"""A browser journey: a visitor takes the last place of an event, a second lands on the waiting list,
staff check the first in by typing the badge code, and checking in twice is harmless."""

import pytest
from playwright.sync_api import expect

from biocluster.events.models import Registration
from biocluster.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register(page, title: str) -> None:
    page.goto("/events/")
    page.get_by_role("link", name=title).click()
    page.get_by_role("button", name="Register").click()  # a link styled as a button
    expect(page.get_by_role("heading", level=1)).to_have_text("Register")
    page.get_by_role("button", name="Register").click()


def test_last_place_waiting_list_and_check_in(browser_as, member, organisation_administrator, staff_user):
    event = EventFactory(title_en="Genome editing morning", capacity=2)
    RegistrationFactory(event=event)  # one place left

    first = browser_as(member)
    register(first, "Genome editing morning")
    expect(first.get_by_text("You are registered: Confirmed")).to_be_visible()
    expect(first.get_by_role("link", name="Your badge (PDF)")).to_be_visible()
    # A second visitor takes no place: the event is full, they land on the waiting list.

    second = browser_as(organisation_administrator)
    register(second, "Genome editing morning")
    expect(second.get_by_text("you are on the waiting list").first).to_be_visible()
    expect(second.get_by_text("You are registered: On the waiting list")).to_be_visible()

    token = Registration.objects.get(event=event, user=member).badge_token
    desk = browser_as(staff_user)
    desk.goto(f"/events/{event.pk}/")
    desk.get_by_role("button", name="Check-in").click()
    desk.get_by_label("Badge code").fill(token)
    desk.get_by_role("button", name="Check in").click()
    expect(desk.get_by_text("is checked in.")).to_be_visible()
    expect(desk.get_by_text("1 checked in of 2 confirmed.")).to_be_visible()
    desk.get_by_label("Badge code").fill(token)
    desk.get_by_role("button", name="Check in").click()
    expect(desk.get_by_text("was already checked in.")).to_be_visible()
    expect(desk.get_by_text("1 checked in of 2 confirmed.")).to_be_visible()
    assert Registration.objects.get(event=event, user=organisation_administrator).checked_in_at is None
