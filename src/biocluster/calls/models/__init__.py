from .calls import Call, CallStatus, Phase, accepts_at
from .decisions import Award, AwardStatus, Decision, Instalment, Outcome, ReportDue, ReportKind
from .proposals import Attachment, Language, Proposal, ProposalMember, ProposalStatus
from .reviews import Conflict, Review, ReviewerProfile, ReviewStatus

__all__ = [
    "Attachment",
    "Award",
    "AwardStatus",
    "Call",
    "CallStatus",
    "Conflict",
    "Decision",
    "Instalment",
    "Language",
    "Outcome",
    "Phase",
    "Proposal",
    "ProposalMember",
    "ProposalStatus",
    "ReportDue",
    "ReportKind",
    "Review",
    "ReviewStatus",
    "ReviewerProfile",
    "accepts_at",
]
