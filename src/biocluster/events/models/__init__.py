from .events import AttendanceMode, Event, EventKind, EventStatus, Registration, RegistrationStatus
from .programme import DelegationVisit, Room, Session

__all__ = [
    "AttendanceMode",
    "DelegationVisit",
    "Event",
    "EventKind",
    "EventStatus",
    "Registration",
    "RegistrationStatus",
    "Room",
    "Session",
]
