"""The partnering rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. The member is a participant of the
event (registered, with a profile); another participant asked them for a meeting
and has a placed meeting with them. Staff (communication) and administrators
organise; the others are not at the event: 404.
"""

from biocluster.core.tests.admin_matrix import admin_rows

PARTICIPANT = "302 200 404 200 404 404 200"
ORGANISER_PAGE = "302 403 404 200 404 404 200"
ORGANISER_POST = "302 403 404 302 404 404 302"

PAGES = {
    ("partnering:home", None, "get"): "302 200 200 200 200 200 200",
    ("partnering:event", "partnering_event", "get"): PARTICIPANT,
    ("partnering:participants", "partnering_event", "get"): PARTICIPANT,
    ("partnering:requests", "partnering_event", "get"): PARTICIPANT,
    ("partnering:my_agenda", "partnering_event", "get"): "302 302 404 404 404 404 404",
    ("partnering:profile", "partnering_other_profile", "get"): PARTICIPANT,
    ("partnering:profile_edit", "partnering_profile", "get"): PARTICIPANT,
    ("partnering:availability", "partnering_profile", "get"): PARTICIPANT,
    ("partnering:request_create", "partnering_other_profile", "post"): "302 302 404 403 404 404 403",
    ("partnering:agenda", "partnering_profile", "get"): PARTICIPANT,
    ("partnering:agenda_pdf", "partnering_profile", "get"): PARTICIPANT,
    ("partnering:agenda_ics", "partnering_profile", "get"): PARTICIPANT,
    ("partnering:request_detail", "partnering_request", "get"): PARTICIPANT,
    ("partnering:request_answer", "partnering_request", "post"): "302 302 404 403 404 404 302",
    ("partnering:meeting", "partnering_meeting", "get"): PARTICIPANT,
    ("partnering:meeting_attendance", "partnering_meeting", "post"): "302 302 404 302 404 404 302",
    ("partnering:meeting_feedback", "partnering_meeting", "post"): "302 302 404 403 404 404 403",
    ("partnering:meeting_cancel", "partnering_meeting", "post"): "302 302 404 302 404 404 302",
    ("partnering:meeting_lock", "partnering_meeting", "post"): ORGANISER_POST,
    ("partnering:manage", "partnering_event", "get"): ORGANISER_PAGE,
    ("partnering:location_add", "partnering_event", "post"): ORGANISER_POST,
    ("partnering:location_delete", "partnering_location", "post"): ORGANISER_POST,
    ("partnering:schedule", "partnering_event", "post"): ORGANISER_POST,
    ("partnering:run", "partnering_run", "get"): ORGANISER_PAGE,
    ("partnering:publish", "partnering_event", "post"): ORGANISER_POST,
    ("partnering:analytics", "partnering_event", "get"): ORGANISER_PAGE,
}

# Administrators hold every permission (superuser), so they may answer for a participant.
API = {
    ("/api/participants", None, "get"): "200 200 200 200 200 200 200",
    ("/api/meeting-requests", None, "get"): "200 200 200 200 200 200 200",
    # Only participants send: the member asks a fresh participant; the others are not at the event (422).
    ("/api/meeting-requests", None, "post"): "401 201 422 422 422 422 422",
    ("/api/meeting-requests/{pk}", "partnering_request", "get"): "404 200 404 200 404 404 200",
    ("/api/meeting-requests/{pk}/accept", "partnering_request", "post"): "401 200 404 403 404 404 200",
    ("/api/meeting-requests/{pk}/decline", "partnering_request", "post"): "401 200 404 403 404 404 200",
    ("/api/meeting-requests/{pk}/counter", "partnering_request", "post"): "401 200 404 403 404 404 200",
    # The member received the request: only its sender may take a proposed time or withdraw it.
    (
        "/api/meeting-requests/{pk}/accept-counter",
        "partnering_request",
        "post",
    ): "401 403 404 403 404 404 422",
    ("/api/meeting-requests/{pk}/withdraw", "partnering_request", "post"): "401 403 404 403 404 404 200",
    ("/api/meetings", None, "get"): "200 200 200 200 200 200 200",
    ("/api/meetings/{pk}", "partnering_meeting", "get"): "404 200 404 200 404 404 200",
    ("/api/meetings/{pk}/cancel", "partnering_meeting", "post"): "401 200 404 200 404 404 200",
    # The meeting is placed already: organisers are told so (422); its participant may not (403).
    ("/api/meetings/{pk}/place", "partnering_meeting", "post"): "401 403 404 422 404 404 422",
    # The meeting is two weeks ahead: attendance cannot be recorded yet (422) by those who may.
    ("/api/meetings/{pk}/attendance", "partnering_meeting", "post"): "401 422 404 422 404 404 422",
    ("/api/meetings/{pk}/feedback", "partnering_meeting", "post"): "401 200 404 403 404 404 403",
}

