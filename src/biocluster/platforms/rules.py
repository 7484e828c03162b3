"""Who may do what on the platforms. Pages, API and templates all ask these.

Objects passed are a `Platform`, an `Instrument`, a `Booking`, a `Statement` or
a `ServiceRequest`; `platform_of` finds the platform behind each.
"""

import rules

from biocluster.accounts.rules import is_cluster_staff
from biocluster.directory.querysets import administered_organisation_ids_of

from .querysets import is_platform_staff as _is_platform_staff
from .querysets import managed_platform_ids


def platform_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "instruments"):  # a Platform
        return obj
    if hasattr(obj, "platform_id"):  # an Instrument, Service, Statement, ServiceRequest, UsageRecord
        return obj.platform
    if hasattr(obj, "instrument_id"):  # a Booking
        return obj.instrument.platform
    return None


def _platform_id(obj):
    if obj is None:
        return None
    if hasattr(obj, "instruments"):
        return obj.pk
    if hasattr(obj, "platform_id"):
        return obj.platform_id
    if hasattr(obj, "instrument_id"):
        return obj.instrument.platform_id
    return None


@rules.predicate
def is_platform_staff(user) -> bool:
    return _is_platform_staff(user)


@rules.predicate
def manages(user, obj) -> bool:
    """An administrator of the platform's organisation: the platform manager."""
    platform_id = _platform_id(obj)
    return platform_id is not None and platform_id in managed_platform_ids(user)


@rules.predicate
def is_published(user, obj) -> bool:
    platform = platform_of(obj)
    return platform is not None and platform.is_published


@rules.predicate
def is_bookable(user, instrument) -> bool:
    return instrument is not None and instrument.is_active


def owns_booking(user_id: int, booking) -> bool:
    """The person booked for, or who booked for them."""
    return user_id in (booking.user_id, booking.created_by_id)


@rules.predicate
def is_booking_owner(user, booking) -> bool:
    return booking is not None and user.is_authenticated and owns_booking(user.pk, booking)


@rules.predicate
def is_requester(user, request) -> bool:
    return request is not None and user.is_authenticated and request.requester_id == user.pk


@rules.predicate
def administers_billed_organisation(user, obj) -> bool:
    return obj is not None and obj.organisation_id in administered_organisation_ids_of(user)


can_manage = is_platform_staff | manages

rules.add_perm("platforms.view_platform", is_cluster_staff | is_published | manages)
rules.add_perm("platforms.change_platform", can_manage)
rules.add_perm("platforms.manage_platform", can_manage)
rules.add_perm("platforms.book_instrument", rules.is_authenticated & is_bookable)
rules.add_perm("platforms.report_outage", rules.is_authenticated)
rules.add_perm("platforms.use_kiosk", rules.is_authenticated)
rules.add_perm("platforms.view_booking", is_booking_owner | can_manage)
rules.add_perm("platforms.see_booker", is_booking_owner | can_manage)

rules.add_perm("platforms.change_booking", is_booking_owner | can_manage)
rules.add_perm("platforms.approve_booking", can_manage)
rules.add_perm("platforms.record_usage", can_manage)
rules.add_perm("platforms.view_statement", can_manage | administers_billed_organisation)
rules.add_perm("platforms.issue_statement", can_manage)
rules.add_perm("platforms.view_platform_stats", can_manage | is_cluster_staff)
rules.add_perm("platforms.view_all_stats", is_cluster_staff)
rules.add_perm("platforms.request_service", rules.is_authenticated)
rules.add_perm("platforms.view_service_request", is_requester | can_manage | administers_billed_organisation)
rules.add_perm("platforms.quote_service_request", can_manage)
rules.add_perm("platforms.accept_service_request", is_requester | administers_billed_organisation)


def may_see_bookers(user) -> bool:
    """Whether `platforms.see_booker` may hold for any booking: it asks for the booker or a
    manager, never an anonymous visitor (whose calendar then reads no name at all)."""
    return user.is_authenticated


def sees_bookers(user, platform):
    """`platforms.see_booker` for the bookings of one platform, as a function of the booking:
    the calendars' form of the rule, which the instrument's feed asks as it is.

    The rule's platform half is asked once, and the booking half without going through
    `has_perm` for each booking: on a busy week that cost a tenth of the calendar (issue 11).
    A test holds both to the same answers.
    """
    if not may_see_bookers(user):
        return lambda booking: False
    if user.has_perm("platforms.manage_platform", platform):
        return lambda booking: True
    viewer = user.pk
    return lambda booking: owns_booking(viewer, booking)
