"""What partnering gives a participant to do, for their home page (`core.registry.add_todo`).

Per event not over yet: the meeting requests received still to answer, and the other times
proposed in answer to the participant's own requests, still to accept or decline. Two
queries: the counts per event, then the events' names.
"""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core.formatting import number
from biocluster.core.models import bilingual
from biocluster.core.registry import ToDo
from biocluster.events.models import Event

from .models import MeetingRequest, RequestStatus
from .querysets import own_profile_ids


def requests_to_answer(user) -> list[ToDo]:
    mine = own_profile_ids(user)
    if not mine:
        return []
    now = timezone.now()
    to_answer = Q(recipient_id__in=mine, status=RequestStatus.PENDING) | Q(
        sender_id__in=mine, status=RequestStatus.COUNTERED
    )
    rows = list(
        MeetingRequest.objects.filter(to_answer, event__ends_at__gte=now)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .values("event_id")
        .annotate(count=Count("pk"), expires=Min("expires_at"))
        .order_by("event_id")
    )
    if not rows:
        return []
    events = Event.objects.in_bulk([row["event_id"] for row in rows])
    return [
        ToDo(
            _("Partnering"),
            ngettext(
                "%(count)s meeting request to answer for %(event)s",
                "%(count)s meeting requests to answer for %(event)s",
                row["count"],
            )
            % {"count": number(row["count"]), "event": bilingual(events[row["event_id"]], "title")},
            reverse("partnering:requests", args=[row["event_id"]]),
            count=row["count"],
            due=row["expires"],
        )
        for row in sorted(rows, key=lambda row: events[row["event_id"]].starts_at)
    ]
