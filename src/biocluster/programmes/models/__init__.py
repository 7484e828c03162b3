from .enrolments import Enrolment, EnrolmentStatus, ExitReason, Renewal, RenewalStatus
from .milestones import MONEY_KINDS, Milestone, MilestoneKind, MilestoneStatus, Round
from .programmes import Cohort, Programme, Target
from .support import (
    Action,
    ActionStatus,
    Expert,
    ExpertKind,
    Objective,
    PlanReview,
    QuotaOverride,
    Session,
    SessionKind,
)

__all__ = [
    "MONEY_KINDS",
    "Action",
    "ActionStatus",
    "Cohort",
    "Enrolment",
    "EnrolmentStatus",
    "ExitReason",
    "Expert",
    "ExpertKind",
    "Milestone",
    "MilestoneKind",
    "MilestoneStatus",
    "Objective",
    "PlanReview",
    "Programme",
    "QuotaOverride",
    "Renewal",
    "RenewalStatus",
    "Round",
    "Session",
    "SessionKind",
    "Target",
]
