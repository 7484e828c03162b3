"""Every write to international cooperation, whether from a page, the API, the admin or the demo.

Each function takes the acting user, runs in a transaction and records its audit event; a rule
it refuses is a `ValidationError` naming the field. Who may call them is the rules' business
(`rules.py`), checked by the callers. Functions that depend on the day take it (`today`), so
that tests and alerts read a fixed date.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.core import rows
from biocluster.directory import services as directory
from biocluster.directory.models import COMPANY_KINDS, Organisation, OrganisationKind
from biocluster.directory.normalise import name_key, website_domain

from .models import (
    OPEN_STAGES,
    ActivityKind,
    AgreementActivity,
    AgreementKind,
    AgreementStatus,
    Direction,
    Label,
    Membership,
    Mission,
    MissionFollowUp,
    MissionKind,
    Pack,
    PackSubscription,
    PartnershipAgreement,
    Renewal,
    Scope,
    SoftLanding,
    Stage,
    TalentVisa,
    VisaKind,
    VisaStatus,
)

MAX_TEXT = 10000
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_PRICE = Decimal("1000000")
EXPIRY_WARNING_DAYS = 90
DORMANT_DAYS = 365
RENEWAL_WARNING_DAYS = 60
AUDIT_WARNING_DAYS = 90
ACTIVITY_M2M = ("organisations",)
MISSION_M2M = ("co_exhibitors",)


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _apply(obj, changes: dict, allowed: tuple[str, ...]) -> None:
    rows.apply_changes(obj, changes, allowed, strip=True)


def _date(field: str, value, *, required: bool = False):
    if value is None:
        if required:
            raise ValidationError({field: [_("Enter a date.")]})
        return None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({field: [_("Enter a date.")]})
    return value


def _text(obj, *fields: str) -> None:
    for name in fields:
        if len(getattr(obj, name) or "") > MAX_TEXT:
            raise ValidationError({name: [_("At most %(limit)s characters.") % {"limit": MAX_TEXT}]})


def _organisation(field: str, value, *, required: bool = True):
    if value is None and not required:
        return None
    if not isinstance(value, Organisation):
        raise ValidationError({field: [_("Choose an organisation of the directory.")]})
    return value


def _save(obj, *, exclude=()) -> None:
    obj.full_clean(exclude=list(exclude))
    obj.save()


# -- partnership agreements


def _check_document(upload) -> str:
    """The upload's file name once it is a PDF of at most 10 MB; else the problem, on the field."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if not name.lower().endswith(".pdf") or head != b"%PDF-":
        raise ValidationError({"document": [_("The signed document is a PDF file.")]})
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"document": [_("The signed document is at most 10 MB.")]})
    return name[:200]


def _check_agreement(agreement: PartnershipAgreement, today: datetime.date) -> None:
    if not (agreement.title or "").strip():
        raise ValidationError({"title": [_("Give the agreement a title.")]})
    _organisation("partner", agreement.partner)
    if agreement.kind not in AgreementKind.values:
        raise ValidationError({"kind": [_("Choose a kind of agreement.")]})
    scopes = agreement.scopes
    if not isinstance(scopes, list | tuple) or not scopes or any(s not in Scope.values for s in scopes):
        raise ValidationError({"scopes": [_("Choose at least one scope among those offered.")]})
    agreement.scopes = [s for s in Scope.values if s in scopes]  # each once, in a fixed order
    if agreement.renewal not in Renewal.values:
        raise ValidationError({"renewal": [_("Choose a renewal rule.")]})
    if agreement.status not in AgreementStatus.values:
        raise ValidationError({"status": [_("Choose a status.")]})
    signed_on = _date("signed_on", agreement.signed_on)
    expires_on = _date("expires_on", agreement.expires_on)
    terminated_on = _date("terminated_on", agreement.terminated_on)
    if agreement.status != AgreementStatus.DRAFT and signed_on is None:
        raise ValidationError({"signed_on": [_("A signed agreement has its date of signature.")]})
    if signed_on is not None and signed_on > today:
        raise ValidationError({"signed_on": [_("An agreement is recorded once signed: not in the future.")]})
    if signed_on is not None and expires_on is not None and expires_on <= signed_on:
        raise ValidationError({"expires_on": [_("An agreement expires after it is signed.")]})
    if agreement.status == AgreementStatus.TERMINATED and terminated_on is None:
        raise ValidationError({"terminated_on": [_("Say when the agreement was terminated.")]})
    if terminated_on is not None and agreement.status != AgreementStatus.TERMINATED:
        raise ValidationError({"terminated_on": [_("Only a terminated agreement has a termination date.")]})
    if terminated_on is not None and signed_on is not None and terminated_on < signed_on:
        raise ValidationError({"terminated_on": [_("An agreement is terminated after it is signed.")]})
    _text(agreement, "notes")


