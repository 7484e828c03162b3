"""Every write on events goes through these functions (pages, API, admin and demo alike)."""

from .events import (
    add_session,
    add_visit,
    cancel_event,
    create_event,
    delete_session,
    delete_visit,
    publish_event,
    update_event,
    update_session,
)
from .registrations import (
    add_registration,
    cancel_registration,
    check_in,
    register,
    registration_problem,
)

__all__ = [
    "add_registration",
    "add_session",
    "add_visit",
    "cancel_event",
    "cancel_registration",
    "check_in",
    "create_event",
    "delete_session",
    "delete_visit",
    "publish_event",
    "register",
    "registration_problem",
    "update_event",
    "update_session",
]
