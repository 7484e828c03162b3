"""What the platforms' calendars show of a room held for a session: the session's name and a
link to it (its event's page), for those who may see the event; never the staff member who
holds the room (issue 14). Registered with `platforms.calendar.HOLD_DESCRIBERS`."""

from django.urls import reverse

from .models import Session


def describe(booking_ids: list[int], user) -> dict[int, tuple[str, str]]:
    found = {}
    for session in Session.objects.filter(booking_id__in=booking_ids).select_related("event"):
        if user is not None and user.has_perm("events.view_event", session.event):
            url = reverse("events:event_detail", args=[session.event_id]) + f"#session-{session.pk}"
            found[session.booking_id] = (session.title, url)
    return found
