"""Participants' profiles: made from the registration (prefilled from the directory), edited, and availability."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biocluster.audit.services import record_create, record_update, snapshot
from biocluster.directory.models import OrganisationKind

from ..models import Meeting, ParticipantKind, Profile, Slot, Unavailability

K = OrganisationKind
KIND_OF_ORGANISATION = {
    K.INVESTOR: ParticipantKind.INVESTOR,
    K.FUNDER: ParticipantKind.INVESTOR,
    K.LARGE_COMPANY: ParticipantKind.CORPORATION,
    K.RESEARCH_LAB: ParticipantKind.ACADEMIC,
    K.RESEARCH_ORGANISATION: ParticipantKind.ACADEMIC,
    K.UNIVERSITY: ParticipantKind.ACADEMIC,
    K.HOSPITAL: ParticipantKind.ACADEMIC,
    K.PLATFORM: ParticipantKind.ACADEMIC,
    K.STARTUP: ParticipantKind.CLUSTER_COMPANY,
    K.SME: ParticipantKind.CLUSTER_COMPANY,
}


def is_partnering_registration(registration) -> bool:
    return registration.status == "confirmed" and registration.event.has_partnering


@transaction.atomic
def ensure_profile(*, registration, actor=None) -> Profile | None:
    """The registration's profile, made from its organisation's directory entry the first time."""
    existing = Profile.objects.filter(registration=registration).first()
    if existing is not None or not is_partnering_registration(registration):
        return existing
    organisation = registration.organisation
    profile = Profile(registration=registration, event=registration.event)
    if organisation is not None:
        profile.kind = KIND_OF_ORGANISATION.get(organisation.kind, ParticipantKind.OTHER)
        profile.offers = organisation.description[:2000]
    profile.save()
    if organisation is not None:
        profile.technology_fields.set(organisation.technology_fields.all())
        profile.value_chain_stages.set(organisation.value_chain_stages.all())
    record_create(
        actor=actor,
        obj=profile,
        action="partnering.profile.created",
        m2m=("technology_fields", "value_chain_stages"),
    )
    return profile


def ensure_profiles(*, event, actor=None) -> int:
    """Profiles for every confirmed registration of the event (when partnering is switched on later:
    `update_event` tells, see `signals.event_changed`; `partnering_profiles` for rows made before)."""
    made = 0
    for registration in event.registrations.filter(status="confirmed", partnering_profile__isnull=True):
        made += ensure_profile(registration=registration, actor=actor) is not None
    return made


PROFILE_FIELDS = ("kind", "headline", "offers", "seeks")


@transaction.atomic
def update_profile(*, profile, actor, technology_fields=None, value_chain_stages=None, **fields) -> Profile:
    m2m = ("technology_fields", "value_chain_stages")
    before = snapshot(profile, m2m)
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise TypeError(name)
        setattr(profile, name, value)
    profile.full_clean(exclude=["registration", "event"])
    profile.save()
    if technology_fields is not None:
        profile.technology_fields.set(technology_fields)
    if value_chain_stages is not None:
        profile.value_chain_stages.set(value_chain_stages)
    record_update(actor=actor, obj=profile, action="partnering.profile.changed", before=before, m2m=m2m)
    return profile


@transaction.atomic
def set_unavailability(*, profile, actor, slots) -> tuple[int, int]:
    """Make `slots` the participant's unavailable slots; returns (added, removed).

    A slot where they have a published or locked meeting cannot be blocked: the
    meeting would have to move, and those never move. Cancel it first.
    """
    wanted = {slot.pk for slot in slots}
    if Slot.objects.filter(pk__in=wanted).exclude(event_id=profile.event_id).exists():
        raise ValidationError({"slots": _("Those times are not of this event.")})
    pinned = [
        m
        for m in Meeting.objects.confirmed()
        .filter(participants=profile, slot_id__in=wanted)
        .select_related("slot")
        if m.is_pinned
    ]
    if pinned:
        raise ValidationError(
            {
                "slots": _("You have a confirmed meeting at %(slot)s: cancel it first.")
                % {"slot": pinned[0].slot}
            }
        )
    current = set(profile.unavailabilities.values_list("slot_id", flat=True))
    added, removed = wanted - current, current - wanted
    Unavailability.objects.bulk_create([Unavailability(profile=profile, slot_id=pk) for pk in sorted(added)])
    profile.unavailabilities.filter(slot_id__in=removed).delete()
    if added or removed:
        record_update(
            actor=actor,
            obj=profile,
            action="partnering.profile.availability_changed",
            before=snapshot(profile),
            data={"unavailable_added": len(added), "unavailable_removed": len(removed)},
        )
    return len(added), len(removed)
