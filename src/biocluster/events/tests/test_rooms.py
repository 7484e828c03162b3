"""Sessions hold their rooms through the platforms' booking engine: never two uses of a room at once."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.events import services
from biocluster.events.tests.factories import EventFactory, RoomFactory
from biocluster.platforms import services as platforms
from biocluster.platforms.models import Booking, BookingKind, BookingStatus
from biocluster.platforms.services import policy
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import InstrumentFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return next_weekday(2)


@pytest.fixture
def room_a(auditorium):
    resource = InstrumentFactory(
        platform=auditorium.resource.platform,
        name="Room A",
        requires_qualification=False,
        requires_check_in=False,
    )
    return RoomFactory(name="Room A", seats=80, resource=resource)


@pytest.fixture
def event(day):
    return EventFactory(title_en="Synbio day", starts_at=local(day, 9), ends_at=local(day, 18))


@pytest.fixture
def member(db):
    return member_of(OrganisationFactory(name="Abolis", kind="startup"), email="member@example.org")


def session(event, staff, room, start, end, title="Company pitches"):
    return services.add_session(
        event=event, actor=staff, title_en=title, starts_at=start, ends_at=end, room=room
    )


def private(member, room, start, end):
    return platforms.create_booking(actor=member, instrument=room.resource, start=start, end=end)


def test_a_session_in_a_bookable_room_holds_it(event, staff, auditorium, day):
    added = session(event, staff, auditorium, local(day, 10), local(day, 12))
    booking = added.booking
    assert (booking.instrument, booking.kind, booking.status) == (
        auditorium.resource,
        BookingKind.EVENT,
        BookingStatus.CONFIRMED,
    )
    assert (booking.start, booking.end) == (local(day, 10), local(day, 12))
    assert booking.purpose == "Company pitches — Synbio day"


def test_a_room_not_bookable_holds_nothing(event, staff, day):
    venue = RoomFactory(name="Hall B", building="San Diego Convention Center")
    assert session(event, staff, venue, local(day, 10), local(day, 12)).booking is None
    assert not Booking.objects.exists()


def test_a_private_booking_cannot_take_a_sessions_room(event, staff, auditorium, member, day):
    session(event, staff, auditorium, local(day, 10), local(day, 12))
    with pytest.raises(ValidationError) as refused:
        private(member, auditorium, local(day, 11), local(day, 13))
    assert policy.error_code(refused.value) == policy.CONFLICT
    assert "held for the event session “Company pitches — Synbio day”" in refused.value.messages[0]
    assert Booking.objects.filter(kind=BookingKind.BOOKING).count() == 0


def test_a_session_cannot_take_a_privately_booked_room(event, staff, auditorium, member, day):
    booked = private(member, auditorium, local(day, 11), local(day, 13))
    with pytest.raises(ValidationError) as refused:
        session(event, staff, auditorium, local(day, 10), local(day, 12))
    error = refused.value.error_dict["room"][0]
    assert error.code == policy.CONFLICT
    assert "Auditorium is booked" in refused.value.messages[0]
    assert policy.in_the_way(refused.value) == booked.pk
    assert not event.sessions.exists()  # nothing half-saved
    assert Booking.objects.count() == 1


def test_two_sessions_cannot_share_a_room(event, staff, auditorium, day):
    session(event, staff, auditorium, local(day, 10), local(day, 12))
    other = EventFactory(title_en="Another day", starts_at=local(day, 9), ends_at=local(day, 18))
    with pytest.raises(ValidationError) as refused:
        session(other, staff, auditorium, local(day, 11), local(day, 12), title="Keynote")
    assert "Company pitches" in refused.value.messages[0]


def test_moving_a_session_moves_its_booking_and_frees_the_old_time(event, staff, auditorium, member, day):
    added = session(event, staff, auditorium, local(day, 10), local(day, 12))
    held = added.booking_id
    moved = services.update_session(
        session=added, actor=staff, starts_at=local(day, 14), ends_at=local(day, 16)
    )
    booking = Booking.objects.get(pk=held)
    assert moved.booking_id == held
    assert (booking.start, booking.end) == (local(day, 14), local(day, 16))
    assert private(member, auditorium, local(day, 10), local(day, 12)).status == BookingStatus.CONFIRMED
    with pytest.raises(ValidationError):
        private(member, auditorium, local(day, 15), local(day, 16))


def test_a_move_onto_a_private_booking_is_refused_and_changes_nothing(event, staff, auditorium, member, day):
    added = session(event, staff, auditorium, local(day, 10), local(day, 12))
    private(member, auditorium, local(day, 14), local(day, 15))
    with pytest.raises(ValidationError) as refused:
        services.update_session(session=added, actor=staff, starts_at=local(day, 14), ends_at=local(day, 16))
    assert "room" in refused.value.error_dict
    added.refresh_from_db()
    assert added.starts_at == local(day, 10)
    assert Booking.objects.get(pk=added.booking_id).start == local(day, 10)


def test_changing_room_releases_the_old_and_holds_the_new(event, staff, auditorium, room_a, day):
    added = session(event, staff, auditorium, local(day, 10), local(day, 12))
    first = added.booking_id
    moved = services.update_session(session=added, actor=staff, room=room_a)
    assert Booking.objects.get(pk=first).status == BookingStatus.CANCELLED
    assert moved.booking.instrument == room_a.resource
    assert moved.booking.status == BookingStatus.CONFIRMED
    assert services.update_session(session=moved, actor=staff, room=None).booking is None
    assert not Booking.objects.active().exists()


def test_deleting_a_session_or_cancelling_the_event_frees_the_room(event, staff, auditorium, member, day):
    first = session(event, staff, auditorium, local(day, 10), local(day, 12))
    second = session(event, staff, auditorium, local(day, 14), local(day, 16), title="Networking")
    services.delete_session(session=first, actor=staff)
    assert Booking.objects.get(pk=first.booking_id).status == BookingStatus.CANCELLED
    private(member, auditorium, local(day, 10), local(day, 12))
    services.cancel_event(event=event, actor=staff)
    assert Booking.objects.get(pk=second.booking_id).status == BookingStatus.CANCELLED
    private(member, auditorium, local(day, 14), local(day, 16))


def test_a_room_is_booked_without_training_and_never_released_as_a_no_show(auditorium, member, day):
    booking = private(member, auditorium, local(day, 10), local(day, 12))
    assert booking.status == BookingStatus.CONFIRMED
    released = platforms.release_no_shows(now=local(day, 11, 30))
    assert booking not in released
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


@pytest.mark.parametrize("role", ["member", "research staff", "platform manager"])
def test_only_event_staff_hold_a_room_for_a_session(event, auditorium, member, day, role):
    actor = member
    if role == "research staff":
        actor = UserFactory(email="research@example.org")
        grant_role(actor=None, user=actor, role=Role.STAFF, department=Department.RESEARCH_INFRASTRUCTURE)
    elif role == "platform manager":
        from biocluster.platforms.tests.factories import manager_of

        actor = manager_of(auditorium.resource.platform, email="rooms@example.org")
    with pytest.raises(PermissionDenied):
        session(event, actor, auditorium, local(day, 10), local(day, 12))
    assert not Booking.objects.exists()


def test_a_session_longer_than_a_private_booking_may_last_still_holds_the_room(event, staff, auditorium, day):
    # The people's rules (steps, longest booking, opening hours) are not the programme's.
    added = session(event, staff, auditorium, local(day, 7, 50), local(day, 7, 50) + timedelta(hours=13))
    assert added.booking.end - added.booking.start == timedelta(hours=13)


# --------------------------------------------------------------------------- the API


def auth(user):
    from biocluster.accounts.models import ApiToken

    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", headers=auth(user))


def test_api_a_session_on_a_private_booking_is_409_naming_it(client, event, staff, auditorium, member, day):
    booked = private(member, auditorium, local(day, 11), local(day, 13))
    body = {
        "title_en": "Keynote",
        "starts_at": local(day, 10).isoformat(),
        "ends_at": local(day, 12).isoformat(),
        "room": auditorium.pk,
    }
    response = post(client, f"/api/events/{event.pk}/sessions", body, staff)
    assert response.status_code == 409, response.content
    assert response.json()["in_the_way"] == booked.pk
    assert response.json()["field"] == "room"
    assert "Auditorium is booked" in response.json()["detail"]
    assert not event.sessions.exists()
    body["starts_at"], body["ends_at"] = "2030-01-01T10:00:00", "2030-01-01T09:00:00"
    assert post(client, f"/api/events/{event.pk}/sessions", body, staff).status_code == 422


def test_api_a_private_booking_on_a_session_is_409_naming_it(client, event, staff, auditorium, member, day):
    body = {
        "title_en": "Keynote",
        "starts_at": local(day, 10).isoformat(),
        "ends_at": local(day, 12).isoformat(),
        "room": auditorium.pk,
    }
    response = post(client, f"/api/events/{event.pk}/sessions", body, staff)
    assert response.status_code == 201, response.content
    held = response.json()["booking"]
    booking = {
        "instrument": auditorium.resource.pk,
        "start": local(day, 11).isoformat(),
        "end": local(day, 12).isoformat(),
    }
    refused = post(client, "/api/bookings", booking, member)
    assert refused.status_code == 409, refused.content
    assert refused.json()["in_the_way"] == held
    assert "held for the event session “Keynote — Synbio day”" in refused.json()["detail"]


def test_api_moving_and_deleting_a_session(client, event, staff, auditorium, member, day):
    added = session(event, staff, auditorium, local(day, 10), local(day, 12))
    moved = client.patch(
        f"/api/sessions/{added.pk}",
        {"starts_at": local(day, 14).isoformat(), "ends_at": local(day, 15).isoformat()},
        content_type="application/json",
        headers=auth(staff),
    )
    assert moved.status_code == 200, moved.content
    assert Booking.objects.get(pk=added.booking_id).start == local(day, 14)
    assert client.delete(f"/api/sessions/{added.pk}", headers=auth(staff)).status_code == 204
    assert Booking.objects.get(pk=added.booking_id).status == BookingStatus.CANCELLED
    rooms = client.get("/api/rooms", headers=auth(staff)).json()
    assert [(r["name"], r["bookable"]) for r in rooms] == [("Auditorium", True)]


# --------------------------------------------------------------------------- the page


def test_the_session_page_shows_the_booking_in_the_way(client, event, staff, auditorium, member, day):
    added = session(event, staff, auditorium, local(day, 10), local(day, 12))
    private(member, auditorium, local(day, 14), local(day, 15))
    client.force_login(staff)
    form = {
        "title_en": "Company pitches",
        "starts_at": f"{day.isoformat()}T14:00",
        "ends_at": f"{day.isoformat()}T16:00",
        "room": auditorium.pk,
    }
    response = client.post(f"/events/sessions/{added.pk}/edit/", form)
    assert response.status_code == 200
    assert "Auditorium is booked" in response.content.decode()
    form["starts_at"], form["ends_at"] = f"{day.isoformat()}T16:00", f"{day.isoformat()}T17:00"
    assert client.post(f"/events/sessions/{added.pk}/edit/", form).status_code == 302
    assert Booking.objects.get(pk=added.booking_id).start == local(day, 16)


def test_the_booking_page_names_the_session_it_is_held_for(client, event, staff, auditorium, day):
    from django.urls import reverse

    added = session(event, staff, auditorium, local(day, 10), local(day, 12))
    client.force_login(staff)
    page = client.get(reverse("platforms:booking_detail", args=[added.booking_id])).content.decode()
    assert "Held for the event session “Company pitches — Synbio day”" in page
