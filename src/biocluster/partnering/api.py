"""/api/meeting-requests and /api/meetings, under the same rules as the pages.

Participants see their own requests and meetings; organisers see every one.
Requests are sent as the token user's own profile at the recipient's event.
Rule violations are 422 naming the field; acting on someone else's request is 403.
"""

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, Text

from . import querysets, services
from .filters import MeetingFilter, MeetingRequestFilter, ParticipantFilter
from .models import Meeting, MeetingRequest, MeetingStatus, ParticipantKind, Profile, RequestStatus, Slot

router = Router(tags=["partnering"])


class PartneringByEvent(Schema):
    event: int | None = Field(None, ge=1, le=MAX_ID)


class PartneringParticipantOut(Schema):
    id: int
    name: str
    organisation: str | None
    kind: str


class PartneringSlotOut(Schema):
    id: int
    start: datetime
    end: datetime


class MeetingRequestOut(Schema):
    id: int
    event: int
    sender: PartneringParticipantOut
    recipient: PartneringParticipantOut
    message: str
    priority: int
    status: str
    proposed_slot: PartneringSlotOut | None
    response: str
    expires_at: datetime | None
    created_at: datetime
    meeting: int | None


class PartneringLocationOut(Schema):
    id: int
    name: str
    virtual: bool


class MeetingOut(Schema):
    id: int
    event: int
    participants: list[PartneringParticipantOut]
    priority: int
    status: str
    slot: PartneringSlotOut | None
    location: PartneringLocationOut | None
    locked: bool
    published: bool
    sequence: int
    uid: str
    attendance: str


def participant_out(profile: Profile) -> dict:
    organisation = profile.registration.organisation
    return {
        "id": profile.pk,
        "name": profile.registration.name,
        "organisation": organisation.name if organisation else None,
        "kind": profile.kind,
    }


def slot_out(slot: Slot | None) -> dict | None:
    return None if slot is None else {"id": slot.pk, "start": slot.starts_at, "end": slot.ends_at}


def request_out(request: MeetingRequest) -> dict:
    if hasattr(request, "meeting_pk"):  # annotated by `_requests`: no query per request
        meeting = request.meeting_pk
    else:
        meeting = Meeting.objects.filter(request=request).values_list("pk", flat=True).first()
    return {
        "id": request.pk,
        "event": request.event_id,
        "sender": participant_out(request.sender),
        "recipient": participant_out(request.recipient),
        "message": request.message,
        "priority": request.priority,
        "status": request.status_at(timezone.now()),
        "proposed_slot": slot_out(request.proposed_slot),
        "response": request.response,
        "expires_at": request.expires_at,
        "created_at": request.created_at,
        "meeting": meeting,
    }


def meeting_out(meeting: Meeting) -> dict:
    location = meeting.location
    return {
        "id": meeting.pk,
        "event": meeting.event_id,
        "participants": [participant_out(p) for p in meeting.participants.all()],
        "priority": meeting.priority,
        "status": meeting.status,
        "slot": slot_out(meeting.slot),
        "location": None
        if location is None
        else {"id": location.pk, "name": location.name, "virtual": location.is_virtual},
        "locked": meeting.locked,
        "published": meeting.published_at is not None,
        "sequence": meeting.sequence,
        "uid": meeting.uid,
        "attendance": meeting.attendance,
    }


PROFILE_RELATED = ("registration__organisation",)


def _requests(request):
    meeting = Meeting.objects.filter(request=OuterRef("pk")).order_by("pk").values("pk")[:1]
    return (
        MeetingRequest.objects.visible_to(request.user)
        .select_related(
            "sender__registration__organisation", "recipient__registration__organisation", "proposed_slot"
        )
        .annotate(meeting_pk=Subquery(meeting))
    )


def _meetings(request):
    return (
        Meeting.objects.visible_to(request.user)
        .select_related("slot", "location")
        .prefetch_related("participants__registration__organisation")
    )


# --------------------------------------------------------------------------- requests


class ParticipantQuery(PartneringByEvent):
    q: Text(100) | None = None
    kind: ParticipantKind | None = None
    field: int | None = Field(
        None, ge=1, le=MAX_ID, description="A technology field (its sub-fields match too)."
    )
    stage: int | None = Field(None, ge=1, le=MAX_ID, description="A value-chain stage.")


