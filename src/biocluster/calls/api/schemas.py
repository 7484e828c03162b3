"""Input and output schemas of the calls API. Inputs are bounded, so bad input is a 422."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel

from biocluster.core.api_types import MAX_ID, Text


def _plausible(value: datetime | None) -> datetime | None:
    # Far years overflow once shifted to a time zone; no call runs outside these.
    if value is not None and not 2000 <= value.year <= 2100:
        raise ValueError("must be a date-time between the years 2000 and 2100")
    return value


Moment = Annotated[datetime, AfterValidator(_plausible)]
Amount = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)]
Code = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9-]+$")]


class CallIn(Schema):
    kind: str = Field(..., min_length=1, max_length=40, pattern=r"^[a-z_]+$")
    collaborative: bool = False
    title_en: Text(200, min_length=1)
    title_fr: Text(200, min_length=1)
    summary_en: Text(5000) = ""
    summary_fr: Text(5000) = ""
    description_en: Text(50_000) = ""
    description_fr: Text(50_000) = ""
    themes: list[Code] = Field(default_factory=list, max_length=50)
    opens_at: Moment
    closes_at: Moment
    time_zone: Text(64, min_length=1) = "Europe/Paris"
    review_due_at: Moment | None = None
    budget_envelope: Amount
    reference_prefix: str = Field(..., min_length=1, max_length=12, pattern=r"^[A-Z0-9]+$")
    form_definition: dict[str, Any] | None = None
    rubric: dict[str, Any] | None = None
    eligibility: list[Any] | None = Field(None, max_length=50)


class CallPatch(CallIn):
    kind: str | None = Field(None, min_length=1, max_length=40, pattern=r"^[a-z_]+$")
    collaborative: bool | None = None
    title_en: Text(200, min_length=1) | None = None
    title_fr: Text(200, min_length=1) | None = None
    opens_at: Moment | None = None
    closes_at: Moment | None = None
    budget_envelope: Amount | None = None
    reference_prefix: str | None = Field(None, min_length=1, max_length=12, pattern=r"^[A-Z0-9]+$")


class CallOut(Schema):
    id: int
    kind: str
    kind_label: str
    collaborative: bool
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    description_en: str
    description_fr: str
    themes: list[str]
    eligibility: list[Any]
    form_definition: dict[str, Any]
    rubric: dict[str, Any]
    opens_at: datetime
    closes_at: datetime
    time_zone: str
    review_due_at: datetime | None
    budget_envelope: Decimal
    status: str
    phase: str
    url: str


class EligibilityOut(Schema):
    type: str
    status: str
    message: str
    key: str


class AttachmentOut(Schema):
    id: int
    field: str
    name: str
    size: int
    content_type: str
    url: str


class DecisionOut(Schema):
    outcome: str
    amount: Decimal
    note_to_applicant: str


class ProposalOut(Schema):
    id: int
    call: int
    reference: str
    title: str
    summary: str
    language: str
    requested_amount: Decimal | None
    organisation: int | None
    technology_fields: list[str]
    answers: dict[str, Any]
    status: str
    submitted_at: datetime | None
    withdrawn_at: datetime | None
    attachments: list[AttachmentOut]
    co_applicants: list[str] | None
    decision: DecisionOut | None
    feedback: list[str] | None
    url: str


class ProposalStart(Schema):
    title: Text(250) = ""
    language: str | None = Field(None, pattern=r"^(en|fr)$")


class ProposalPatch(Schema):
    title: Text(250, min_length=1) | None = None
    summary: Text(3000) | None = None
    language: str | None = Field(None, pattern=r"^(en|fr)$")
    requested_amount: Amount | None = None
    organisation: int | None = Field(None, ge=1, le=MAX_ID)
    technology_fields: list[Code] | None = Field(None, max_length=20)
    answers: dict[str, Any] | None = None


class SubmitIn(Schema):
    declarations: list[Text(40)] = Field(default_factory=list, max_length=20)


class WithdrawIn(Schema):
    reason: Text(1000) = ""


class DecisionIn(Schema):
    outcome: str = Field(..., pattern=r"^(funded|waiting_list|rejected)$")
    amount: Amount = Decimal(0)
    note_to_applicant: Text(5000) = ""
    committee_note: Text(5000) = ""


class AssignIn(Schema):
    reviewer: int = Field(..., ge=1, le=MAX_ID)
    due_at: Moment | None = None


class ReviewerOut(Schema):
    id: int
    name: str


class ReviewOut(Schema):
    id: int
    proposal: int
    reference: str
    title: str
    summary: str
    call: int
    call_title: str
    due_at: datetime | None
    status: str
    conflict: str
    conflict_reason: str
    scores: dict[str, int]
    weighted_score: Decimal | None
    comment_to_committee: str
    comment_to_applicant: str
    submitted_at: datetime | None
    reviewer: ReviewerOut | None


class DeclarationIn(Schema):
    has_conflict: bool
    reason: Text(2000) = ""


class ReviewIn(Schema):
    scores: dict[Annotated[str, Field(max_length=40)], int | None] = Field(
        default_factory=dict, max_length=20
    )
    comment_to_committee: Text(10_000) = ""
    comment_to_applicant: Text(10_000) = ""
    submit: bool = False


class _Plain(BaseModel):
    """Plain pydantic output: the ranking has thousands of rows, and ninja's Schema
    validator (made to read ORM objects) costs more than the ranking itself."""


class PlainReviewer(_Plain):
    id: int
    name: str


class RankedReviewOut(_Plain):
    review: int
    score: float
    outlier: bool
    reviewer: PlainReviewer


class RankingRowOut(_Plain):
    proposal: int
    reference: str
    title: str
    requested_amount: Decimal | None
    rank: int | None
    mean: float | None
    spread: float | None
    disagreement: bool
    pending_reviews: int
    reviews: list[RankedReviewOut]
    outcome: str
    amount: Decimal | None


class RankingOut(_Plain):
    envelope: Decimal
    committed: Decimal
    left: Decimal
    rows: list[RankingRowOut]


class InstalmentOut(Schema):
    number: int
    due_date: date
    amount: Decimal
    paid_on: date | None


class AwardOut(Schema):
    id: int
    proposal: int
    reference: str
    amount: Decimal
    start_date: date
    end_date: date
    status: str
    instalments: list[InstalmentOut]
