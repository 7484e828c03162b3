"""The kiosk: a tablet beside the instrument, to check in and out.

Logged in as a platform manager, the tablet is in kiosk mode: people type or
scan their badge number. Logged in as oneself, it shows one's own booking.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.core.access import require

from .. import services
from ..forms import BadgeForm
from ..models import Badge, Booking, BookingStatus
from ..services.booking import manages
from ..services.usage import EARLY_CHECK_IN
from .common import instrument_or_404, render_in


def _current_booking(instrument, user):
    """The person's booking that can be checked in or out now, if any."""
    now = timezone.now()
    return (
        Booking.objects.filter(
            instrument=instrument,
            user=user,
            status__in=(BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN),
            start__lte=now + EARLY_CHECK_IN,
            end__gt=now,
        )
        .order_by("start")
        .first()
    )


def _act(request, instrument, user) -> None:
    booking = _current_booking(instrument, user)
    if booking is None:
        messages.error(request, _("%(user)s has no booking of this instrument now.") % {"user": user})
        return
    step = services.check_in if booking.status == BookingStatus.CONFIRMED else services.check_out
    try:
        step(actor=request.user, booking=booking)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    if step is services.check_in:
        messages.success(request, _("Welcome, %(user)s: checked in.") % {"user": user})
    else:
        messages.success(request, _("Goodbye, %(user)s: checked out, your use is recorded.") % {"user": user})


@login_required
def kiosk(request, pk: int):
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.use_kiosk", instrument)
    kiosk_mode = manages(request.user, instrument)
    form = BadgeForm(request.POST or None) if kiosk_mode else None
    if request.method == "POST":
        if kiosk_mode and form.is_valid():
            badge = (
                Badge.objects.select_related("user").filter(number=form.cleaned_data["badge"].strip()).first()
            )
            if badge is None:
                messages.error(request, _("Unknown badge number."))
            else:
                _act(request, instrument, badge.user)
        elif not kiosk_mode:
            _act(request, instrument, request.user)
        return redirect("platforms:kiosk", pk=pk)
    now = timezone.now()
    tz = instrument.platform.tz
    today = timezone.localtime(now, tz).replace(hour=0, minute=0, second=0, microsecond=0)
    return render_in(
        request,
        tz,
        "platforms/kiosk.html",
        {
            "instrument": instrument,
            "kiosk_mode": kiosk_mode,
            "form": form,
            "mine": None if kiosk_mode else _current_booking(instrument, request.user),
            "today": Booking.objects.active()
            .filter(instrument=instrument, start__lt=today + timedelta(days=1), end__gt=today)
            .select_related("user")
            .order_by("start"),
            "now": now,
        },
    )
