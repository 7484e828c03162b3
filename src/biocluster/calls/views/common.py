"""Helpers shared by the calls pages."""

from django.core.exceptions import ValidationError

from biocluster.core.access import get_visible_or_404

from ..models import Call


def visible_call(request, pk) -> Call:
    return get_visible_or_404(Call.objects.prefetch_related("themes"), request.user, pk=pk)


def errors_of(error: ValidationError) -> list[str]:
    """A service's error as sentences for a message or a form's non-field errors."""
    if hasattr(error, "error_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)
