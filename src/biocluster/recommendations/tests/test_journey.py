"""The browser journey of the issue: a partnering participant sees "Suggested for you" on their
event's page, declines one suggestion (it disappears and stays gone), and requests a meeting
with another in one click."""

import pytest
from playwright.sync_api import expect

from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.partnering.models import MeetingRequest
from biocluster.partnering.tests.factories import EventFactory, participant, setup_event
from biocluster.recommendations import services
from biocluster.recommendations.models import Decline

from .conftest import link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_suggested_for_you_decline_one_and_request_another(browser_as):
    event = setup_event(EventFactory(title_en="BIO Convention"), tables=1)
    me = participant(event, organisation__name="Synsight", organisation__kind="sme")
    merck = participant(event, organisation__name="Merck", organisation__kind="large_company")
    astellas = participant(event, organisation__name="Astellas Ventures", organisation__kind="investor")
    # Both share a partner with Synsight: the model suggests them, with that reason.
    hub = OrganisationFactory(name="Genopole Hub", kind="cluster")
    for profile in (me, merck, astellas):
        link(profile.registration.organisation, hub)
    services.start_build(actor=None)  # committed at once: the worker runs it
    user = me.registration.user

    page = browser_as(user)
    page.goto(f"/partnering/events/{event.pk}/")
    section = page.locator("#suggestions")
    expect(section.get_by_role("heading", name="Suggested for you")).to_be_visible()
    expect(section.locator(".suggestion")).to_have_count(2)
    expect(section).to_contain_text("1 shared partner: Genopole Hub")

    # Not interested in Merck: it goes, and stays gone on the next visit.
    merck_row = section.locator(".suggestion", has_text="Merck")
    decline = merck_row.get_by_role("button", name="Not interested")
    # An inline form's button keeps its own width (Pico stretched it across the row).
    assert decline.bounding_box()["width"] < merck_row.bounding_box()["width"] / 2
    decline.click()
    expect(section.locator(".suggestion", has_text="Merck")).to_have_count(0)
    expect(section).to_contain_text("will not be shown to you again")
    assert Decline.objects.filter(user=user, candidate=merck.registration.organisation).exists()
    page.reload()
    expect(page.locator("#suggestions .suggestion")).to_have_count(1)
    expect(page.locator("#suggestions")).not_to_contain_text("Merck")

    # One click asks Astellas Ventures for a meeting, through partnering's own service.
    page.locator("#suggestions .suggestion", has_text="Astellas").get_by_role(
        "button", name="Request a meeting"
    ).click()
    expect(page.locator("#suggestions")).to_contain_text("Meeting request sent")
    request = MeetingRequest.objects.get(sender=me)
    assert request.recipient == astellas and request.status == "pending"
    # Asked: no longer a suggestion to act on.
    expect(page.locator("#suggestions .suggestion")).to_have_count(0)
