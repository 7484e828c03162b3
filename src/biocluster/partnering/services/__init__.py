"""Every change to partnering goes through these functions (keyword-only, an `actor`, audited)."""

from .insertion import insert_meeting
from .meetings import (
    cancel_meeting,
    give_feedback,
    place_by_hand,
    publish,
    record_attendance,
    set_locked,
)
from .profiles import ensure_profile, ensure_profiles, set_unavailability, update_profile
from .requests import (
    accept,
    accept_counter,
    counter,
    decline,
    decline_counter,
    expire_due,
    send_request,
    withdraw,
)
from .scheduling import build_instance, execute_run, schedule_now, start_run
from .settings import add_location, configure, remove_location, settings_of

__all__ = [
    "accept",
    "accept_counter",
    "add_location",
    "build_instance",
    "cancel_meeting",
    "configure",
    "counter",
    "decline",
    "decline_counter",
    "ensure_profile",
    "ensure_profiles",
    "execute_run",
    "expire_due",
    "give_feedback",
    "insert_meeting",
    "place_by_hand",
    "publish",
    "record_attendance",
    "remove_location",
    "schedule_now",
    "send_request",
    "set_locked",
    "set_unavailability",
    "settings_of",
    "start_run",
    "update_profile",
    "withdraw",
]