AGREEMENT_FIELDS = (
    "partner",
    "title",
    "kind",
    "scopes",
    "status",
    "signed_on",
    "expires_on",
    "terminated_on",
    "renewal",
    "our_signatory",
    "partner_signatory",
    "our_contact",
    "partner_contact",
    "notes",
)


def _store_document(agreement: PartnershipAgreement, document) -> None:
    if document is None:
        return
    name = _check_document(document)
    agreement.document_name = name
    agreement.document.save(name, document, save=False)


@transaction.atomic
def create_agreement(
    *, actor, document=None, source: str = "", today: datetime.date | None = None, **data
) -> PartnershipAgreement:
    unknown = set(data) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("This cannot be set.")]})
    data.setdefault("status", AgreementStatus.DRAFT)
    data.setdefault("renewal", Renewal.NONE)
    data.setdefault("scopes", [])
    agreement = PartnershipAgreement(source=source)
    _apply(agreement, data, AGREEMENT_FIELDS)
    _check_agreement(agreement, _today(today))
    _store_document(agreement, document)
    _save(agreement)
    audit.record_create(actor=actor, obj=agreement, action="cooperation.agreement.created")
    return agreement


@transaction.atomic
def update_agreement(
    *, actor, agreement: PartnershipAgreement, document=None, today: datetime.date | None = None, **changes
) -> PartnershipAgreement:
    """Change the agreement; a `document` given replaces the signed document."""
    before = audit.snapshot(PartnershipAgreement.objects.get(pk=agreement.pk))
    _apply(agreement, changes, AGREEMENT_FIELDS)
    _check_agreement(agreement, _today(today))
    _store_document(agreement, document)
    _save(agreement)
    audit.record_update(actor=actor, obj=agreement, action="cooperation.agreement.changed", before=before)
    return agreement


@transaction.atomic
def delete_agreement(*, actor, agreement: PartnershipAgreement) -> None:
    """Its activities go with it; soft landings that came through it stay, no longer linked."""
    rows.remove_row(agreement, actor=actor, action="cooperation.agreement.deleted")


def _check_activity(activity: AgreementActivity, today: datetime.date) -> None:
    if activity.kind not in ActivityKind.values:
        raise ValidationError({"kind": [_("Choose a kind of activity.")]})
    if not (activity.title or "").strip():
        raise ValidationError({"title": [_("Say what the activity was.")]})
    _date("happened_on", activity.happened_on, required=True)
    if activity.happened_on > today:
        raise ValidationError(
            {"happened_on": [_("An activity is logged once it happened: the date cannot be in the future.")]}
        )
    agreement = activity.agreement
    if agreement.signed_on is None or activity.happened_on < agreement.signed_on:
        raise ValidationError(
            {"happened_on": [_("An activity under an agreement happens once the agreement is signed.")]}
        )
    _text(activity, "notes")


@transaction.atomic
def log_activity(
    *,
    actor,
    agreement: PartnershipAgreement,
    kind: str,
    happened_on: datetime.date,
    title: str,
    organisations=(),
    notes: str = "",
    source: str = "",
    today: datetime.date | None = None,
) -> AgreementActivity:
    activity = AgreementActivity(
        agreement=agreement,
        kind=kind,
        happened_on=happened_on,
        title=(title or "").strip(),
        notes=(notes or "").strip(),
        source=source,
    )
    _check_activity(activity, _today(today))
    organisations = [_organisation("organisations", o) for o in organisations or ()]
    _save(activity)
    activity.organisations.set(organisations)
    audit.record_create(actor=actor, obj=activity, action="cooperation.activity.logged", m2m=ACTIVITY_M2M)
    return activity


