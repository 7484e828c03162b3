"""The browser journey of the issue: two participants register, one requests a meeting, the
other accepts, staff run the scheduler, both see the meeting in their agenda and download the ICS."""

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from biocluster.partnering.models import Meeting, Profile
from biocluster.partnering.tests.factories import EventFactory, setup_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person_of(email: str, organisation: str, kind: str):
    user = UserFactory(email=email)
    AffiliationFactory(
        person=PersonFactory(user=user),
        organisation=OrganisationFactory(name=organisation, kind=kind),
        role="CEO",
    )
    return user


def register(page, event) -> None:
    page.goto(f"/events/{event.pk}/register/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("registered")


def test_register_request_accept_schedule_and_download_the_agenda(browser_as, tmp_path, staff_user):
    event = setup_event(EventFactory(title_en="BIO Convention"), tables=1)
    company = person_of("ceo@synsight.example", "Synsight", "sme")
    investor = person_of("partner@astellas.example", "Astellas Ventures", "investor")

    # Both register on the event's page: their partnering profiles come from the directory.
    first = browser_as(company)
    register(first, event)
    second = browser_as(investor)
    register(second, event)
    assert Profile.objects.filter(event=event).count() == 2

    # The company finds the investor among the participants and asks for a meeting.
    first.goto("/partnering/")
    first.get_by_role("link", name="BIO Convention").click()
    first.get_by_role("link", name="Participants").first.click()
    first.locator("input[name=q]").fill("Astellas")
    first.locator("main form[role=search] button[type=submit]").click()
    first.get_by_role("link", name=investor.get_full_name()).click()
    first.locator("textarea[name=message]").fill("Our series A: 20 minutes?")
    first.locator("select[name=priority]").select_option("3")
    first.get_by_role("button", name="Send the request").click()
    expect(first.locator(".messages")).to_contain_text("Meeting request sent")

    # The investor accepts it.
    second.goto(f"/partnering/events/{event.pk}/requests/")
    second.get_by_role("link", name="Synsight").click()
    second.get_by_role("button", name="Accept").click()
    expect(second.locator(".status")).to_have_text("Accepted")
    meeting = Meeting.objects.get(event=event)
    assert meeting.slot is None  # accepted, waiting for the scheduler

    # Staff run the scheduler and see the result.
    staff = browser_as(staff_user)
    staff.goto(f"/partnering/events/{event.pk}/manage/")
    staff.get_by_role("button", name="Run the scheduler").click()
    expect(staff.locator("#run-progress .status")).to_have_text("Done")
    expect(staff.locator(".placed")).to_have_text("1 / 1")
    meeting.refresh_from_db()
    assert meeting.slot is not None

    # Both see the meeting in their agenda and download the calendar with its UID.
    for page, other in ((first, "Astellas Ventures"), (second, "Synsight")):
        page.goto(f"/partnering/events/{event.pk}/")
        page.get_by_role("link", name="My agenda").click()
        expect(page.locator("table.agenda")).to_contain_text(other)
        expect(page.locator("table.agenda .other-zone").first).to_contain_text("your time")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download the calendar (ICS)").click()
        path = tmp_path / f"{other}.ics"
        download.value.save_as(path)
        (vevent,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert str(vevent["UID"]) == meeting.uid
        assert other in str(vevent["SUMMARY"])
