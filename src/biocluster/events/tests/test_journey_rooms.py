"""Browser journey (issue #14, rooms): events reserve their rooms through the booking engine, so
a session and a private booking never take the same room at the same time. Staff put a session
in the auditorium; a member trying to book the auditorium then is refused with the session
named; staff move the session and the member books the slot it freed."""

import pytest
from playwright.sync_api import expect

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.events.models import Session
from biocluster.events.tests.factories import EventFactory, RoomFactory
from biocluster.platforms.models import Booking, BookingKind, BookingStatus
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import InstrumentFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def book(page, room, day, start, end):
    page.goto(f"/platforms/instruments/{room.pk}/book/?date={day.isoformat()}")
    page.locator("#id_start_time").fill(start)
    page.locator("#id_end_time").fill(end)
    # The price estimate reloads 400 ms after typing (htmx): book once it has, not during it (the
    # journey once stayed on the form for 20 s, under the whole suite's load).
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Book").click()


def session_times(page, day, start, end):
    page.locator("#id_starts_at").fill(f"{day.isoformat()}T{start}")
    page.locator("#id_ends_at").fill(f"{day.isoformat()}T{end}")


def test_a_session_holds_the_auditorium_and_frees_it_when_moved(browser_as):
    day = next_weekday(2)  # a Wednesday ahead: the server's clock decides what is bookable
    resource = InstrumentFactory(
        name="Auditorium", requires_qualification=False, requires_check_in=False, max_minutes=720
    )
    auditorium = RoomFactory(name="Auditorium", seats=700, resource=resource)
    event = EventFactory(title_en="Synbio day", starts_at=local(day, 9), ends_at=local(day, 18))
    staff = UserFactory(email="comms@example.org", first_name="Chloé", last_name="Martin")
    grant_role(actor=None, user=staff, role=Role.STAFF, department=Department.COMMUNICATION)
    member = member_of(OrganisationFactory(name="Abolis", kind="startup"), email="member@example.org")

    desk = browser_as(staff)
    desk.goto(f"/events/{event.pk}/sessions/new/")
    desk.locator("#id_title_en").fill("Company pitches")
    session_times(desk, day, "10:00", "12:00")
    desk.locator("#id_room").select_option(str(auditorium.pk))
    desk.get_by_role("button", name="Add", exact=True).click()
    desk.wait_for_url(lambda url: "/sessions/new/" not in url)
    held = Session.objects.get().booking
    assert (held.instrument_id, held.kind, held.status) == (
        resource.pk,
        BookingKind.EVENT,
        BookingStatus.CONFIRMED,
    )

    visitor = browser_as(member)
    book(visitor, resource, day, "10:30", "11:30")
    refusal = visitor.locator(".refusal")
    expect(refusal).to_contain_text(
        "held for the event session \u201cCompany pitches \u2014 Synbio day\u201d"
    )
    assert not Booking.objects.filter(user=member).exists()

    desk.goto(f"/events/sessions/{Session.objects.get().pk}/edit/")
    session_times(desk, day, "14:00", "16:00")
    desk.get_by_role("button", name="Add", exact=True).click()
    desk.wait_for_url(lambda url: "/edit/" not in url)
    assert Booking.objects.get(pk=held.pk).start == local(day, 14)

    book(visitor, resource, day, "10:30", "11:30")
    expect(visitor.locator(".status")).to_have_text("Confirmed")
    mine = Booking.objects.get(user=member)
    assert (mine.start, mine.end, mine.instrument_id) == (local(day, 10, 30), local(day, 11, 30), resource.pk)
