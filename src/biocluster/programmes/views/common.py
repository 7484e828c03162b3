"""Helpers of the programmes' views."""

from django.core.exceptions import PermissionDenied, ValidationError

from biocluster.core.access import get_visible_or_404

from ..models import Enrolment
from ..querysets import is_programmes_staff


def enrolment_or_404(request, pk: int) -> Enrolment:
    return get_visible_or_404(
        Enrolment.objects.select_related("cohort__programme", "organisation", "proposal"), request.user, pk=pk
    )


def add_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on its field when the form has it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def require_programmes_staff(user) -> None:
    """Object-less checks ask the predicate itself: the admin's ClusterStaffBackend grants every
    `programmes.*` permission without an object to any cluster staff, whatever the department."""
    if not is_programmes_staff(user):
        raise PermissionDenied
