"""The participant's pages: events, the directory of participants, profiles, availability."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import require
from biocluster.core.forms import add_error

from .. import agenda, services
from ..filters import ParticipantFilter
from ..forms import ProfileForm, RequestForm
from ..models import Meeting, MeetingRequest, Profile, Slot, past_expiry
from .common import event_or_404, own_profile, partnering_events, profile_or_404


@login_required
def home(request):
    """The events whose partnering the user takes part in (all of them for organisers)."""
    events = partnering_events(request).order_by("-starts_at")
    return render(request, "partnering/home.html", {"events": events})


@login_required
def event_home(request, pk: int):
    event = event_or_404(request, pk)
    profile = own_profile(request, event)
    context = {"event": event, "profile": profile, "config": services.settings_of(event)}
    if profile is not None:
        due = past_expiry(timezone.now())  # expired to the reader, before the sweep records it
        context.update(
            incoming=MeetingRequest.objects.filter(recipient=profile, status="pending").exclude(due).count(),
            countered=MeetingRequest.objects.filter(sender=profile, status="countered").exclude(due).count(),
            meetings=Meeting.objects.confirmed().filter(participants=profile).count(),
        )
    return render(request, "partnering/event_home.html", context)


@login_required
def participants(request, pk: int):
    """The event's participants, filtered as `/api/participants` is (`ParticipantFilter`), in pages."""
    event = event_or_404(request, pk)
    profiles = Profile.objects.visible_to(request.user).active().filter(event=event)
    filters = ParticipantFilter(request.GET, queryset=profiles)
    form = filters.form
    del form.fields["event"]  # the page's event is in its address
    profiles = (
        filters.qs.select_related("registration__organisation")
        .prefetch_related("technology_fields", "value_chain_stages")
        .order_by("registration__name", "pk")
    )
    page = Paginator(profiles, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "event": event,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "profile": own_profile(request, event),
    }
    if request.headers.get("HX-Request"):
        return render(request, "partnering/participants.html#results", context)
    return render(request, "partnering/participants.html", context)


@login_required
def profile_detail(request, pk: int):
    profile = profile_or_404(request, pk)
    mine = own_profile(request, profile.event)
    between = None
    if mine is not None and mine.pk != profile.pk:
        between = (
            MeetingRequest.objects.filter(
                Q(sender=mine, recipient=profile) | Q(sender=profile, recipient=mine)
            )
            .order_by("-created_at")
            .first()
        )
    return render(
        request,
        "partnering/profile_detail.html",
        {
            "profile": profile,
            "event": profile.event,
            "mine": mine,
            "between": between,
            "form": RequestForm(),
            "can_edit": request.user.has_perm("partnering.change_profile", profile),
        },
    )


@login_required
def profile_edit(request, pk: int):
    profile = profile_or_404(request, pk)
    require(request.user, "partnering.change_profile", profile)
    form = ProfileForm(request.POST or None, instance=Profile.objects.get(pk=profile.pk))
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.update_profile(
                profile=profile,
                actor=request.user,
                technology_fields=data["technology_fields"],
                value_chain_stages=data["value_chain_stages"],
                **{name: data[name] for name in services.profiles.PROFILE_FIELDS},
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("partnering:profile", profile.pk)
    return render(
        request, "partnering/profile_edit.html", {"profile": profile, "event": profile.event, "form": form}
    )


@login_required
def availability(request, pk: int):
    """The participant ticks the slots they are not available in."""
    profile = profile_or_404(request, pk)
    require(request.user, "partnering.change_profile", profile)
    slots = list(Slot.objects.filter(event=profile.event).select_related("event").order_by("starts_at"))
    error = None
    if request.method == "POST":
        wanted = set(request.POST.getlist("unavailable"))
        try:
            services.set_unavailability(
                profile=profile, actor=request.user, slots=[s for s in slots if str(s.pk) in wanted]
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("Availability saved."))
            return redirect("partnering:availability", profile.pk)
    blocked = set(profile.unavailabilities.values_list("slot_id", flat=True))
    zone = services.settings_of(profile.event).tz
    days: dict = {}
    for slot in slots:
        local = slot.starts_at.astimezone(zone)
        days.setdefault(local.date(), []).append(
            {"slot": slot, "start": local, "blocked": slot.pk in blocked}
        )
    return render(
        request,
        "partnering/availability.html",
        {"profile": profile, "event": profile.event, "days": days, "error": error},
    )


@login_required
@require_POST
def request_create(request, pk: int):
    """Ask the participant `pk` for a meeting, as the user's own profile in that event."""
    recipient = profile_or_404(request, pk)
    sender = own_profile(request, recipient.event)
    if sender is None:
        raise PermissionDenied
    require(request.user, "partnering.send_request", sender)
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            services.send_request(sender=sender, recipient=recipient, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Meeting request sent."))
    else:
        messages.error(request, _("The request is not valid."))
    return redirect("partnering:profile", recipient.pk)


def viewer_zone(request):
    return agenda.viewer_zone(request)
