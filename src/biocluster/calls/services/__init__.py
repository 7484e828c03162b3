"""Every write of the calls area goes through these functions.

Each takes the acting user (`actor`) and keyword-only arguments, runs in a transaction,
enforces the area's rules (deadline, conflicts of interest, envelope) and records its
audit event. Permission to act on the object is checked by the caller (page, API,
command), as everywhere in the project.
"""

from .calls import create_call, publish_call, set_eligibility, set_form_definition, set_rubric, update_call
from .decisions import (
    decide,
    publish_decisions,
    record_payment,
    record_report,
    set_award_status,
)
from .proposals import (
    attach_file,
    remove_co_applicant,
    save_draft,
    share_proposal,
    start_proposal,
    submit_proposal,
    withdraw_proposal,
)
from .reviews import (
    assign_reviewer,
    auto_assign,
    cancel_review,
    declare_conflict,
    save_review,
    send_reminders,
    set_reviewer_profile,
)

__all__ = [
    "assign_reviewer",
    "attach_file",
    "auto_assign",
    "cancel_review",
    "create_call",
    "decide",
    "declare_conflict",
    "publish_call",
    "publish_decisions",
    "record_payment",
    "record_report",
    "remove_co_applicant",
    "save_draft",
    "save_review",
    "send_reminders",
    "set_award_status",
    "set_eligibility",
    "set_form_definition",
    "set_reviewer_profile",
    "set_rubric",
    "share_proposal",
    "start_proposal",
    "submit_proposal",
    "update_call",
    "withdraw_proposal",
]
