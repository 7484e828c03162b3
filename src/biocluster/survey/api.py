"""/api/surveys (the campaigns) and /api/survey-responses, with the pages' rules.

Staff see every campaign and response; a company's administrators see the campaigns their
company is asked in and their own responses only (another's is a 404), and write them while
the campaign is open. Writes go through the same services: a bad answer is a 422 naming the
question's code, and nothing is saved.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_actions import Actions
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import MAX_ID, ObjectId, Text

from . import services
from .models import Campaign, Response

router = Router(tags=["surveys"])

State = Literal["draft", "submitted", "validated", "returned"]
Typed = bool | float | Text(2000) | None


class QuestionOut(Schema):
    code: str
    label: str
    kind: str
    required: bool


class SurveyOut(Schema):
    id: int
    year: int
    deadline: date
    state: str
    questions: list[QuestionOut]
    asked: int | None = Field(description="Companies asked (staff only).")
    by_state: dict[str, int] | None = Field(description="Responses per state (staff only).")
    response_rate: float | None = Field(description="Validated responses over companies asked (staff only).")


class AnswerOut(Schema):
    question: str
    value: bool | float | str | None
    prefilled_value: str
    prefilled_from: str
    prefill_detail: str


class ResponseOut(Schema):
    id: int
    survey: int
    year: int
    organisation: int
    organisation_name: str
    state: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    staff_comment: str
    answers: list[AnswerOut]


class ResponseQuery(Schema):
    survey: int | None = Field(None, ge=1, le=MAX_ID)
    organisation: int | None = Field(None, ge=1, le=MAX_ID)
    state: State | None = None


class AnswersIn(Schema):
    answers: dict[Text(40), Typed] = Field(
        default_factory=dict,
        max_length=100,
        description="Question code -> value: a number (whole or EUR), true/false, a text; null to clear.",
    )


class ReturnIn(Schema):
    comment: Text(2000, 1)


def survey_out(campaign: Campaign, *, staff: bool) -> dict:
    completion = services.completion(campaign) if staff else None
    return {
        "id": campaign.pk,
        "year": campaign.year,
        "deadline": campaign.deadline,
        "state": campaign.state,
        "questions": [
            {"code": q.code, "label": str(q), "kind": q.kind, "required": q.required}
            for q in campaign.questions.all()
        ],
        "asked": completion.asked if completion else None,
        "by_state": dict(completion.by_state) if completion else None,
        "response_rate": completion.response_rate if completion else None,
    }


def _value(answer):
    value = answer.value
    return float(value) if value is not None and not isinstance(value, (bool, str, int)) else value


def response_out(response: Response) -> dict:
    return {
        "id": response.pk,
        "survey": response.campaign_id,
        "year": response.campaign.year,
        "organisation": response.organisation_id,
        "organisation_name": response.organisation.name,
        "state": response.state,
        "submitted_at": response.submitted_at,
        "reviewed_at": response.reviewed_at,
        "staff_comment": response.staff_comment,
        "answers": [
            {
                "question": answer.question.code,
                "value": _value(answer),
                "prefilled_value": answer.prefilled_value,
                "prefilled_from": answer.prefilled_from,
                "prefill_detail": answer.prefill_detail,
            }
            for answer in services.answers_of(response)
        ],
    }


def _campaigns(request):
    return Campaign.objects.visible_to(request.user).prefetch_related("questions")


def _responses(request):
    return (
        Response.objects.visible_to(request.user)
        .select_related("campaign", "organisation")
        .prefetch_related("answers__question", "campaign__questions")
    )


def _staff(request) -> bool:
    return request.user.has_perm("survey.manage_campaigns")


@router.get("/surveys", response=list[SurveyOut], summary="Survey campaigns")
@paginate
def list_surveys(request):
    require(request.user, "survey.list")
    staff = _staff(request)
    rows = services.with_completion(_campaigns(request)) if staff else _campaigns(request)
    return Shaped(rows.order_by("-year"), lambda campaign: survey_out(campaign, staff=staff))


@router.get("/surveys/{pk}", response={200: SurveyOut, 404: Error})
def get_survey(request, pk: ObjectId):
    return survey_out(get_visible_or_404(_campaigns(request), request.user, pk=pk), staff=_staff(request))


@router.get("/survey-responses", response=list[ResponseOut], summary="Survey responses")
@paginate
def list_responses(request, query: Query[ResponseQuery]):
    require(request.user, "survey.list")
    rows = _responses(request).order_by("-campaign__year", "organisation__name", "pk")
    if query.survey is not None:
        rows = rows.filter(campaign_id=query.survey)
    if query.organisation is not None:
        rows = rows.filter(organisation_id=query.organisation)
    if query.state is not None:
        rows = rows.filter(state=query.state)
    return Shaped(rows, response_out)


@router.get("/survey-responses/{pk}", response={200: ResponseOut, 404: Error})
def get_response(request, pk: ObjectId):
    return response_out(get_visible_or_404(_responses(request), request.user, pk=pk))


responses = Actions(_responses, target="response", out=response_out)


@router.patch(
    "/survey-responses/{pk}",
    response={200: ResponseOut, 403: Error, 404: Error, 422: Error},
    summary="Save answers as a draft",
)
def save_response(request, pk: ObjectId, payload: AnswersIn):
    return responses.act(request, pk, "survey.answer_response", services.save_answers, values=payload.answers)


@router.post(
    "/survey-responses/{pk}/submit",
    response={200: ResponseOut, 403: Error, 404: Error, 422: Error},
    summary="Submit the answers (with those given last)",
)
def submit_response(request, pk: ObjectId, payload: AnswersIn):
    return responses.act(
        request, pk, "survey.answer_response", services.submit_response, values=payload.answers
    )


@router.post(
    "/survey-responses/{pk}/validate", response={200: ResponseOut, 403: Error, 404: Error, 422: Error}
)
def validate_response(request, pk: ObjectId):
    return responses.act(request, pk, "survey.review_response", services.validate_response)


@router.post("/survey-responses/{pk}/return", response={200: ResponseOut, 403: Error, 404: Error, 422: Error})
def return_response(request, pk: ObjectId, payload: ReturnIn):
    return responses.act(
        request, pk, "survey.review_response", services.return_response, comment=payload.comment
    )
