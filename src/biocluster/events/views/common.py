"""Helpers every events view uses to reach an object and to show a service's refusal."""

from biocluster.core.access import get_visible_or_404
from biocluster.core.forms import add_error as add_error  # the views' helper, shared by every app

from ..models import Event, Registration


def event_or_404(request, pk: int) -> Event:
    return get_visible_or_404(Event.objects.select_related("organiser"), request.user, pk=pk)


def registration_or_404(request, pk: int) -> Registration:
    return get_visible_or_404(
        Registration.objects.select_related("event", "organisation", "user"), request.user, pk=pk
    )