@transaction.atomic
def delete_activity(*, actor, activity: AgreementActivity) -> None:
    audit.record_delete(actor=actor, obj=activity, action="cooperation.activity.deleted", m2m=ACTIVITY_M2M)
    activity.delete()


def expiring_agreements(*, today: datetime.date, within_days: int = EXPIRY_WARNING_DAYS):
    """Signed agreements in force that expire within `within_days` of `today`, soonest first."""
    horizon = today + datetime.timedelta(days=within_days)
    return (
        PartnershipAgreement.objects.filter(
            status=AgreementStatus.SIGNED, expires_on__gte=today, expires_on__lte=horizon
        )
        .select_related("partner")
        .order_by("expires_on", "id")
    )


def dormant_agreements(*, today: datetime.date, days: int = DORMANT_DAYS) -> list[PartnershipAgreement]:
    """Agreements in force with no activity in the last `days` (12 months), signed before that too."""
    cutoff = today - datetime.timedelta(days=days)
    rows = (
        PartnershipAgreement.objects.filter(status=AgreementStatus.SIGNED, signed_on__lte=cutoff)
        .exclude(expires_on__lt=today)
        .exclude(activities__happened_on__gt=cutoff)
        .select_related("partner")
        .order_by("partner__name", "id")
    )
    return list(rows)


# -- soft landings


SOFT_LANDING_FIELDS = (
    "name",
    "country",
    "website",
    "direction",
    "organisation",
    "agreement",
    "event",
    "contact_name",
    "contact_email",
    "needs",
    "services_delivered",
    "follow_up_plan",
    "next_follow_up_on",
)


def _check_soft_landing(soft_landing: SoftLanding) -> None:
    if not (soft_landing.name or "").strip():
        raise ValidationError({"name": [_("Name the company.")]})
    soft_landing.country = (soft_landing.country or "").strip().upper()
    if soft_landing.direction not in Direction.values:
        raise ValidationError({"direction": [_("Choose a direction.")]})
    _organisation("organisation", soft_landing.organisation, required=False)
    if soft_landing.direction == Direction.OUTBOUND and soft_landing.organisation is None:
        raise ValidationError(
            {"organisation": [_("A cluster company sent abroad is an organisation of the directory.")]}
        )
    _date("next_follow_up_on", soft_landing.next_follow_up_on)
    _text(soft_landing, "needs", "services_delivered", "follow_up_plan", "lost_reason")


@transaction.atomic
def create_soft_landing(
    *, actor, source: str = "", today: datetime.date | None = None, **data
) -> SoftLanding:
    """A new lead (the first stage)."""
    soft_landing = SoftLanding(stage=Stage.LEAD, stage_changed_on=_today(today), source=source)
    rows.apply_changes(soft_landing, data, SOFT_LANDING_FIELDS, strip=True)
    return rows.add_row(
        soft_landing, actor=actor, action="cooperation.soft_landing.created", check=_check_soft_landing
    )


@transaction.atomic
def update_soft_landing(*, actor, soft_landing: SoftLanding, **changes) -> SoftLanding:
    """Change what is known of the company; the stage moves with `move_soft_landing` and `install`."""
    before = audit.snapshot(SoftLanding.objects.get(pk=soft_landing.pk))
    _apply(soft_landing, changes, SOFT_LANDING_FIELDS)
    if "organisation" in changes and soft_landing.stage == Stage.INSTALLED:
        raise ValidationError({"organisation": [_("An installed company stays linked to its organisation.")]})
    _check_soft_landing(soft_landing)
    _save(soft_landing)
    audit.record_update(
        actor=actor, obj=soft_landing, action="cooperation.soft_landing.changed", before=before
    )
    return soft_landing


