"""Who sees what of the platforms: `visible_to(user)` for every list and every object fetched.

A platform manager is an administrator of the platform's organisation (a
current `directory.Affiliation`); the research-and-infrastructure staff and
administrators see every platform's data.
"""

import contextlib
from datetime import timedelta

from django.db import models

from biocluster.accounts.models import Department
from biocluster.accounts.roles import roles_of
from biocluster.directory.querysets import administered_organisation_ids_of

from .limits import MAX_BLOCK_MINUTES

USE_TO_RECORD_DAYS = 62  # a manager's list of uses to record goes back two months


def is_platform_staff(user) -> bool:
    roles = roles_of(user)
    return roles.is_administrator or Department.RESEARCH_INFRASTRUCTURE in roles.departments


def managed_platform_ids(user) -> frozenset[int]:
    """The platforms `user` manages; cached on the user object for the request."""
    cached = getattr(user, "_biocluster_managed_platforms", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    administered = administered_organisation_ids_of(user)
    if administered:
        from .models import Platform

        ids = frozenset(
            Platform.objects.filter(organisation_id__in=administered).values_list("pk", flat=True)
        )
    with contextlib.suppress(AttributeError):  # AnonymousUser may be shared
        user._biocluster_managed_platforms = ids
    return ids


class PlatformQuerySet(models.QuerySet):
    def visible_to(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        return self.filter(models.Q(is_published=True) | models.Q(pk__in=managed_platform_ids(user)))

    def managed_by(self, user):
        if is_platform_staff(user):
            return self
        return self.filter(pk__in=managed_platform_ids(user))


class InstrumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        return self.filter(
            models.Q(platform__is_published=True) | models.Q(platform_id__in=managed_platform_ids(user))
        )


class ServiceQuerySet(InstrumentQuerySet):
    pass


def awaiting_approval(now) -> models.Q:
    """Booking requests a manager has still to decide: those not over yet."""
    from .models import BookingStatus

    return models.Q(status=BookingStatus.REQUESTED, end__gte=now)


def use_to_record(now) -> models.Q:
    """Bookings ended within the last `USE_TO_RECORD_DAYS` days with no use recorded."""
    from .models import BookingKind, BookingStatus, UsageRecord

    return models.Q(
        kind=BookingKind.BOOKING,
        status__in=(BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.COMPLETED),
        end__lt=now,
        end__gte=now - timedelta(days=USE_TO_RECORD_DAYS),
    ) & ~models.Exists(UsageRecord.objects.filter(booking=models.OuterRef("pk"), kind="use"))


class BookingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Bookings name who uses what: the person, their platform's managers and platform staff see them."""
        if is_platform_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(user=user)
            | models.Q(created_by=user)
            | models.Q(instrument__platform_id__in=managed_platform_ids(user))
        )

    def active(self):
        from .models import ACTIVE_STATUSES

        return self.filter(status__in=ACTIVE_STATUSES)

    def awaiting_approval(self, now):
        return self.filter(awaiting_approval(now))

    def use_to_record(self, now):
        return self.filter(use_to_record(now))

    def overlapping(self, instrument_id: int, start, end):
        """Bookings whose blocked range [start, blocked_until) meets [start, end).

        The lower bound on `start` is implied by the longest possible block; it
        lets the database walk the (instrument, start) index instead of every
        past booking of the instrument.
        """
        return self.filter(
            instrument_id=instrument_id,
            start__lt=end,
            start__gt=start - timedelta(minutes=MAX_BLOCK_MINUTES),
            blocked_until__gt=start,
        )


class UsageQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_platform_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(user=user)
            | models.Q(platform_id__in=managed_platform_ids(user))
            | models.Q(organisation_id__in=administered_organisation_ids_of(user))
        )


class StatementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A statement is seen by its platform's managers and the billed organisation's administrators."""
        if is_platform_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(platform_id__in=managed_platform_ids(user))
            | models.Q(organisation_id__in=administered_organisation_ids_of(user))
        )


class ServiceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_platform_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(requester=user)
            | models.Q(platform_id__in=managed_platform_ids(user))
            | models.Q(organisation_id__in=administered_organisation_ids_of(user))
        )
