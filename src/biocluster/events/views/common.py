"""Helpers every events view uses to reach an object and to show a service's refusal."""

from django.core.exceptions import ValidationError

from biocluster.core.access import get_visible_or_404

from ..models import Event, Registration


def event_or_404(request, pk: int) -> Event:
    return get_visible_or_404(Event.objects.select_related("organiser"), request.user, pk=pk)


def registration_or_404(request, pk: int) -> Registration:
    return get_visible_or_404(
        Registration.objects.select_related("event", "organisation", "user"), request.user, pk=pk
    )


def add_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else above."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
