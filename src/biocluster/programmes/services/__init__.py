from .enrolments import decide_renewal, enrol, graduate, leave, max_end, request_renewal
from .milestones import declare_milestone, review_milestone
from .programmes import create_cohort, save_programme
from .support import (
    add_action,
    add_objective,
    hold_review,
    log_session,
    next_review,
    quota_of,
    record_review,
    save_expert,
    save_plan,
    set_action_status,
)

__all__ = [
    "add_action",
    "add_objective",
    "create_cohort",
    "decide_renewal",
    "declare_milestone",
    "enrol",
    "graduate",
    "hold_review",
    "leave",
    "log_session",
    "max_end",
    "next_review",
    "quota_of",
    "record_review",
    "request_renewal",
    "review_milestone",
    "save_expert",
    "save_plan",
    "save_programme",
    "set_action_status",
]
