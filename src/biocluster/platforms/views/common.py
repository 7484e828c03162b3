"""Helpers every platforms view uses to reach an object and to show a service's refusal."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from biocluster.core.access import get_visible_or_404
from biocluster.core.forms import add_error as add_error  # the views' helper, shared by every app

from ..models import Booking, Instrument, OpeningHours, Platform


def platform_or_404(request, pk: int) -> Platform:
    return get_visible_or_404(
        Platform.objects.select_related("organisation", "host_organisation"), request.user, pk=pk
    )


def opening_hours() -> Prefetch:
    return Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))


def instrument_or_404(request, pk: int, *, hours: bool = True) -> Instrument:
    """The instrument, with its opening hours unless `hours` is false (prefetch them when needed)."""
    instruments = Instrument.objects.select_related("platform__organisation")
    if hours:
        instruments = instruments.prefetch_related(opening_hours())
    return get_visible_or_404(instruments, request.user, pk=pk)


def booking_or_404(request, pk: int) -> Booking:
    return get_visible_or_404(
        Booking.objects.select_related(
            "instrument__platform__organisation", "user", "organisation", "series"
        ),
        request.user,
        pk=pk,
    )


def render_in(request, tz, template: str, context: dict, **kwargs):
    """Render with times shown (and typed) in the platform's zone."""
    with timezone.override(tz):
        return render(request, template, context, **kwargs)


def safe_next(request, default: str) -> str:
    """Where to go back to after a POST: `next` when it is a page of this site, else `default`."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