@transaction.atomic
def move_soft_landing(
    *,
    actor,
    soft_landing: SoftLanding,
    stage: str,
    lost_reason: str = "",
    today: datetime.date | None = None,
) -> SoftLanding:
    """To another open stage, or lost (with a reason); a lost one may be taken up again.

    Installed is `install_soft_landing`'s: it links the company to the directory.
    """
    soft_landing = SoftLanding.objects.select_for_update().get(pk=soft_landing.pk)
    before = audit.snapshot(soft_landing)
    if soft_landing.stage == Stage.INSTALLED:
        raise ValidationError({"stage": [_("This company is installed: its stage no longer moves.")]})
    if stage == Stage.INSTALLED:
        raise ValidationError({"stage": [_("Install the company to take it to installed.")]})
    if stage not in Stage.values:
        raise ValidationError({"stage": [_("Choose a stage.")]})
    lost_reason = (lost_reason or "").strip()
    if stage == Stage.LOST and not lost_reason:
        raise ValidationError({"lost_reason": [_("Say why the company was lost.")]})
    if stage == soft_landing.stage:
        raise ValidationError({"stage": [_("The company is at this stage already.")]})
    soft_landing.stage = stage
    soft_landing.lost_reason = lost_reason if stage == Stage.LOST else ""
    soft_landing.stage_changed_on = _today(today)
    _check_soft_landing(soft_landing)
    soft_landing.save()
    audit.record_update(actor=actor, obj=soft_landing, action="cooperation.soft_landing.moved", before=before)
    return soft_landing


def existing_organisation(soft_landing: SoftLanding) -> Organisation | None:
    """The directory's organisation for this company: the same website, or the same name in its country."""
    domain = website_domain(soft_landing.website)
    if domain:
        found = Organisation.objects.filter(website_domain=domain).order_by("id").first()
        if found is not None:
            return found
    key = name_key(soft_landing.name)
    if not key:
        return None
    return Organisation.objects.filter(name_key=key, country=soft_landing.country).order_by("id").first()


@transaction.atomic
def install_soft_landing(
    *,
    actor,
    soft_landing: SoftLanding,
    kind: str = OrganisationKind.SME,
    organisation: Organisation | None = None,
    today: datetime.date | None = None,
) -> SoftLanding:
    """Installed, in one step: the company becomes (or is linked to) an organisation of the directory.

    The organisation chosen, else the one already linked, else the directory's own entry for it
    (same website, or same name in the same country), else a new organisation made from what the
    pipeline knows (name, country, website; `kind` among the companies'). Nothing is typed twice,
    nothing duplicated, and nothing is kept if any step fails: one transaction.
    """
    soft_landing = SoftLanding.objects.select_for_update().get(pk=soft_landing.pk)
    before = audit.snapshot(soft_landing)
    if soft_landing.stage == Stage.INSTALLED:
        raise ValidationError({"stage": [_("This company is installed already.")]})
    if soft_landing.stage not in OPEN_STAGES:
        raise ValidationError({"stage": [_("A lost company is taken up again before it is installed.")]})
    if kind not in COMPANY_KINDS:
        raise ValidationError({"kind": [_("An installed company is a start-up, an SME or a large company.")]})
    _organisation("organisation", organisation, required=False)
    organisation = organisation or soft_landing.organisation or existing_organisation(soft_landing)
    created = organisation is None
    if created:
        organisation = directory.create_organisation(
            actor=actor,
            action="directory.organisation.created_from_soft_landing",
            name=soft_landing.name.strip(),
            kind=kind,
            country=soft_landing.country,
            website=soft_landing.website,
            source=soft_landing.source or f"soft landing #{soft_landing.pk}",
        )
    day = _today(today)
    soft_landing.organisation = organisation
    soft_landing.stage = Stage.INSTALLED
    soft_landing.stage_changed_on = day
    soft_landing.installed_on = day
    soft_landing.lost_reason = ""
    _check_soft_landing(soft_landing)
    soft_landing.save()
    audit.record_update(
        actor=actor,
        obj=soft_landing,
        action="cooperation.soft_landing.installed",
        before=before,
        data={"organisation_created": created},
    )
    return soft_landing


def follow_ups_due(*, today: datetime.date) -> list[SoftLanding]:
    """Installed companies whose next follow-up is due by `today`."""
    return list(
        SoftLanding.objects.filter(stage=Stage.INSTALLED, next_follow_up_on__lte=today).order_by(
            "next_follow_up_on", "id"
        )
    )


VISA_FIELDS = ("person_name", "kind", "status", "submitted_on", "decided_on", "valid_until")


