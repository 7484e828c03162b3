"""Helpers of the programmes' views."""

from biocluster.core.access import get_visible_or_404
from biocluster.core.forms import add_error as add_error  # the views' helper, shared by every app

from ..models import Enrolment


def enrolment_or_404(request, pk: int) -> Enrolment:
    return get_visible_or_404(
        Enrolment.objects.select_related("cohort__programme", "organisation", "proposal"), request.user, pk=pk
    )
