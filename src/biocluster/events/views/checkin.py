"""Checking in at the entrance, and the attendance figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.core.access import require
from biocluster.core.charts import BarChart

from .. import services, stats
from ..forms import CheckInForm
from ..models import Registration
from .common import add_error, event_or_404


def _said(request, registration, first: bool) -> None:
    if first:
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    else:
        messages.info(request, _("%(name)s was already checked in.") % {"name": registration.name})


def _scanned(event, token: str) -> dict:
    """What a badge's QR code opens: who it is, or why it does not fit this event."""
    registration = (
        Registration.objects.filter(badge_token=token[:64]).select_related("event", "organisation").first()
    )
    return {
        "registration": registration,
        "wrong_event": registration is not None and registration.event_id != event.pk,
    }


@login_required
def check_in(request, pk: int):
    """The check-in page. A badge's QR code opens it with ?badge=<token>: the registrant is shown
    with a button to check them in; at a desk, a scanner or a person types the code in the form."""
    event = event_or_404(request, pk)
    require(request.user, "events.check_in", event)
    badge = request.GET.get("badge", "")[:300]
    form = CheckInForm(request.POST or None, initial={"token": badge})
    if request.method == "POST" and form.is_valid():
        try:
            registration, first = services.check_in(
                event=event, token=form.cleaned_data["token"], actor=request.user
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            _said(request, registration, first)
            return redirect("events:check_in", pk=pk)
    recent = event.registrations.filter(checked_in_at__isnull=False).order_by("-checked_in_at")[:10]
    with timezone.override(event.tz):
        return render(
            request,
            "events/check_in.html",
            {
                "event": event,
                "form": form,
                "recent": recent,
                "figures": stats.attendance(event),
                "scanned": _scanned(event, badge) if badge else None,
            },
        )


@login_required
def attendance(request, pk: int):
    event = event_or_404(request, pk)
    require(request.user, "events.manage_event", event)
    figures = stats.attendance(event)
    return render(
        request,
        "events/attendance.html",
        {
            "event": event,
            "figures": figures,
            "charts": [
                BarChart(_("Registrations"), figures.as_rows(), empty=_("No registration yet.")),
                BarChart(
                    _("Confirmed, by kind of organisation"),
                    figures.by_kind,
                    label_heading=_("Kind of organisation"),
                    empty=_("No registration yet."),
                ),
            ],
        },
    )
