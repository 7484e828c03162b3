"""Fetching what a page is about, with partnering's visibility rules (404 for the others)."""

from django.http import Http404

from biocluster.core.access import get_visible_or_404
from biocluster.events.models import Event

from .. import querysets
from ..models import Meeting, MeetingRequest, Profile


def event_or_404(request, pk: int) -> Event:
    """An event with partnering that the user takes part in or organises (404 for the others)."""
    event = Event.objects.filter(has_partnering=True, pk=pk).first()
    if event is None or not request.user.has_perm("partnering.view_partnering", event):
        raise Http404
    return event


def partnering_events(request):
    """The events with partnering the user may reach: all for organisers, else their own."""
    events = Event.objects.filter(has_partnering=True)
    if request.user.has_perm("partnering.manage_partnering"):
        return events
    return events.filter(pk__in=querysets.participant_event_ids(request.user))


def own_profile(request, event) -> Profile | None:
    return querysets.own_profile_at(request.user, event)


def profile_or_404(request, pk: int) -> Profile:
    queryset = Profile.objects.select_related("registration__organisation", "event")
    return get_visible_or_404(queryset, request.user, pk=pk)


def request_or_404(request, pk: int) -> MeetingRequest:
    queryset = MeetingRequest.objects.select_related(
        "sender__registration__organisation",
        "recipient__registration__organisation",
        "event",
        "proposed_slot",
    )
    return get_visible_or_404(queryset, request.user, pk=pk)


def meeting_or_404(request, pk: int) -> Meeting:
    queryset = Meeting.objects.select_related("slot", "location", "event", "request")
    return get_visible_or_404(queryset, request.user, pk=pk)
