"""A platform manager's pages: the dashboard, recording use, maintenance, and outages (which anyone reports)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from biocluster.core.access import get_child_or_404, require
from biocluster.core.formatting import number

from .. import services, timeutils
from ..forms import BulkDecideForm, MaintenanceForm, OutageForm, ResolveForm, UsageForm
from ..models import Booking, Outage, ServiceRequest, ServiceRequestStatus
from .common import add_error, booking_or_404, instrument_or_404, platform_or_404, render_in


@login_required
def platform_manage(request, pk: int):
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.manage_platform", platform)
    now = timezone.now()
    tz = platform.tz
    today_start = timezone.localtime(now, tz).replace(hour=0, minute=0, second=0, microsecond=0)
    bookings = Booking.objects.filter(instrument__platform=platform).select_related("instrument", "user")
    return render_in(
        request,
        tz,
        "platforms/manage.html",
        {
            "platform": platform,
            "instruments": platform.instruments.all(),
            "to_approve": bookings.awaiting_approval(now).order_by("start"),
            "today": bookings.active()
            .filter(start__lt=today_start + timedelta(days=1), end__gt=today_start)
            .order_by("start"),
            "to_record": bookings.use_to_record(now).order_by("-start")[:50],
            "outages": Outage.objects.filter(
                instrument__platform=platform, resolved_at__isnull=True
            ).select_related("instrument"),
            "requests": ServiceRequest.objects.filter(platform=platform)
            .exclude(
                status__in=(
                    ServiceRequestStatus.INVOICED,
                    ServiceRequestStatus.DECLINED,
                    ServiceRequestStatus.CANCELLED,
                )
            )
            .select_related("service", "organisation"),
            "resolve_form": ResolveForm(),
        },
    )


@login_required
@require_POST
def bookings_decide(request, pk: int):
    """The manager's bulk decision on the requests ticked in the platform's list (`services.decide_bookings`).

    Each booking must be one the manager may see (else 404) and decide (else 403, nothing changes);
    those the rules now refuse stay awaiting approval and are reported one by one.
    """
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.manage_platform", platform)
    back = reverse("platforms:platform_manage", args=[pk]) + "#to-approve"
    form = BulkDecideForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    ids = form.cleaned_data["bookings"]
    bookings = list(
        Booking.objects.visible_to(request.user).filter(pk__in=ids).select_related("instrument__platform")
    )
    if len(bookings) != len(ids):
        raise Http404
    approve = form.cleaned_data["approve"]
    try:
        result = services.decide_bookings(
            actor=request.user, bookings=bookings, approve=approve, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    count = len(result.decided)
    if count:
        text = (
            ngettext(
                "%(count)s booking approved; the person is told by email.",
                "%(count)s bookings approved; each person is told by email.",
                count,
            )
            if approve
            else ngettext(
                "%(count)s booking declined; the person is told by email.",
                "%(count)s bookings declined; each person is told by email.",
                count,
            )
        )
        messages.success(request, text % {"count": number(count)})
    for unchanged in result.unchanged:
        booking = unchanged.booking
        messages.error(
            request,
            _("Not decided, %(instrument)s %(when)s: %(reason)s")
            % {
                "instrument": booking.instrument,
                "when": timeutils.when(booking.start, booking.end, platform.tz),
                "reason": unchanged.reason,
            },
        )
    return redirect(back)


@login_required
def usage_record(request, pk: int):
    booking = booking_or_404(request, pk)
    require(request.user, "platforms.record_usage", booking)
    tz = booking.instrument.platform.tz
    existing = booking.usage.filter(kind="use").first()
    initial = {
        "start": (existing.start if existing else booking.checked_in_at or booking.start).astimezone(tz),
        "end": (existing.end if existing else booking.checked_out_at or booking.end).astimezone(tz),
    }
    with timezone.override(tz):
        form = UsageForm(request.POST or None, initial=initial)
        valid = request.method == "POST" and form.is_valid()
    if valid:
        try:
            services.record_use(
                actor=request.user,
                booking=booking,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Use recorded."))
            return redirect("platforms:booking_detail", pk=pk)
    return render_in(
        request, tz, "platforms/usage_form.html", {"form": form, "booking": booking, "existing": existing}
    )


@login_required
def outage_report(request, pk: int):
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.report_outage", instrument)
    with timezone.override(instrument.platform.tz):
        form = OutageForm(request.POST or None)
        valid = request.method == "POST" and form.is_valid()
    if valid:
        data = form.cleaned_data
        try:
            services.report_outage(
                actor=request.user,
                instrument=instrument,
                kind=data["kind"],
                description=data["description"],
                expected_end=data["expected_end"],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Thank you: the platform's managers are told."))
            return redirect("platforms:instrument_detail", pk=pk)
    return render_in(
        request,
        instrument.platform.tz,
        "platforms/outage_form.html",
        {"form": form, "instrument": instrument},
    )


@login_required
@require_POST
def outage_resolve(request, pk: int):
    outage = get_child_or_404(Outage.objects, request.user, through="instrument", pk=pk)
    instrument = outage.instrument
    require(request.user, "platforms.manage_platform", instrument.platform)
    form = ResolveForm(request.POST)
    form.is_valid()
    try:
        services.resolve_outage(
            actor=request.user, outage=outage, resolution=form.cleaned_data.get("resolution", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Outage resolved."))
    return redirect("platforms:instrument_detail", pk=instrument.pk)


@login_required
def maintenance_create(request, pk: int):
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.manage_platform", instrument.platform)
    with timezone.override(instrument.platform.tz):
        form = MaintenanceForm(request.POST or None)
        valid = request.method == "POST" and form.is_valid()
    if valid:
        data = form.cleaned_data
        try:
            _maintenance, cancelled = services.schedule_maintenance(
                actor=request.user,
                instrument=instrument,
                start=data["start"],
                end=data["end"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Maintenance scheduled; %(count)s booking(s) cancelled and told.")
                % {"count": len(cancelled)},
            )
            return redirect("platforms:instrument_calendar", pk=pk)
    return render(
        request,
        "platforms/form.html",
        {"form": form, "title": _("Schedule maintenance"), "back_instrument": instrument},
    )
