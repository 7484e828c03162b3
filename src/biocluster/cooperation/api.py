"""/api/partnership-agreements, /api/agreement-activities, /api/soft-landings, /api/memberships.

Cluster staff only, as on the pages: others find nothing (404) and may not write (401
anonymous, 403 otherwise). Writes go through the same services.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, OptionalId, Text
from biocluster.directory.models import Organisation, Person

from . import services
from .filters import ActivityFilter, AgreementFilter, MembershipFilter, SoftLandingFilter
from .models import AgreementActivity, Membership, PartnershipAgreement, SoftLanding

router = Router(tags=["cooperation"])

Id = Annotated[int, Field(ge=1, le=MAX_ID)]

VIEW = "cooperation.view_cooperation"
AgreementKindIn = Literal["mou", "cooperation", "soft_landing"]
ScopeIn = Literal["soft_landing", "technology_transfer", "joint_rd", "benchmarking"]
StatusIn = Literal["draft", "signed", "terminated"]
RenewalIn = Literal["none", "tacit", "on_request"]
ActivityKindIn = Literal["visit", "mission", "webinar", "company_referred", "joint_application"]
StageIn = Literal["lead", "first_contact", "needs_assessment", "visit", "offer", "installed", "lost"]
MoveStage = Literal["lead", "first_contact", "needs_assessment", "visit", "offer", "lost"]
DirectionIn = Literal["inbound", "outbound"]
CompanyKind = Literal["startup", "sme", "large_company"]


# -- schemas


class PartnershipAgreementOut(Schema):
    id: int
    partner: int
    partner_name: str
    partner_country: str
    title: str
    kind: str
    scopes: list[str]
    status: str
    signed_on: date | None
    expires_on: date | None
    terminated_on: date | None
    renewal: str
    our_signatory: int | None
    partner_signatory: int | None
    our_contact: int | None
    partner_contact: int | None
    has_document: bool
    notes: str
    source: str


class PartnershipAgreementQuery(Schema):
    partner: int | None = Field(None, ge=1, le=MAX_ID)
    kind: AgreementKindIn | None = None
    status: StatusIn | None = None
    country: Text(2, 2) | None = None


class PartnershipAgreementIn(Schema):
    partner: int = Field(ge=1, le=MAX_ID)
    title: Text(200, 1)
    kind: AgreementKindIn
    scopes: list[ScopeIn] = Field(min_length=1, max_length=4)
    status: StatusIn = "draft"
    signed_on: date | None = None
    expires_on: date | None = None
    terminated_on: date | None = None
    renewal: RenewalIn = "none"
    our_signatory: OptionalId = None
    partner_signatory: OptionalId = None
    our_contact: OptionalId = None
    partner_contact: OptionalId = None
    notes: Text(10000) = ""


class PartnershipAgreementPatch(Schema):
    title: Text(200, 1) | None = None
    kind: AgreementKindIn | None = None
    scopes: list[ScopeIn] | None = Field(None, min_length=1, max_length=4)
    status: StatusIn | None = None
    signed_on: date | None = None
    expires_on: date | None = None
    terminated_on: date | None = None
    renewal: RenewalIn | None = None
    our_signatory: OptionalId = None
    partner_signatory: OptionalId = None
    our_contact: OptionalId = None
    partner_contact: OptionalId = None
    notes: Text(10000) | None = None


class AgreementActivityOut(Schema):
    id: int
    agreement: int
    agreement_title: str
    kind: str
    happened_on: date
    title: str
    organisations: list[int]
    notes: str
    source: str


class AgreementActivityQuery(Schema):
    agreement: int | None = Field(None, ge=1, le=MAX_ID)
    kind: ActivityKindIn | None = None
    organisation: int | None = Field(None, ge=1, le=MAX_ID)


class AgreementActivityIn(Schema):
    agreement: int = Field(ge=1, le=MAX_ID)
    kind: ActivityKindIn
    happened_on: date
    title: Text(200, 1)
    organisations: list[Id] = Field(default_factory=list, max_length=200)
    notes: Text(10000) = ""


class SoftLandingOut(Schema):
    id: int
    name: str
    country: str
    website: str
    direction: str
    stage: str
    stage_changed_on: date | None
    lost_reason: str
    organisation: int | None
    agreement: int | None
    event: int | None
    contact_name: str
    needs: str
    services_delivered: str
    follow_up_plan: str
    next_follow_up_on: date | None
    installed_on: date | None
    source: str


class SoftLandingQuery(Schema):
    stage: StageIn | None = None
    direction: DirectionIn | None = None
    agreement: int | None = Field(None, ge=1, le=MAX_ID)
    country: Text(2, 2) | None = None


class SoftLandingIn(Schema):
    name: Text(200, 1)
    country: Text(2, 2)
    website: Text(200) = ""
    direction: DirectionIn = "inbound"
    organisation: OptionalId = None
    agreement: OptionalId = None
    contact_name: Text(200) = ""
    needs: Text(10000) = ""


class SoftLandingPatch(Schema):
    name: Text(200, 1) | None = None
    country: Text(2, 2) | None = None
    website: Text(200) | None = None
    contact_name: Text(200) | None = None
    needs: Text(10000) | None = None
    services_delivered: Text(10000) | None = None
    follow_up_plan: Text(10000) | None = None
    next_follow_up_on: date | None = None


class SoftLandingMoveIn(Schema):
    stage: MoveStage
    lost_reason: Text(10000) = ""


class SoftLandingInstallIn(Schema):
    kind: CompanyKind = "sme"


class NetworkMembershipOut(Schema):
    id: int
    network: int
    network_name: str
    role: str
    since: date | None
    fee: Decimal | None
    renewal_on: date | None
    ended_on: date | None
    notes: str
    source: str


class NetworkMembershipQuery(Schema):
    network: int | None = Field(None, ge=1, le=MAX_ID)
    current: bool | None = None


class NetworkMembershipIn(Schema):
    network: int = Field(ge=1, le=MAX_ID)
    role: Text(200, 1)
    since: date | None = None
    fee: Decimal | None = Field(None, ge=0, le=1000000, max_digits=10, decimal_places=2)
    renewal_on: date | None = None
    ended_on: date | None = None
    notes: Text(10000) = ""


class NetworkMembershipPatch(Schema):
    role: Text(200, 1) | None = None
    since: date | None = None
    fee: Decimal | None = Field(None, ge=0, le=1000000, max_digits=10, decimal_places=2)
    renewal_on: date | None = None
    ended_on: date | None = None
    notes: Text(10000) | None = None


# -- shapes


def agreement_out(agreement: PartnershipAgreement) -> dict:
    return {
        "id": agreement.pk,
        "partner": agreement.partner_id,
        "partner_name": agreement.partner.name,
        "partner_country": agreement.partner.country,
        "title": agreement.title,
        "kind": agreement.kind,
        "scopes": list(agreement.scopes or []),
        "status": agreement.status,
        "signed_on": agreement.signed_on,
        "expires_on": agreement.expires_on,
        "terminated_on": agreement.terminated_on,
        "renewal": agreement.renewal,
        "our_signatory": agreement.our_signatory_id,
        "partner_signatory": agreement.partner_signatory_id,
        "our_contact": agreement.our_contact_id,
        "partner_contact": agreement.partner_contact_id,
        "has_document": bool(agreement.document),
        "notes": agreement.notes,
        "source": agreement.source,
    }


def activity_out(activity: AgreementActivity) -> dict:
    return {
        "id": activity.pk,
        "agreement": activity.agreement_id,
        "agreement_title": activity.agreement.title,
        "kind": activity.kind,
        "happened_on": activity.happened_on,
        "title": activity.title,
        "organisations": [organisation.pk for organisation in activity.organisations.all()],
        "notes": activity.notes,
        "source": activity.source,
    }


def soft_landing_out(soft_landing: SoftLanding) -> dict:
    return {
        name: getattr(soft_landing, name + "_id" if name in ("organisation", "agreement", "event") else name)
        for name in SoftLandingOut.model_fields
    } | {"id": soft_landing.pk}


def membership_out(membership: Membership) -> dict:
    return {
        "id": membership.pk,
        "network": membership.network_id,
        "network_name": membership.network.name,
        "role": membership.role,
        "since": membership.since,
        "fee": membership.fee,
        "renewal_on": membership.renewal_on,
        "ended_on": membership.ended_on,
        "notes": membership.notes,
        "source": membership.source,
    }


# -- lookups: an id the user may not see is a field error


def _organisation(request, field: str, pk):
    if pk is None:
        return None
    organisation = Organisation.objects.visible_to(request.user).filter(pk=pk).first()
    if organisation is None:
        raise ValidationError({field: [_("No such organisation.")]})
    return organisation


def _person(field: str, pk):
    if pk is None:
        return None
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise ValidationError({field: [_("No such person.")]})
    return person


def _agreement(request, field: str, pk):
    if pk is None:
        return None
    agreement = PartnershipAgreement.objects.visible_to(request.user).filter(pk=pk).first()
    if agreement is None:
        raise ValidationError({field: [_("No such agreement.")]})
    return agreement


PEOPLE = ("our_signatory", "partner_signatory", "our_contact", "partner_contact")


def _agreements(request):
    return PartnershipAgreement.objects.visible_to(request.user).select_related("partner")


def _activities(request):
    return (
        AgreementActivity.objects.visible_to(request.user)
        .select_related("agreement")
        .prefetch_related("organisations")
    )


def _soft_landings(request):
    return SoftLanding.objects.visible_to(request.user)


def _memberships(request):
    return Membership.objects.visible_to(request.user).select_related("network")


# -- partnership agreements


@router.get(
    "/partnership-agreements",
    response=list[PartnershipAgreementOut],
    summary="Partnership agreements (staff)",
)
@paginate
def list_agreements(request, query: Query[PartnershipAgreementQuery]):
    require(request.user, VIEW)
    return Shaped(filtered(AgreementFilter, query, _agreements(request)), agreement_out)


@router.get("/partnership-agreements/{pk}", response={200: PartnershipAgreementOut, 404: Error})
def get_agreement(request, pk: ObjectId):
    return agreement_out(get_visible_or_404(_agreements(request), request.user, pk=pk))


@router.post(
    "/partnership-agreements",
    response={201: PartnershipAgreementOut, 403: Error, 422: Error},
    summary="Record a partnership agreement",
)
def create_agreement(request, payload: PartnershipAgreementIn):
    require(request.user, "cooperation.add_agreement")
    data = payload.dict()
    data["partner"] = _organisation(request, "partner", data["partner"])
    for name in PEOPLE:
        data[name] = _person(name, data[name])
    agreement = services.create_agreement(actor=request.user, **data)
    return Status(201, agreement_out(_agreements(request).get(pk=agreement.pk)))


@router.patch(
    "/partnership-agreements/{pk}",
    response={200: PartnershipAgreementOut, 403: Error, 404: Error, 422: Error},
)
def update_agreement(request, pk: ObjectId, payload: PartnershipAgreementPatch):
    agreement = get_visible_or_404(_agreements(request), request.user, pk=pk)
    require(request.user, "cooperation.change_agreement", agreement)
    changes = payload.dict(exclude_unset=True)
    for name in PEOPLE:
        if name in changes:
            changes[name] = _person(name, changes[name])
    nullable = {*PEOPLE, "signed_on", "expires_on", "terminated_on"}
    changes = {name: value for name, value in changes.items() if value is not None or name in nullable}
    services.update_agreement(actor=request.user, agreement=agreement, **changes)
    return agreement_out(_agreements(request).get(pk=pk))


@router.delete("/partnership-agreements/{pk}", response={204: None, 403: Error, 404: Error})
def delete_agreement(request, pk: ObjectId):
    agreement = get_visible_or_404(_agreements(request), request.user, pk=pk)
    require(request.user, "cooperation.delete_agreement", agreement)
    services.delete_agreement(actor=request.user, agreement=agreement)
    return Status(204, None)


# -- activities under agreements


@router.get(
    "/agreement-activities",
    response=list[AgreementActivityOut],
    summary="Activities under agreements (staff)",
)
@paginate
def list_activities(request, query: Query[AgreementActivityQuery]):
    require(request.user, VIEW)
    return Shaped(filtered(ActivityFilter, query, _activities(request)), activity_out)


@router.get("/agreement-activities/{pk}", response={200: AgreementActivityOut, 404: Error})
def get_activity(request, pk: ObjectId):
    return activity_out(get_visible_or_404(_activities(request), request.user, pk=pk))


@router.post(
    "/agreement-activities",
    response={201: AgreementActivityOut, 403: Error, 422: Error},
    summary="Log an activity",
)
def create_activity(request, payload: AgreementActivityIn):
    require(request.user, VIEW)
    agreement = _agreement(request, "agreement", payload.agreement)
    require(request.user, "cooperation.add_activity", agreement)
    wanted = set(payload.organisations)
    organisations = list(Organisation.objects.visible_to(request.user).filter(pk__in=wanted))
    if len(organisations) != len(wanted):
        raise ValidationError({"organisations": [_("No such organisation.")]})
    activity = services.log_activity(
        actor=request.user,
        agreement=agreement,
        kind=payload.kind,
        happened_on=payload.happened_on,
        title=payload.title,
        organisations=organisations,
        notes=payload.notes,
    )
    return Status(201, activity_out(_activities(request).get(pk=activity.pk)))


@router.delete("/agreement-activities/{pk}", response={204: None, 403: Error, 404: Error})
def delete_activity(request, pk: ObjectId):
    activity = get_visible_or_404(_activities(request), request.user, pk=pk)
    require(request.user, "cooperation.delete_activity", activity)
    services.delete_activity(actor=request.user, activity=activity)
    return Status(204, None)


# -- soft landings


@router.get("/soft-landings", response=list[SoftLandingOut], summary="Prospects and soft landings (staff)")
@paginate
def list_soft_landings(request, query: Query[SoftLandingQuery]):
    require(request.user, VIEW)
    return Shaped(filtered(SoftLandingFilter, query, _soft_landings(request)), soft_landing_out)


@router.get("/soft-landings/{pk}", response={200: SoftLandingOut, 404: Error})
def get_soft_landing(request, pk: ObjectId):
    return soft_landing_out(get_visible_or_404(_soft_landings(request), request.user, pk=pk))


@router.post("/soft-landings", response={201: SoftLandingOut, 403: Error, 422: Error}, summary="Add a lead")
def create_soft_landing(request, payload: SoftLandingIn):
    require(request.user, "cooperation.add_soft_landing")
    data = payload.dict()
    data["organisation"] = _organisation(request, "organisation", data["organisation"])
    data["agreement"] = _agreement(request, "agreement", data["agreement"])
    soft_landing = services.create_soft_landing(actor=request.user, **data)
    return Status(201, soft_landing_out(soft_landing))


@router.patch("/soft-landings/{pk}", response={200: SoftLandingOut, 403: Error, 404: Error, 422: Error})
def update_soft_landing(request, pk: ObjectId, payload: SoftLandingPatch):
    soft_landing = get_visible_or_404(_soft_landings(request), request.user, pk=pk)
    require(request.user, "cooperation.change_soft_landing", soft_landing)
    changes = payload.dict(exclude_unset=True)
    changes = {
        name: value for name, value in changes.items() if value is not None or name == "next_follow_up_on"
    }
    services.update_soft_landing(actor=request.user, soft_landing=soft_landing, **changes)
    return soft_landing_out(_soft_landings(request).get(pk=pk))


@router.post("/soft-landings/{pk}/move", response={200: SoftLandingOut, 403: Error, 404: Error, 422: Error})
def move_soft_landing(request, pk: ObjectId, payload: SoftLandingMoveIn):
    """To another stage of the pipeline, or lost (with a reason)."""
    soft_landing = get_visible_or_404(_soft_landings(request), request.user, pk=pk)
    require(request.user, "cooperation.change_soft_landing", soft_landing)
    services.move_soft_landing(
        actor=request.user, soft_landing=soft_landing, stage=payload.stage, lost_reason=payload.lost_reason
    )
    return soft_landing_out(_soft_landings(request).get(pk=pk))


@router.post(
    "/soft-landings/{pk}/install", response={200: SoftLandingOut, 403: Error, 404: Error, 422: Error}
)
def install_soft_landing(request, pk: ObjectId, payload: SoftLandingInstallIn):
    """Installed: the company becomes (or is linked to) an organisation of the directory, in one step."""
    soft_landing = get_visible_or_404(_soft_landings(request), request.user, pk=pk)
    require(request.user, "cooperation.install_soft_landing", soft_landing)
    services.install_soft_landing(actor=request.user, soft_landing=soft_landing, kind=payload.kind)
    return soft_landing_out(_soft_landings(request).get(pk=pk))


# -- memberships


@router.get(
    "/memberships", response=list[NetworkMembershipOut], summary="Networks the cluster belongs to (staff)"
)
@paginate
def list_memberships(request, query: Query[NetworkMembershipQuery]):
    require(request.user, VIEW)
    return Shaped(filtered(MembershipFilter, query, _memberships(request)), membership_out)


@router.get("/memberships/{pk}", response={200: NetworkMembershipOut, 404: Error})
def get_membership(request, pk: ObjectId):
    return membership_out(get_visible_or_404(_memberships(request), request.user, pk=pk))


@router.post(
    "/memberships",
    response={201: NetworkMembershipOut, 403: Error, 422: Error},
    summary="Record a membership",
)
def create_membership(request, payload: NetworkMembershipIn):
    require(request.user, "cooperation.add_membership")
    data = payload.dict()
    data["network"] = _organisation(request, "network", data["network"])
    membership = services.create_membership(actor=request.user, **data)
    return Status(201, membership_out(_memberships(request).get(pk=membership.pk)))


@router.patch("/memberships/{pk}", response={200: NetworkMembershipOut, 403: Error, 404: Error, 422: Error})
def update_membership(request, pk: ObjectId, payload: NetworkMembershipPatch):
    membership = get_visible_or_404(_memberships(request), request.user, pk=pk)
    require(request.user, "cooperation.change_membership", membership)
    changes = payload.dict(exclude_unset=True)
    nullable = {"since", "fee", "renewal_on", "ended_on"}
    changes = {name: value for name, value in changes.items() if value is not None or name in nullable}
    services.update_membership(actor=request.user, membership=membership, **changes)
    return membership_out(_memberships(request).get(pk=pk))


@router.delete("/memberships/{pk}", response={204: None, 403: Error, 404: Error})
def delete_membership(request, pk: ObjectId):
    membership = get_visible_or_404(_memberships(request), request.user, pk=pk)
    require(request.user, "cooperation.change_membership", membership)
    services.delete_membership(actor=request.user, membership=membership)
    return Status(204, None)
