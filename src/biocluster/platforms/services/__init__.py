"""Every write of the platforms goes through these functions (keyword-only, with an actor, audited)."""

from .billing import advance_service_request, issue_month, issue_statement, request_service
from .booking import (
    SeriesResult,
    Skipped,
    cancel_booking,
    create_booking,
    create_series,
    decide_booking,
    update_booking,
    update_following,
)
from .catalogue import (
    add_closure,
    create_instrument,
    create_platform,
    qualify,
    set_badge,
    set_opening_hours,
    set_tariff,
    update_instrument,
    update_platform,
    withdraw_qualification,
)
from .outages import join_waitlist, leave_waitlist, report_outage, resolve_outage, schedule_maintenance
from .usage import check_in, check_out, record_use, record_walk_in, release_no_shows, send_reminders

__all__ = [
    "SeriesResult",
    "Skipped",
    "add_closure",
    "advance_service_request",
    "cancel_booking",
    "check_in",
    "check_out",
    "create_booking",
    "create_instrument",
    "create_platform",
    "create_series",
    "decide_booking",
    "issue_month",
    "issue_statement",
    "join_waitlist",
    "leave_waitlist",
    "qualify",
    "record_use",
    "record_walk_in",
    "release_no_shows",
    "report_outage",
    "request_service",
    "resolve_outage",
    "schedule_maintenance",
    "send_reminders",
    "set_badge",
    "set_opening_hours",
    "set_tariff",
    "update_booking",
    "update_following",
    "update_instrument",
    "update_platform",
    "withdraw_qualification",
]
