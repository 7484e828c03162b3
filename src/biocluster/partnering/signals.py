"""Registrations drive participation: a confirmed registration to an event with partnering
gets a profile (also when partnering is switched on after it was confirmed); a cancelled one
withdraws the participant's open requests and meetings. Profiles are made by these writes,
never by reading a page."""

from django.db import transaction
from django.db.models import Q

from .models import OPEN_REQUEST_STATUSES, MeetingRequest, MeetingStatus, Profile


def registration_changed(sender, registration, actor, **kwargs):
    """The events' services say who changed the registration: partnering acts in their name."""
    from . import services

    if registration.status == "confirmed":
        if registration.event.has_partnering:
            services.ensure_profile(registration=registration, actor=actor)
        return
    if registration.status == "cancelled":
        withdraw_participant(registration, actor=actor)


def event_changed(sender, event, actor, **kwargs):
    """Partnering switched on (or kept on) for an event: every confirmed registration gets its profile."""
    from . import services

    if event.has_partnering:
        services.ensure_profiles(event=event, actor=actor)


@transaction.atomic
def withdraw_participant(registration, *, actor) -> None:
    from . import services

    profile = Profile.objects.filter(registration=registration).first()
    if profile is None:
        return
    mine = Q(sender=profile) | Q(recipient=profile)
    open_requests = MeetingRequest.objects.filter(mine, status__in=OPEN_REQUEST_STATUSES)
    for request in open_requests:
        services.withdraw(request=request, actor=actor)
    for meeting in profile.meetings.filter(status=MeetingStatus.CONFIRMED):
        services.cancel_meeting(meeting=meeting, actor=actor)