def _check_visa(visa: TalentVisa) -> None:
    if not (visa.person_name or "").strip():
        raise ValidationError({"person_name": [_("Name the person.")]})
    if visa.kind not in VisaKind.values:
        raise ValidationError({"kind": [_("Choose a route.")]})
    if visa.status not in VisaStatus.values:
        raise ValidationError({"status": [_("Choose a status.")]})
    for name in ("submitted_on", "decided_on", "valid_until"):
        _date(name, getattr(visa, name))
    if visa.status != VisaStatus.PREPARING and visa.submitted_on is None:
        raise ValidationError({"submitted_on": [_("A submitted application has its date of submission.")]})
    if visa.status in (VisaStatus.GRANTED, VisaStatus.REFUSED) and visa.decided_on is None:
        raise ValidationError({"decided_on": [_("A decided application has its date of decision.")]})
    if visa.decided_on and visa.submitted_on and visa.decided_on < visa.submitted_on:
        raise ValidationError({"decided_on": [_("A decision comes after the submission.")]})
    if visa.valid_until and visa.status != VisaStatus.GRANTED:
        raise ValidationError({"valid_until": [_("Only a granted visa has a validity.")]})


@transaction.atomic
def add_visa(*, actor, soft_landing: SoftLanding, source: str = "", **data) -> TalentVisa:
    visa = TalentVisa(soft_landing=soft_landing, source=source)
    rows.apply_changes(visa, data, VISA_FIELDS, strip=True)
    return rows.add_row(visa, actor=actor, action="cooperation.visa.created", check=_check_visa)


@transaction.atomic
def update_visa(*, actor, visa: TalentVisa, **changes) -> TalentVisa:
    return rows.change_row(
        visa,
        changes,
        actor=actor,
        action="cooperation.visa.changed",
        allowed=VISA_FIELDS,
        check=_check_visa,
        strip=True,
        before=audit.snapshot(TalentVisa.objects.get(pk=visa.pk)),
    )


# -- missions abroad


def _check_mission(mission: Mission) -> None:
    from biocluster.events.models import EventKind

    if mission.event_id is None:
        raise ValidationError({"event": [_("Choose the event abroad.")]})
    if mission.event.kind != EventKind.ABROAD:
        raise ValidationError({"event": [_("A mission is at an event abroad.")]})
    if mission.kind not in MissionKind.values:
        raise ValidationError({"kind": [_("Choose a stand or a mission.")]})
    _text(mission, "notes")


@transaction.atomic
def create_mission(
    *, actor, event, kind: str, co_exhibitors=(), framework: str = "", notes: str = "", source: str = ""
) -> Mission:
    if Mission.objects.filter(event=event).exists():
        raise ValidationError({"event": [_("This event has its mission already.")]})
    mission = Mission(
        event=event,
        kind=kind,
        framework=(framework or "").strip(),
        notes=(notes or "").strip(),
        source=source,
    )
    _check_mission(mission)
    co_exhibitors = [_organisation("co_exhibitors", o) for o in co_exhibitors or ()]
    _save(mission)
    mission.co_exhibitors.set(co_exhibitors)
    audit.record_create(actor=actor, obj=mission, action="cooperation.mission.created", m2m=MISSION_M2M)
    return mission


@transaction.atomic
def update_mission(*, actor, mission: Mission, **changes) -> Mission:
    before = audit.snapshot(Mission.objects.get(pk=mission.pk), MISSION_M2M)
    co_exhibitors = changes.pop("co_exhibitors", None)
    _apply(mission, changes, ("kind", "framework", "notes"))
    _check_mission(mission)
    _save(mission)
    if co_exhibitors is not None:
        mission.co_exhibitors.set([_organisation("co_exhibitors", o) for o in co_exhibitors])
    audit.record_update(
        actor=actor, obj=mission, action="cooperation.mission.changed", before=before, m2m=MISSION_M2M
    )
    return mission


def _price(value):
    if value is None:
        return None
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"price": [_("Enter an amount in euros.")]}) from None
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        raise ValidationError({"price": [_("A price is between 0 and 1,000,000 euros.")]})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def add_pack(*, actor, mission: Mission, name: str, price=None, content: str = "", source: str = "") -> Pack:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Name the pack.")]})
    if Pack.objects.filter(mission=mission, name=name).exists():
        raise ValidationError({"name": [_("This mission has a pack of this name already.")]})
    pack = Pack(
        mission=mission, name=name, price=_price(price), content=(content or "").strip(), source=source
    )
    _text(pack, "content")
    _save(pack)
    audit.record_create(actor=actor, obj=pack, action="cooperation.pack.created")
    return pack


