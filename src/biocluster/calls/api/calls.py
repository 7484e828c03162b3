"""/api/calls: list, read, create and change calls; eligibility; ranking; decisions; awards."""

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import ObjectId
from biocluster.directory.models import TechnologyField

from .. import eligibility, services
from ..committee import ranking_table
from ..facts import applicant_facts
from ..models import Award, Call
from .proposals import proposal_out
from .schemas import (
    AwardOut,
    CallIn,
    CallOut,
    CallPatch,
    EligibilityOut,
    ProposalOut,
    ProposalStart,
    RankingOut,
)

router = Router()


def call_out(call: Call) -> dict:
    return {
        "id": call.pk,
        "kind": call.kind,
        "kind_label": call.kind_label,
        "collaborative": call.collaborative,
        "title_en": call.title_en,
        "title_fr": call.title_fr,
        "summary_en": call.summary_en,
        "summary_fr": call.summary_fr,
        "description_en": call.description_en,
        "description_fr": call.description_fr,
        "themes": [t.code for t in call.themes.all()],
        "eligibility": call.eligibility,
        "form_definition": call.form_definition,
        "rubric": call.rubric,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "time_zone": call.time_zone,
        "review_due_at": call.review_due_at,
        "budget_envelope": call.budget_envelope,
        "status": call.status,
        "phase": call.phase(),
        "url": reverse("calls:call_detail", args=[call.pk]),
    }


def _call(request, pk) -> Call:
    return get_visible_or_404(Call.objects.prefetch_related("themes"), request.user, pk=pk)


def _resolve(data: dict) -> dict:
    """Codes to objects; naive date-times are read in the call's time zone."""
    zone_name = data.get("time_zone") or "Europe/Paris"
    try:
        zone = ZoneInfo(zone_name)
    except (KeyError, ValueError) as error:
        raise ValidationError({"time_zone": ["Unknown time zone."]}) from error
    for name in ("opens_at", "closes_at", "review_due_at"):
        value = data.get(name)
        if value is not None and timezone.is_naive(value):
            data[name] = timezone.make_aware(value, zone)
    if "themes" in data and data["themes"] is not None:
        wanted = set(data["themes"])
        found = list(TechnologyField.objects.filter(code__in=wanted))
        missing = wanted - {f.code for f in found}
        if missing:
            raise ValidationError({"themes": [f"Unknown code(s): {', '.join(sorted(missing))}."]})
        data["themes"] = found
    for name in ("form_definition", "rubric", "eligibility", "themes"):
        if name in data and data[name] is None:
            del data[name]
    return data


@router.get("/calls", response=list[CallOut], summary="List calls")
@paginate
def list_calls(request):
    calls = Call.objects.visible_to(request.user).prefetch_related("themes")
    return Shaped(calls, call_out)


@router.post("/calls", response={201: CallOut, 403: Error, 422: Error}, summary="Create a call (staff)")
def create_call(request, payload: CallIn):
    require(request.user, "calls.add_call")
    call = services.create_call(actor=request.user, **_resolve(payload.dict()))
    return Status(201, call_out(_call(request, call.pk)))


@router.get("/calls/{pk}", response={200: CallOut, 404: Error})
def get_call(request, pk: ObjectId):
    return call_out(_call(request, pk))


@router.patch("/calls/{pk}", response={200: CallOut, 403: Error, 404: Error, 422: Error})
def update_call(request, pk: ObjectId, payload: CallPatch):
    call = _call(request, pk)
    require(request.user, "calls.manage_call", call)
    data = payload.dict(exclude_unset=True)
    data.setdefault("time_zone", call.time_zone)
    services.update_call(actor=request.user, call=call, **_resolve(data))
    return call_out(_call(request, pk))


@router.post("/calls/{pk}/publish", response={200: CallOut, 403: Error, 404: Error, 422: Error})
def publish_call(request, pk: ObjectId):
    call = _call(request, pk)
    require(request.user, "calls.manage_call", call)
    services.publish_call(actor=request.user, call=call)
    return call_out(_call(request, pk))


@router.get("/calls/{pk}/eligibility", response={200: list[EligibilityOut], 404: Error})
def call_eligibility(request, pk: ObjectId):
    """The call's eligibility rules checked for the signed-in user, before they write."""
    call = _call(request, pk)
    facts = applicant_facts(request.user)
    return [r.as_dict() for r in eligibility.evaluate(call.eligibility, facts)]


@router.post("/calls/{pk}/proposals", response={201: ProposalOut, 403: Error, 404: Error, 422: Error})
def start_proposal(request, pk: ObjectId, payload: ProposalStart):
    call = _call(request, pk)
    require(request.user, "calls.apply_to_call", call)
    proposal = services.start_proposal(actor=request.user, call=call, **payload.dict(exclude_none=True))
    return Status(201, proposal_out(proposal, request.user))


@router.get("/calls/{pk}/ranking", response={200: RankingOut, 403: Error, 404: Error})
def call_ranking(request, pk: ObjectId):
    call = _call(request, pk)
    require(request.user, "calls.manage_call", call)
    table = ranking_table(call)
    return {
        "envelope": table.envelope,
        "committed": table.committed,
        "left": table.left,
        "rows": [
            {
                "proposal": row.proposal_id,
                "reference": row.extra["reference"],
                "title": row.extra["title"],
                "requested_amount": row.extra["requested"],
                "rank": row.rank,
                "mean": row.mean,
                "spread": row.spread,
                "disagreement": row.disagreement,
                "pending_reviews": row.extra["pending"],
                "outcome": row.extra["outcome"],
                "amount": row.extra["amount"],
                "reviews": [
                    {
                        "review": r.review_id,
                        "score": r.score,
                        "outlier": r.outlier,
                        "reviewer": {"id": r.reviewer_id, "name": table.reviewers.get(r.reviewer_id, "")},
                    }
                    for r in row.reviews
                ],
            }
            for row in table.rows
        ],
    }


@router.post("/calls/{pk}/decisions/publish", response={200: CallOut, 403: Error, 404: Error, 422: Error})
def publish_decisions(request, pk: ObjectId):
    call = _call(request, pk)
    require(request.user, "calls.manage_call", call)
    services.publish_decisions(actor=request.user, call=call)
    return call_out(_call(request, pk))


@router.get("/calls/{pk}/awards", response={200: list[AwardOut], 403: Error, 404: Error})
def call_awards(request, pk: ObjectId):
    call = _call(request, pk)
    require(request.user, "calls.manage_call", call)
    awards = (
        Award.objects.filter(proposal__call=call)
        .select_related("proposal__call")
        .prefetch_related("instalments")
    )
    return [
        {
            "id": a.pk,
            "proposal": a.proposal_id,
            "reference": a.proposal.reference,
            "amount": a.amount,
            "start_date": a.start_date,
            "end_date": a.end_date,
            "status": a.status,
            "instalments": [
                {"number": i.number, "due_date": i.due_date, "amount": i.amount, "paid_on": i.paid_on}
                for i in a.instalments.all()
            ],
        }
        for a in awards
    ]
