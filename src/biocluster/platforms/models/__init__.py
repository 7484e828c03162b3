"""Shared technology platforms: the catalogue, bookings, and what they cost.

`catalogue` holds what a platform offers and on what terms, `booking` the
calendar (with its database guarantee against double booking, see
`constraints.py`), `billing` actual use, service requests and statements.
"""

from .billing import ServiceRequest, ServiceRequestStatus, Statement, UsageKind, UsageRecord
from .booking import (
    ACTIVE_STATUSES,
    Booking,
    BookingKind,
    BookingSeries,
    BookingStatus,
    Frequency,
    Outage,
    OutageKind,
    WaitlistEntry,
)
from .catalogue import (
    Badge,
    Closure,
    Instrument,
    OpeningHours,
    Platform,
    Qualification,
    Service,
    Tariff,
    TariffUnit,
    UserCategory,
)

__all__ = [
    "ACTIVE_STATUSES",
    "Badge",
    "Booking",
    "BookingKind",
    "BookingSeries",
    "BookingStatus",
    "Closure",
    "Frequency",
    "Instrument",
    "OpeningHours",
    "Outage",
    "OutageKind",
    "Platform",
    "Qualification",
    "Service",
    "ServiceRequest",
    "ServiceRequestStatus",
    "Statement",
    "Tariff",
    "TariffUnit",
    "UsageKind",
    "UsageRecord",
    "UserCategory",
    "WaitlistEntry",
]