@router.get(
    "/participants",
    response=list[PartneringParticipantOut],
    summary="Participants of the events you take part in (every event's for organisers)",
)
@paginate
def list_participants(request, query: Query[ParticipantQuery]):
    profiles = Profile.objects.visible_to(request.user).active().select_related(*PROFILE_RELATED)
    profiles = filtered(ParticipantFilter, query, profiles).order_by("registration__name", "pk")
    return Shaped(profiles, participant_out)


class MeetingRequestQuery(PartneringByEvent):
    status: RequestStatus | None = None
    box: Literal["all", "received", "sent"] = Field("all", description="Only the requests received, or sent.")


@router.get(
    "/meeting-requests", response=list[MeetingRequestOut], summary="Meeting requests you sent or received"
)
@paginate
def list_requests(request, query: Query[MeetingRequestQuery]):
    requests = filtered(MeetingRequestFilter, query, _requests(request), request)
    requests = requests.order_by("-created_at", "-pk")
    return Shaped(requests, request_out)


class MeetingRequestIn(Schema):
    recipient: int = Field(..., ge=1, le=MAX_ID, description="The participant's profile id.")
    message: Text(2000) = ""
    priority: int = Field(2, ge=1, le=3)


@router.post(
    "/meeting-requests",
    response={201: MeetingRequestOut, 422: Error},
    summary="Ask a participant for a meeting",
)
def create_request(request, payload: MeetingRequestIn):
    recipient = (
        Profile.objects.visible_to(request.user)
        .select_related(*PROFILE_RELATED)
        .filter(pk=payload.recipient)
        .first()
    )
    if recipient is None:
        raise ValidationError({"recipient": ["No participant with that id at your events."]})
    sender = Profile.objects.filter(
        pk__in=querysets.own_profile_ids(request.user), event_id=recipient.event_id
    ).first()
    if sender is None:
        raise ValidationError({"recipient": ["You are not a participant of this event."]})
    created = services.send_request(
        sender=sender,
        recipient=recipient,
        actor=request.user,
        message=payload.message,
        priority=payload.priority,
    )
    return Status(201, request_out(_requests(request).get(pk=created.pk)))


@router.get("/meeting-requests/{pk}", response={200: MeetingRequestOut, 404: Error})
def get_request(request, pk: ObjectId):
    return request_out(get_visible_or_404(_requests(request), request.user, pk=pk))


class MeetingAnswerIn(Schema):
    response: Text(2000) = ""


class CounterProposalIn(Schema):
    slot: int = Field(..., ge=1, le=MAX_ID)
    response: Text(2000) = ""


def _answer(request, pk, permission, service, **kwargs):
    meeting_request = get_visible_or_404(_requests(request), request.user, pk=pk)
    require(request.user, permission, meeting_request)
    service(request=meeting_request, actor=request.user, **kwargs)
    return request_out(_requests(request).get(pk=pk))


ANSWER = {200: MeetingRequestOut, 403: Error, 404: Error, 422: Error}


@router.post("/meeting-requests/{pk}/accept", response=ANSWER, summary="Accept: a meeting for the scheduler")
def accept_request(request, pk: ObjectId, payload: MeetingAnswerIn):
    return _answer(request, pk, "partnering.answer_request", services.accept, response=payload.response)


@router.post("/meeting-requests/{pk}/decline", response=ANSWER, summary="Decline a request")
def decline_request(request, pk: ObjectId, payload: MeetingAnswerIn):
    return _answer(request, pk, "partnering.answer_request", services.decline, response=payload.response)


@router.post("/meeting-requests/{pk}/counter", response=ANSWER, summary="Propose another time instead")
def counter_request(request, pk: ObjectId, payload: CounterProposalIn):
    meeting_request = get_visible_or_404(_requests(request), request.user, pk=pk)
    slot = Slot.objects.filter(pk=payload.slot, event_id=meeting_request.event_id).first()
    if slot is None:
        raise ValidationError({"slot": ["No such time at this event."]})
    return _answer(
        request, pk, "partnering.answer_request", services.counter, slot=slot, response=payload.response
    )


