"""Booking an instrument, and everything a person does with their bookings."""

import contextlib
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import require

from .. import services, timeutils
from ..categories import billable_organisations
from ..filters import BookingFilter
from ..forms import BookingEditForm, BookingForm, CancelForm, DecideForm, WaitlistForm
from ..models import Booking, BookingStatus, UsageRecord, WaitlistEntry
from ..services import policy
from ..services.booking import manages
from .common import add_error, booking_or_404, instrument_or_404, render_in, safe_next

FEED_SALT = "platforms.person-feed"


def _initial(request, instrument) -> dict:
    """Prefill from the calendar: ?date=2026-11-24&start=10:00&end=12:00."""
    initial = {}
    try:
        initial["day"] = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return initial
    if not timeutils.plausible(initial["day"]):
        return {}
    for name in ("start", "end"):
        with contextlib.suppress(ValueError):
            initial[f"{name}_time"] = time.fromisoformat(request.GET.get(name, ""))
    if "start_time" in initial and "end_time" not in initial:
        start = datetime.combine(initial["day"], initial["start_time"]) + timedelta(
            minutes=instrument.min_minutes
        )
        initial["end_time"] = start.time()
    return initial


@login_required
def booking_create(request, pk: int):
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.book_instrument", instrument)
    manager = manages(request.user, instrument)
    form = BookingForm(
        request.POST or None,
        initial=_initial(request, instrument),
        instrument=instrument,
        organisations=billable_organisations(request.user),
        manager=manager,
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start, end = form.period()
        on_behalf = data.get("for_email")
        common = {
            "actor": request.user,
            "instrument": instrument,
            "start": start,
            "end": end,
            "purpose": data["purpose"],
            "user": on_behalf,
            "organisation": None if on_behalf else _organisation(data.get("organisation")),
        }
        try:
            if data["repeat"]:
                result = services.create_series(
                    **common,
                    frequency=data["repeat"],
                    interval=data.get("interval") or 1,
                    count=data.get("count"),
                    until=data.get("until"),
                    skip_conflicts=data["skip_conflicts"],
                )
                booking = result.bookings[0]
                messages.success(
                    request,
                    _("Booked %(count)s dates.") % {"count": len(result.bookings)}
                    + "".join(" " + _("Skipped: %(reason)s") % {"reason": s.reason} for s in result.skipped),
                )
            else:
                booking = services.create_booking(**common)
                if booking.status == BookingStatus.REQUESTED:
                    messages.success(request, _("Request sent: the platform manager will approve it."))
                else:
                    messages.success(request, _("Booked: a confirmation is on its way by email."))
        except ValidationError as error:
            refusal = _refusal(error, instrument, start, end) if not data["repeat"] else None
            if refusal is None:
                add_error(form, error)
        else:
            return redirect("platforms:booking_detail", pk=booking.pk)
    return render_in(
        request,
        instrument.platform.tz,
        "platforms/booking_form.html",
        {
            "form": form,
            "instrument": instrument,
            "platform": instrument.platform,
            "refusal": refusal,
        },
    )


def _refusal(error: ValidationError, instrument, start, end) -> dict | None:
    """A taken slot, shown apart from the form: one's own booking to open, or else the waiting list."""
    if policy.error_code(error) not in policy.TAKEN:
        return None
    own = policy.own_booking(error)
    tz = instrument.platform.tz
    return {
        "message": " ".join(error.messages),
        "own_booking": own,
        "waitlist": None if own else {"start": start.astimezone(tz), "end": end.astimezone(tz)},
    }


@login_required
def booking_estimate(request, pk: int):
    """The booking form's price estimate, redrawn by htmx as the times change."""
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.book_instrument", instrument)
    organisations = billable_organisations(request.user)
    with timezone.override(instrument.platform.tz):
        form = BookingForm(
            request.GET,
            instrument=instrument,
            organisations=organisations,
            manager=manages(request.user, instrument),
        )
        form.is_valid()  # only the period and the organisation are read
    return render_in(
        request,
        instrument.platform.tz,
        "platforms/booking_form.html#estimate",
        {"estimate": _estimate(form, instrument, organisations)},
    )


def _estimate(form, instrument, organisations):
    data = form.cleaned_data
    if not all(data.get(name) for name in ("day", "start_time")) or data.get("end_time") is None:
        return None
    start, end = form.period()
    if end <= start:
        return None
    someone = data.get("for_email")
    if someone:
        organisations = billable_organisations(someone)
    chosen = {o.pk: o for o in organisations}.get(data.get("organisation")) if not someone else None
    organisation = chosen or (organisations[0] if organisations else None)
    if organisation is None:
        return None
    return services.estimate(instrument=instrument, organisation=organisation, start=start, end=end)


def _organisation(pk):
    from biocluster.directory.models import Organisation

    return Organisation.objects.filter(pk=pk).first() if pk else None


@login_required
@require_POST
def waitlist_join(request, pk: int):
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.book_instrument", instrument)
    with timezone.override(instrument.platform.tz):
        form = WaitlistForm(request.POST)
        valid = form.is_valid()
    if valid:
        try:
            services.join_waitlist(
                actor=request.user,
                instrument=instrument,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("You are on the waiting list: you will be told by email if this slot frees.")
            )
    else:
        messages.error(request, _("Choose a period first."))
    return redirect("platforms:instrument_calendar", pk=pk)


def feed_url(request, user) -> str:
    token = signing.dumps(user.pk, salt=FEED_SALT)
    return request.build_absolute_uri(reverse("platforms:person_feed")) + f"?token={token}"


PAGE_SIZE = 50


@login_required
def my_bookings(request):
    """One's bookings to come and past, filtered as `/api/bookings` is (`BookingFilter`), and one's
    charges, each list in pages (none is cut short)."""
    now = timezone.now()
    own = Booking.objects.visible_to(request.user).filter(user=request.user)
    mine = BookingFilter(request.GET, queryset=own, request=request).qs.select_related(
        "instrument__platform__organisation"
    )
    upcoming = Paginator(mine.active().filter(end__gte=now).order_by("start", "pk"), PAGE_SIZE)
    past = Paginator(mine.filter(end__lt=now).order_by("-start", "-pk"), PAGE_SIZE)
    charges = Paginator(
        UsageRecord.objects.filter(user=request.user)
        .select_related("platform", "instrument")
        .order_by("-day", "-pk"),
        PAGE_SIZE,
    )
    return render(
        request,
        "platforms/my_bookings.html",
        {
            "upcoming": upcoming.get_page(request.GET.get("upcoming")),
            "past": past.get_page(request.GET.get("past")),
            "waiting": WaitlistEntry.objects.filter(
                user=request.user, notified_at__isnull=True, end__gte=now
            ).select_related("instrument"),
            "charges": charges.get_page(request.GET.get("charges")),
            "feed_url": feed_url(request, request.user),
        },
    )


@login_required
def booking_detail(request, pk: int):
    booking = booking_or_404(request, pk)
    user = request.user
    platform = booking.instrument.platform
    can_manage = user.has_perm("platforms.manage_platform", platform)
    siblings = []
    if booking.series_id:
        siblings = list(
            Booking.objects.filter(series_id=booking.series_id).exclude(pk=booking.pk).order_by("start")
        )
    return render_in(
        request,
        platform.tz,
        "platforms/booking_detail.html",
        {
            "booking": booking,
            "instrument": booking.instrument,
            "platform": platform,
            "can_change": user.has_perm("platforms.change_booking", booking)
            and booking.status in ("requested", "confirmed"),
            "can_decide": booking.status == "requested"
            and user.has_perm("platforms.approve_booking", booking),
            "can_record": can_manage and booking.kind == "booking",
            "can_check_in": booking.status == "confirmed"
            and booking.start - timedelta(minutes=15) <= timezone.now() < booking.end,
            "can_check_out": booking.status == "checked_in",
            "siblings": siblings,
            "charges": booking.usage.all(),
            "cancel_form": CancelForm(),
            "decide_form": DecideForm(),
        },
    )


@login_required
def booking_edit(request, pk: int):
    booking = booking_or_404(request, pk)
    require(request.user, "platforms.change_booking", booking)
    tz = booking.instrument.platform.tz
    start, end = booking.start.astimezone(tz), booking.end.astimezone(tz)
    initial = {"day": start.date(), "start_time": start.time(), "end_time": end.time()}
    if end.date() != start.date():
        initial["end_day"] = end.date()
    form = BookingEditForm(request.POST or None, initial=initial, booking=booking)
    if request.method == "POST" and form.is_valid():
        new_start, new_end = form.period()
        try:
            if form.cleaned_data.get("following"):
                services.update_following(actor=request.user, booking=booking, start=new_start, end=new_end)
            else:
                services.update_booking(actor=request.user, booking=booking, start=new_start, end=new_end)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Booking moved."))
            return redirect("platforms:booking_detail", pk=pk)
    return render_in(request, tz, "platforms/booking_edit.html", {"form": form, "booking": booking})


@login_required
@require_POST
def booking_cancel(request, pk: int):
    booking = booking_or_404(request, pk)
    require(request.user, "platforms.change_booking", booking)
    form = CancelForm(request.POST)
    form.is_valid()
    try:
        cancelled = services.cancel_booking(
            actor=request.user,
            booking=booking,
            reason=form.cleaned_data.get("reason", ""),
            following=form.cleaned_data.get("following", False),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        charged = UsageRecord.objects.filter(booking__in=cancelled, kind="late_cancellation").exists()
        messages.success(
            request,
            _("Booking cancelled.")
            + (" " + _("It was late: it is charged as the platform's policy says.") if charged else ""),
        )
    return redirect("platforms:booking_detail", pk=pk)


@login_required
@require_POST
def booking_decide(request, pk: int):
    booking = booking_or_404(request, pk)
    require(request.user, "platforms.approve_booking", booking)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            services.decide_booking(
                actor=request.user,
                booking=booking,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded; the person is told by email."))
    return redirect("platforms:booking_detail", pk=pk)


def _usage_step(request, pk: int, step):
    booking = booking_or_404(request, pk)
    require(request.user, "platforms.change_booking", booking)
    try:
        step(actor=request.user, booking=booking)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    return booking


@login_required
@require_POST
def booking_check_in(request, pk: int):
    if _usage_step(request, pk, services.check_in):
        messages.success(request, _("Checked in. Check out when you finish."))
    return redirect(safe_next(request, reverse("platforms:booking_detail", args=[pk])))


@login_required
@require_POST
def booking_check_out(request, pk: int):
    if _usage_step(request, pk, services.check_out):
        messages.success(request, _("Checked out: the use is recorded."))
    return redirect(safe_next(request, reverse("platforms:booking_detail", args=[pk])))