@transaction.atomic
def subscribe(*, actor, pack: Pack, organisation: Organisation, source: str = "") -> PackSubscription:
    _organisation("organisation", organisation)
    if PackSubscription.objects.filter(pack=pack, organisation=organisation).exists():
        raise ValidationError({"organisation": [_("This company has subscribed to this pack already.")]})
    subscription = PackSubscription(pack=pack, organisation=organisation, source=source)
    _save(subscription)
    audit.record_create(actor=actor, obj=subscription, action="cooperation.subscription.created")
    return subscription


@transaction.atomic
def unsubscribe(*, actor, subscription: PackSubscription) -> None:
    rows.remove_row(subscription, actor=actor, action="cooperation.subscription.deleted")


@transaction.atomic
def record_follow_up(
    *,
    actor,
    mission: Mission,
    organisation: Organisation,
    months: int,
    leads: int = 0,
    agreements: int = 0,
    deals: int = 0,
    notes: str = "",
    source: str = "",
) -> MissionFollowUp:
    """A company's outcome 6 or 12 months after the mission; recording it again replaces it."""
    _organisation("organisation", organisation)
    if months not in (6, 12):
        raise ValidationError({"months": [_("A follow-up is at 6 or 12 months.")]})
    if not PackSubscription.objects.filter(pack__mission=mission, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": [_("Only a company that took a pack of this mission is followed up.")]}
        )
    for name, value in (("leads", leads), ("agreements", agreements), ("deals", deals)):
        if not isinstance(value, int) or value < 0 or value > 10000:
            raise ValidationError({name: [_("Enter a number between 0 and 10,000.")]})
    follow_up = MissionFollowUp.objects.filter(
        mission=mission, organisation=organisation, months=months
    ).first()
    values = {"leads": leads, "agreements": agreements, "deals": deals, "notes": (notes or "").strip()}
    if follow_up is None:
        follow_up = MissionFollowUp(
            mission=mission, organisation=organisation, months=months, source=source, **values
        )
        _text(follow_up, "notes")
        _save(follow_up)
        audit.record_create(actor=actor, obj=follow_up, action="cooperation.follow_up.created")
        return follow_up
    before = audit.snapshot(follow_up)
    _apply(follow_up, values, tuple(values))
    _text(follow_up, "notes")
    _save(follow_up)
    audit.record_update(actor=actor, obj=follow_up, action="cooperation.follow_up.changed", before=before)
    return follow_up


def follow_ups_to_record(*, today: datetime.date) -> list[tuple[Mission, int, int]]:
    """(mission, months, companies without their follow-up) for the missions whose 6- or 12-month
    follow-up fell due within the last year: three queries, whatever the number of missions."""
    from collections import defaultdict

    missions = list(
        Mission.objects.select_related("event").filter(
            event__ends_at__date__gte=today - datetime.timedelta(days=365 + 366),
            event__ends_at__date__lte=today,
        )
    )
    companies = defaultdict(set)
    for mission_id, organisation_id in PackSubscription.objects.filter(
        pack__mission__in=missions
    ).values_list("pack__mission_id", "organisation_id"):
        companies[mission_id].add(organisation_id)
    done = defaultdict(set)
    for mission_id, months, organisation_id in MissionFollowUp.objects.filter(
        mission__in=missions
    ).values_list("mission_id", "months", "organisation_id"):
        done[mission_id, months].add(organisation_id)
    rows = []
    for mission in missions:
        ended = timezone.localtime(mission.event.ends_at).date()
        for months in (6, 12):
            due = ended + datetime.timedelta(days=months * 365 // 12)
            missing = len(companies[mission.pk] - done[mission.pk, months])
            if due <= today <= due + datetime.timedelta(days=365) and missing:
                rows.append((mission, months, missing))
    return rows


# -- memberships and labels


MEMBERSHIP_FIELDS = ("network", "role", "since", "fee", "renewal_on", "ended_on", "notes")
LABEL_FIELDS = ("scheme", "awarded_by", "level", "awarded_on", "valid_until", "next_audit_on", "notes")


def _fee(value):
    if value is None:
        return None
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"fee": [_("Enter an amount in euros.")]}) from None
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        raise ValidationError({"fee": [_("A fee is between 0 and 1,000,000 euros.")]})
    return value.quantize(Decimal("0.01"))


