"""Registrations drive participation: a confirmed registration to an event with partnering
gets a profile; a cancelled one withdraws the participant's open requests and meetings."""

from django.db import transaction
from django.db.models import Q

from .models import OPEN_REQUEST_STATUSES, MeetingRequest, MeetingStatus, Profile


def registration_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from . import services

    if instance.status == "confirmed":
        if instance.event.has_partnering:
            services.ensure_profile(registration=instance)
        return
    if instance.status == "cancelled":
        withdraw_participant(instance)


@transaction.atomic
def withdraw_participant(registration) -> None:
    from . import services

    profile = Profile.objects.filter(registration=registration).first()
    if profile is None:
        return
    mine = Q(sender=profile) | Q(recipient=profile)
    open_requests = MeetingRequest.objects.filter(mine, status__in=OPEN_REQUEST_STATUSES)
    for request in open_requests:
        services.withdraw(request=request, actor=None)
    for meeting in profile.meetings.filter(status=MeetingStatus.CONFIRMED):
        services.cancel_meeting(meeting=meeting, actor=None)
