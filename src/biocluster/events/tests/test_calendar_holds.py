"""A room held for an event's session shows on the room's calendar as the session, never as
the staff member who holds it (issue 14), linked to the session for those who may see it;
the session added, moved, renamed or deleted shows at once."""

import pytest
from django.urls import reverse

from biocluster.events import services
from biocluster.events.tests.factories import EventFactory
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tuesday():
    return next_weekday(1)


@pytest.fixture
def room(auditorium):
    return auditorium


def _week(client, room, day) -> str:
    url = reverse("platforms:instrument_calendar", args=[room.resource.pk])
    response = client.get(url, {"date": day.isoformat()})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("status", ["published", "draft"])
def test_the_session_holding_a_room_shows_by_its_name_to_those_who_may_see_it(
    client, staff, room, tuesday, status
):
    event = EventFactory(status=status, starts_at=local(tuesday, 9), ends_at=local(tuesday, 18))
    session = services.add_session(
        event=event,
        actor=staff,
        title_en="Company pitches",
        starts_at=local(tuesday, 10),
        ends_at=local(tuesday, 12),
        room=room,
    )
    link = f'href="{reverse("events:event_detail", args=[event.pk])}#session-{session.pk}"'
    manager = manager_of(room.resource.platform, email="rooms@example.org")
    for viewer in (None, manager, staff):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        page = _week(client, room, tuesday)
        assert "10:00\u201312:00" in page
        assert "Chloé" not in page and "Martin" not in page  # never the staff member's name
        sees = status == "published" or viewer is staff
        assert ("Company pitches" in page) == sees
        assert (link in page) == sees


def test_a_session_moved_renamed_or_deleted_shows_at_once(client, staff, room, tuesday):
    event = EventFactory(starts_at=local(tuesday, 9), ends_at=local(tuesday, 18))
    session = services.add_session(
        event=event,
        actor=staff,
        title_en="Company pitches",
        starts_at=local(tuesday, 10),
        ends_at=local(tuesday, 12),
        room=room,
    )
    assert "Company pitches" in _week(client, room, tuesday)
    services.update_session(
        session=session,
        actor=staff,
        title_en="Start-up pitches",
        starts_at=local(tuesday, 14),
        ends_at=local(tuesday, 16),
    )
    page = _week(client, room, tuesday)
    assert "14:00\u201316:00" in page and "Start-up pitches" in page
    assert "10:00\u201312:00" not in page and "Company pitches" not in page
    services.delete_session(session=session, actor=staff)
    page = _week(client, room, tuesday)
    assert "14:00\u201316:00" not in page and "Start-up pitches" not in page
