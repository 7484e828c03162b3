"""The events rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. The staff of the shared fixtures is
in the communication department: event staff. The member is registered to
`events_event`; `events_open` is another published event to register to.
"""

from datetime import timedelta

from django.utils import timezone

from biocluster.core.tests.admin_matrix import admin_rows

EVENT_STAFF = "302 403 403 200 403 403 200"
EVENT_STAFF_POST = "302 403 403 302 403 403 302"

PAGES = {
    ("events:event_list", None, "get"): "200 200 200 200 200 200 200",
    ("events:my_registrations", None, "get"): "302 200 200 200 200 200 200",
    ("events:event_create", None, "get"): EVENT_STAFF,
    ("events:event_detail", "events_event", "get"): "200 200 200 200 200 200 200",
    ("events:event_detail", "events_draft", "get"): "404 404 404 200 404 404 200",
    ("events:event_detail", "events_delegation", "get"): "200 200 200 200 200 200 200",
    ("events:register", "events_open", "get"): "302 200 200 200 200 200 200",
    ("events:register", "events_open", "post"): "302 302 302 302 302 302 302",
    ("events:register", "events_draft", "get"): "302 404 404 200 404 404 200",
    ("events:event_edit", "events_event", "get"): EVENT_STAFF,
    ("events:event_edit", "events_draft", "get"): "302 404 404 200 404 404 200",
    ("events:event_publish", "events_draft", "post"): "302 404 404 302 404 404 302",
    ("events:event_cancel", "events_event", "get"): EVENT_STAFF,
    ("events:registrations", "events_event", "get"): EVENT_STAFF,
    ("events:registrations_csv", "events_event", "get"): EVENT_STAFF,
    ("events:session_add", "events_event", "get"): EVENT_STAFF,
    ("events:visit_add", "events_delegation", "get"): EVENT_STAFF,
    ("events:check_in", "events_event", "get"): EVENT_STAFF,
    ("events:check_in", "events_event", "post"): "302 403 403 302 403 403 302",
    ("events:attendance", "events_event", "get"): EVENT_STAFF,
    ("events:session_delete", "events_session", "post"): EVENT_STAFF_POST,
    ("events:session_edit", "events_session", "get"): EVENT_STAFF,
    ("events:visit_delete", "events_visit", "post"): EVENT_STAFF_POST,
    ("events:badge", "events_registration", "get"): "302 200 404 200 404 404 200",
    ("events:registration_cancel", "events_registration", "post"): "302 302 404 302 404 404 302",
}

API = {
    ("/api/events", None, "get"): "200 200 200 200 200 200 200",
    ("/api/events", None, "post"): "401 403 403 201 403 403 201",
    ("/api/events/{pk}", "events_event", "get"): "200 200 200 200 200 200 200",
    ("/api/events/{pk}", "events_draft", "get"): "404 404 404 200 404 404 200",
    ("/api/events/{pk}", "events_event", "patch"): "401 403 403 200 403 403 200",
    ("/api/events/{pk}/publish", "events_draft", "post"): "401 404 404 200 404 404 200",
    ("/api/events/{pk}/cancel", "events_event", "post"): "401 403 403 200 403 403 200",
    ("/api/events/{pk}/attendance", "events_event", "get"): "401 403 403 200 403 403 200",
    ("/api/events/{pk}/check-in", "events_event", "post"): "401 403 403 200 403 403 200",
    ("/api/rooms", None, "get"): "401 403 403 200 403 403 200",
    ("/api/events/{pk}/sessions", "events_event", "post"): "401 403 403 201 403 403 201",
    ("/api/events/{pk}/sessions", "events_draft", "post"): "401 404 404 201 404 404 201",
    ("/api/sessions/{pk}", "events_session", "patch"): "401 403 403 200 403 403 200",
    ("/api/sessions/{pk}", "events_session", "delete"): "401 403 403 204 403 403 204",
    ("/api/registrations", None, "get"): "200 200 200 200 200 200 200",
    ("/api/registrations", None, "post"): "401 201 201 201 201 201 201",
    ("/api/registrations/{pk}", "events_registration", "get"): "404 200 404 200 404 404 200",
    ("/api/registrations/{pk}", "events_registration", "delete"): "401 200 404 200 404 404 200",
    ("/api/registrations/{pk}/cancel", "events_registration", "post"): "401 200 404 200 404 404 200",
}


def _later(days: int, hours: int = 0) -> str:
    return (timezone.now() + timedelta(days=days, hours=hours)).replace(microsecond=0).isoformat()


BODIES = {
    ("events:register", "post"): {"mode": "on_site", "language": "en"},
    ("events:check_in", "post"): {"token": ""},
    ("/api/events", "post"): {
        "title_en": "Bioproduction morning",
        "starts_at": _later(30),
        "ends_at": _later(30, 4),
        "time_zone": "Europe/Paris",
        "capacity": 80,
    },
    ("/api/events/{pk}", "patch"): {"venue": "Conference centre, room 2", "capacity": 120},
    ("/api/events/{pk}/cancel", "post"): {"reason": "Speakers unavailable"},
    ("/api/events/{pk}/check-in", "post"): {"token": ""},
    ("/api/registrations", "post"): {"event": 0, "mode": "on_site"},
    ("/api/events/{pk}/sessions", "post"): {
        "title_en": "Keynote",
        "starts_at": _later(40),
        "ends_at": _later(40, 1),
    },
    ("/api/sessions/{pk}", "patch"): {"speakers": "A. Speaker"},
}


def world(request) -> dict:
    from biocluster.directory.tests.factories import OrganisationFactory
    from biocluster.events.tests.factories import (
        DelegationVisitFactory,
        EventFactory,
        RegistrationFactory,
        SessionFactory,
    )

    member = request.getfixturevalue("member")
    event = EventFactory(title_en="Matrix day", capacity=50)
    registration = RegistrationFactory(event=event, user=member, email=member.email, name="Member")
    open_event = EventFactory(title_en="Open day")
    delegation = EventFactory(kind="delegation", title_en="Delegation from Japan", delegation_origin="Japan")
    BODIES[("/api/registrations", "post")]["event"] = open_event.pk
    BODIES[("/api/events/{pk}/check-in", "post")]["token"] = registration.badge_token
    BODIES[("events:check_in", "post")]["token"] = registration.badge_token
    return {
        "events_event": event,
        "events_open": open_event,
        "events_draft": EventFactory(title_en="Draft day", status="draft"),
        "events_delegation": delegation,
        "events_registration": registration,
        "events_session": SessionFactory(event=event),
        "events_visit": DelegationVisitFactory(
            event=delegation, organisation=OrganisationFactory(name="Lab visited")
        ),
    }


# The Django admin (see core/tests/admin_matrix.py): events through `create_event` and
# `update_event`; registrations and rooms are shown only.
def _room(world):
    from biocluster.events.tests.factories import RoomFactory

    return RoomFactory()


ADMIN = (
    admin_rows("events.event", "events_event", add=True, change=True)
    | admin_rows("events.registration", "events_registration")
    | admin_rows("events.room")
)
ADMIN_OBJECTS = {"events.room": _room}
