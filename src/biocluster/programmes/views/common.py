"""Helpers of the programmes' views."""

from django.core.exceptions import PermissionDenied

from biocluster.core.access import get_visible_or_404
from biocluster.core.forms import add_error as add_error  # the views' helper, shared by every app

from ..models import Enrolment
from ..querysets import is_programmes_staff


def enrolment_or_404(request, pk: int) -> Enrolment:
    return get_visible_or_404(
        Enrolment.objects.select_related("cohort__programme", "organisation", "proposal"), request.user, pk=pk
    )


def require_programmes_staff(user) -> None:
    """Object-less checks ask the predicate itself: the admin's ClusterStaffBackend grants every
    `programmes.*` permission without an object to any cluster staff, whatever the department."""
    if not is_programmes_staff(user):
        raise PermissionDenied