def _check_membership(membership: Membership) -> None:
    _organisation("network", membership.network)
    if not (membership.role or "").strip():
        raise ValidationError({"role": [_("Say the cluster's role in the network.")]})
    for name in ("since", "renewal_on", "ended_on"):
        _date(name, getattr(membership, name))
    membership.fee = _fee(membership.fee)
    if membership.since and membership.ended_on and membership.ended_on < membership.since:
        raise ValidationError({"ended_on": [_("A membership ends after it starts.")]})
    if membership.since and membership.renewal_on and membership.renewal_on <= membership.since:
        raise ValidationError({"renewal_on": [_("A membership is renewed after it starts.")]})
    _text(membership, "notes")


@transaction.atomic
def create_membership(*, actor, source: str = "", **data) -> Membership:
    membership = Membership(source=source)
    rows.apply_changes(membership, data, MEMBERSHIP_FIELDS, strip=True)
    return rows.add_row(
        membership, actor=actor, action="cooperation.membership.created", check=_check_membership
    )


@transaction.atomic
def update_membership(*, actor, membership: Membership, **changes) -> Membership:
    return rows.change_row(
        membership,
        changes,
        actor=actor,
        action="cooperation.membership.changed",
        allowed=MEMBERSHIP_FIELDS,
        check=_check_membership,
        strip=True,
        before=audit.snapshot(Membership.objects.get(pk=membership.pk)),
    )


@transaction.atomic
def delete_membership(*, actor, membership: Membership) -> None:
    rows.remove_row(membership, actor=actor, action="cooperation.membership.deleted")


def _check_label(label: Label) -> None:
    if not (label.scheme or "").strip():
        raise ValidationError({"scheme": [_("Name the label's scheme.")]})
    _organisation("awarded_by", label.awarded_by, required=False)
    _date("awarded_on", label.awarded_on, required=True)
    for name in ("valid_until", "next_audit_on"):
        _date(name, getattr(label, name))
    if label.valid_until and label.valid_until <= label.awarded_on:
        raise ValidationError({"valid_until": [_("A label is valid until a date after its award.")]})
    if label.next_audit_on and label.next_audit_on <= label.awarded_on:
        raise ValidationError({"next_audit_on": [_("The next audit comes after the award.")]})
    _text(label, "notes")


@transaction.atomic
def create_label(*, actor, source: str = "", **data) -> Label:
    label = Label(source=source)
    rows.apply_changes(label, data, LABEL_FIELDS, strip=True)
    return rows.add_row(label, actor=actor, action="cooperation.label.created", check=_check_label)


@transaction.atomic
def update_label(*, actor, label: Label, **changes) -> Label:
    return rows.change_row(
        label,
        changes,
        actor=actor,
        action="cooperation.label.changed",
        allowed=LABEL_FIELDS,
        check=_check_label,
        strip=True,
        before=audit.snapshot(Label.objects.get(pk=label.pk)),
    )


@transaction.atomic
def delete_label(*, actor, label: Label) -> None:
    rows.remove_row(label, actor=actor, action="cooperation.label.deleted")


def renewals_due(*, today: datetime.date, within_days: int = RENEWAL_WARNING_DAYS) -> list[Membership]:
    """Current memberships to renew within `within_days` (60) of `today`, or overdue."""
    horizon = today + datetime.timedelta(days=within_days)
    return list(
        Membership.objects.filter(renewal_on__lte=horizon, ended_on__isnull=True)
        .select_related("network")
        .order_by("renewal_on", "id")
    )


def audits_due(
    *, today: datetime.date, within_days: int = AUDIT_WARNING_DAYS
) -> list[tuple[Label, str, datetime.date]]:
    """Labels with an audit or an end of validity within `within_days` (90) of `today`: (label, what, when)."""
    horizon = today + datetime.timedelta(days=within_days)
    rows = []
    for label in Label.objects.filter(next_audit_on__lte=horizon, next_audit_on__gte=today):
        rows.append((label, "audit", label.next_audit_on))
    for label in Label.objects.filter(valid_until__lte=horizon, valid_until__gte=today):
        rows.append((label, "expiry", label.valid_until))
    return sorted(rows, key=lambda row: (row[2], row[0].pk))