BODIES = {
    ("partnering:request_create", "post"): {"message": "Shall we meet?", "priority": 2},
    ("partnering:request_answer", "post"): {"action": "decline"},
    ("partnering:meeting_attendance", "post"): {"attendance": "held"},
    ("partnering:meeting_feedback", "post"): {"rating": 4},
    ("partnering:meeting_lock", "post"): {"locked": "1"},
    ("partnering:location_add", "post"): {"name": "Table 9", "capacity": 1},
    ("/api/meeting-requests", "post"): {"recipient": 0, "message": "Shall we meet?", "priority": 3},
    ("/api/meeting-requests/{pk}/accept", "post"): {},
    ("/api/meeting-requests/{pk}/decline", "post"): {"response": "Not this time"},
    ("/api/meeting-requests/{pk}/counter", "post"): {"slot": 0},
    ("/api/meeting-requests/{pk}/withdraw", "post"): {},
    ("/api/meeting-requests/{pk}/accept-counter", "post"): {},
    ("/api/meetings/{pk}/feedback", "post"): {"rating": 4, "follow_up": True},
    ("/api/meetings/{pk}/cancel", "post"): {},
    ("/api/meetings/{pk}/place", "post"): {},
    ("/api/meetings/{pk}/attendance", "post"): {"attendance": "held"},
}


def world(request) -> dict:
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.partnering import services
    from biocluster.partnering.models import Location, Slot
    from biocluster.partnering.tests.factories import EventFactory, participant, setup_event

    member = request.getfixturevalue("member")
    member_organisation = request.getfixturevalue("member_organisation")
    event = setup_event(EventFactory(title_en="Partnering convention"), tables=2)
    mine = participant(event, user=member, organisation=member_organisation)
    other = participant(event, user=UserFactory(email="partner@example.org"))
    third = participant(event, user=UserFactory(email="third@example.org"))
    fresh = participant(event, user=UserFactory(email="fresh@example.org"))
    meeting = services.accept(
        request=services.send_request(sender=other, recipient=mine, actor=None), actor=None
    )
    run = services.schedule_now(event=event, actor=None)
    meeting.refresh_from_db()
    pending = services.send_request(sender=third, recipient=mine, actor=None, message="Hello")
    BODIES[("/api/meeting-requests", "post")]["recipient"] = fresh.pk
    BODIES[("/api/meeting-requests/{pk}/counter", "post")]["slot"] = (
        Slot.objects.filter(event=event).exclude(pk=meeting.slot_id).first().pk
    )
    return {
        "partnering_event": event,
        "partnering_profile": mine,
        "partnering_other_profile": other,
        "partnering_request": pending,
        "partnering_meeting": meeting,
        "partnering_location": Location.objects.filter(event=event).exclude(pk=meeting.location_id).first(),
        "partnering_run": run,
    }


# The Django admin (see core/tests/admin_matrix.py): settings and locations through the
# services; the rest is shown only.
ADMIN = (
    admin_rows("partnering.partneringsettings", change=True)
    | admin_rows("partnering.location", "partnering_location", add=True, delete=True)
    | admin_rows("partnering.profile", "partnering_profile")
    | admin_rows("partnering.meetingrequest", "partnering_request")
    | admin_rows("partnering.meeting", "partnering_meeting")
    | admin_rows("partnering.schedulerun", "partnering_run")
)


# The pages that list the rows of one target (see core/tests/test_query_budgets.py).
LISTS = {("partnering:requests", "partnering_event"), ("partnering:participants", "partnering_event")}


def more(request, user) -> None:
    """A few more rows in each list: participants of the world's event, requests received and
    sent by `user` (a participant too), and meetings."""
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.events.models import Event
    from biocluster.partnering import services
    from biocluster.partnering.models import Profile
    from biocluster.partnering.tests.factories import participant

    event = Event.objects.get(title_en="Partnering convention")
    mine = Profile.objects.filter(event=event, registration__user=user).first() or participant(
        event, user=user
    )
    user.__dict__.pop("_biocluster_partnering_profiles", None)
    for _ in range(3):
        sender, recipient, partner = (participant(event, user=UserFactory()) for _ in range(3))
        services.send_request(sender=sender, recipient=mine, actor=None, message="Meet?")
        services.accept(request=services.send_request(sender=partner, recipient=mine, actor=None), actor=None)
        services.send_request(sender=recipient, recipient=sender, actor=None)
    services.send_request(sender=mine, recipient=participant(event, user=UserFactory()), actor=None)
