"""Agendas (page, PDF, calendar feed) and meetings (attendance, feedback, cancel, lock)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import require

from .. import agenda, ics, querysets, services
from ..forms import AttendanceForm, FeedbackForm
from ..models import Feedback, Profile
from .common import event_or_404, meeting_or_404, own_profile, profile_or_404


@login_required
def my_agenda(request, pk: int):
    event = event_or_404(request, pk)
    profile = own_profile(request, event)
    if profile is None:
        raise Http404
    return redirect("partnering:agenda", profile.pk)


def _can_see_agenda(user, profile) -> bool:
    return user.has_perm("partnering.change_profile", profile)


@login_required
def agenda_page(request, pk: int):
    profile = profile_or_404(request, pk)
    if not _can_see_agenda(request.user, profile):
        raise Http404
    viewer = agenda.viewer_zone(request)
    feed = (
        request.build_absolute_uri(reverse("partnering:agenda_ics", args=[profile.pk]))
        + f"?token={profile.feed_token}"
    )
    return render(
        request,
        "partnering/agenda.html",
        {
            "profile": profile,
            "event": profile.event,
            "entries": agenda.entries(profile, viewer, with_cancelled=True),
            "viewer_zone": viewer,
            "config": services.settings_of(profile.event),
            "feed_url": feed,
            "webcal_url": "webcal://" + feed.split("://", 1)[-1],
        },
    )


@login_required
def agenda_pdf(request, pk: int):
    profile = profile_or_404(request, pk)
    if not _can_see_agenda(request.user, profile):
        raise Http404
    from .. import pdf  # heavy: imported on first use

    response = HttpResponse(pdf.agenda_pdf(profile), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{profile.pk}.pdf"'
    return response


def agenda_ics(request, pk: int):
    """`?token=…` (shown on the agenda page) lets calendar applications fetch the feed without a session."""
    token = request.GET.get("token")
    if token:
        profile = get_object_or_404(Profile.objects.select_related("event", "registration"), pk=pk)
        if not constant_time_compare(token, profile.feed_token) or profile.registration.status != "confirmed":
            raise Http404
    elif request.user.is_authenticated:
        profile = profile_or_404(request, pk)
        if not _can_see_agenda(request.user, profile):
            raise Http404
    else:
        return redirect_to_login(request.get_full_path())
    response = HttpResponse(ics.agenda_calendar(profile), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{profile.pk}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def meeting_detail(request, pk: int):
    meeting = meeting_or_404(request, pk)
    mine = own_profile(request, meeting.event)
    takes_part = mine is not None and meeting.participants.filter(pk=mine.pk).exists()
    feedback = Feedback.objects.filter(meeting=meeting, profile=mine).first() if takes_part else None
    viewer = agenda.viewer_zone(request)
    zone = services.settings_of(meeting.event).tz
    return render(
        request,
        "partnering/meeting_detail.html",
        {
            "meeting": meeting,
            "event": meeting.event,
            "participants": meeting.participants.select_related("registration__organisation"),
            "starts": agenda.Times.of(meeting.slot.starts_at, zone, viewer) if meeting.slot else None,
            "ends": agenda.Times.of(meeting.slot.ends_at, zone, viewer) if meeting.slot else None,
            "viewer_zone": viewer,
            "takes_part": takes_part,
            "is_organiser": request.user.has_perm("partnering.manage_partnering"),
            "attendance_form": AttendanceForm(initial={"attendance": meeting.attendance or None}),
            "feedback_form": FeedbackForm(
                initial={
                    "rating": feedback.rating,
                    "follow_up": feedback.follow_up,
                    "comment": feedback.comment,
                }
                if feedback
                else None
            ),
            "feedback_list": meeting.feedback.select_related("profile__registration")
            if request.user.has_perm("partnering.manage_partnering")
            else [],
        },
    )


def _act(request, meeting, action, done: str):
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("partnering:meeting", meeting.pk)


@login_required
@require_POST
def meeting_attendance(request, pk: int):
    meeting = meeting_or_404(request, pk)
    require(request.user, "partnering.change_meeting", meeting)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the meeting was held or a no-show."))
        return redirect("partnering:meeting", pk)
    return _act(
        request,
        meeting,
        lambda: services.record_attendance(meeting=meeting, actor=request.user, **form.cleaned_data),
        _("Attendance recorded."),
    )


@login_required
@require_POST
def meeting_feedback(request, pk: int):
    meeting = meeting_or_404(request, pk)
    require(request.user, "partnering.give_feedback", meeting)
    # The feedback is given as the user's profile in the meeting: an administrator passes every
    # rule but has no such profile unless they take part.
    profile = meeting.participants.filter(pk__in=querysets.own_profile_ids(request.user)).first()
    if profile is None:
        raise PermissionDenied
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The feedback is not valid."))
        return redirect("partnering:meeting", pk)
    return _act(
        request,
        meeting,
        lambda: services.give_feedback(
            meeting=meeting, profile=profile, actor=request.user, **form.cleaned_data
        ),
        _("Thank you for your feedback."),
    )


@login_required
@require_POST
def meeting_cancel(request, pk: int):
    meeting = meeting_or_404(request, pk)
    require(request.user, "partnering.change_meeting", meeting)
    return _act(
        request,
        meeting,
        lambda: services.cancel_meeting(meeting=meeting, actor=request.user),
        _("Meeting cancelled."),
    )


@login_required
@require_POST
def meeting_lock(request, pk: int):
    meeting = meeting_or_404(request, pk)
    require(request.user, "partnering.manage_partnering", meeting.event)
    locked = request.POST.get("locked") == "1"
    return _act(
        request,
        meeting,
        lambda: services.set_locked(meeting=meeting, actor=request.user, locked=locked),
        _("Locked: the scheduler will not move it.") if locked else _("Unlocked."),
    )
