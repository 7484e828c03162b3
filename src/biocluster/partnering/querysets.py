"""Who sees what of partnering: `visible_to(user)` for every list and every object fetched.

Organisers (communication and international staff, administrators) see every
event's partnering. A participant (a confirmed registration with a profile) sees
the profiles of the other participants of their event, and only their own
requests and meetings. Everyone else sees nothing (404).
"""

import contextlib

from django.db import models

ACTIVE_REGISTRATION = "confirmed"


def is_organiser(user) -> bool:
    """The event's organisers run its partnering: one rule, owned by the events app."""
    return user.is_active and user.has_perm("events.manage_event")


def own_profile_ids(user) -> frozenset[int]:
    """The user's partnering profiles (one per event), cached on the user for the request."""
    cached = getattr(user, "_biocluster_partnering_profiles", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if user.is_authenticated:
        from .models import Profile

        ids = frozenset(
            Profile.objects.filter(
                registration__user=user, registration__status=ACTIVE_REGISTRATION
            ).values_list("pk", flat=True)
        )
    with contextlib.suppress(AttributeError):  # AnonymousUser may be shared
        user._biocluster_partnering_profiles = ids
    return ids


def own_profile_at(user, event):
    """The user's profile in `event`'s partnering, or None (organisers without one, outsiders)."""
    ids = own_profile_ids(user)
    if not ids:
        return None
    from .models import Profile

    return Profile.objects.filter(pk__in=ids, event_id=event.pk).first()


def participant_event_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    from .models import Profile

    return set(Profile.objects.filter(pk__in=own_profile_ids(user)).values_list("event_id", flat=True))


def forget(user) -> None:
    """Drop the cached profile ids (after a profile is made during the request)."""
    with contextlib.suppress(AttributeError):
        del user._biocluster_partnering_profiles


class ProfileQuerySet(models.QuerySet):
    def active(self):
        return self.filter(registration__status=ACTIVE_REGISTRATION)

    def visible_to(self, user):
        if is_organiser(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.active().filter(event_id__in=participant_event_ids(user))


class MeetingRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_organiser(user):
            return self
        mine = own_profile_ids(user)
        if not mine:
            return self.none()
        return self.filter(models.Q(sender_id__in=mine) | models.Q(recipient_id__in=mine))


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_organiser(user):
            return self
        mine = own_profile_ids(user)
        if not mine:
            return self.none()
        return self.filter(
            pk__in=self.model.participants.through.objects.filter(profile_id__in=mine).values("meeting_id")
        )

    def confirmed(self):
        return self.filter(status="confirmed")

    def placed(self):
        return self.filter(slot__isnull=False, location__isnull=False)
