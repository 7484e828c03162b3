from .events import Event, EventKind, EventStatus, Registration, RegistrationStatus, AttendanceMode

__all__ = ["AttendanceMode", "Event", "EventKind", "EventStatus", "Registration", "RegistrationStatus"]