@router.post(
    "/meeting-requests/{pk}/accept-counter", response=ANSWER, summary="Take the time proposed to you"
)
def accept_counter(request, pk: ObjectId):
    return _answer(request, pk, "partnering.withdraw_request", services.accept_counter)


@router.post("/meeting-requests/{pk}/withdraw", response=ANSWER, summary="Withdraw a request you sent")
def withdraw_request(request, pk: ObjectId):
    return _answer(request, pk, "partnering.withdraw_request", services.withdraw)


# --------------------------------------------------------------------------- meetings


class MeetingQuery(PartneringByEvent):
    status: MeetingStatus | None = None
    placed: bool | None = Field(None, description="Only meetings with (true) or without (false) a time.")


@router.get("/meetings", response=list[MeetingOut], summary="Your meetings (every meeting for organisers)")
@paginate
def list_meetings(request, query: Query[MeetingQuery]):
    meetings = filtered(MeetingFilter, query, _meetings(request)).order_by("slot__starts_at", "pk")
    return Shaped(meetings, meeting_out)


@router.get("/meetings/{pk}", response={200: MeetingOut, 404: Error})
def get_meeting(request, pk: ObjectId):
    return meeting_out(get_visible_or_404(_meetings(request), request.user, pk=pk))


MEETING_ANSWER = {200: MeetingOut, 403: Error, 404: Error, 422: Error}


@router.post("/meetings/{pk}/cancel", response=MEETING_ANSWER, summary="Cancel a meeting")
def cancel_meeting(request, pk: ObjectId):
    meeting = get_visible_or_404(_meetings(request), request.user, pk=pk)
    require(request.user, "partnering.change_meeting", meeting)
    services.cancel_meeting(meeting=meeting, actor=request.user)
    return meeting_out(_meetings(request).get(pk=pk))


@router.post(
    "/meetings/{pk}/place",
    response=MEETING_ANSWER,
    summary="Place a meeting without a time into the schedule now (organisers)",
)
def place_meeting(request, pk: ObjectId):
    """Only the change is read and written (services.insert_meeting): no scheduler run."""
    meeting = get_visible_or_404(_meetings(request), request.user, pk=pk)
    require(request.user, "partnering.manage_partnering", meeting.event)
    services.insert_meeting(meeting=meeting, actor=request.user)
    return meeting_out(_meetings(request).get(pk=pk))


class MeetingAttendanceIn(Schema):
    attendance: Literal["held", "no_show"]


@router.post("/meetings/{pk}/attendance", response=MEETING_ANSWER, summary="Record whether it was held")
def record_attendance(request, pk: ObjectId, payload: MeetingAttendanceIn):
    meeting = get_visible_or_404(_meetings(request), request.user, pk=pk)
    require(request.user, "partnering.change_meeting", meeting)
    services.record_attendance(meeting=meeting, actor=request.user, attendance=payload.attendance)
    return meeting_out(_meetings(request).get(pk=pk))


class MeetingFeedbackIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    follow_up: bool = False
    comment: Text(2000) = ""


class MeetingFeedbackOut(Schema):
    meeting: int
    rating: int
    follow_up: bool
    comment: str


@router.post(
    "/meetings/{pk}/feedback",
    response={200: MeetingFeedbackOut, 403: Error, 404: Error, 422: Error},
    summary="Your feedback on a meeting you took part in",
)
def give_feedback(request, pk: ObjectId, payload: MeetingFeedbackIn):
    meeting = get_visible_or_404(_meetings(request), request.user, pk=pk)
    profile = next(
        (p for p in meeting.participants.all() if p.pk in querysets.own_profile_ids(request.user)), None
    )
    if profile is None:
        raise PermissionDenied
    feedback = services.give_feedback(
        meeting=meeting,
        profile=profile,
        actor=request.user,
        rating=payload.rating,
        follow_up=payload.follow_up,
        comment=payload.comment,
    )
    return {
        "meeting": meeting.pk,
        "rating": feedback.rating,
        "follow_up": feedback.follow_up,
        "comment": feedback.comment,
    }
