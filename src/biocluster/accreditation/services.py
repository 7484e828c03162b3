"""Writes to the register, and the one read other areas ask of it (`accredited_on`).

Every rule is checked before anything is written, and each function runs in a
transaction: a refused change leaves nothing behind. The organisation row is
locked while deciding so that two decisions for one company are serialised.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.directory.models import COMPANY_KINDS, Organisation

from .models import CLUSTER_FOUNDED_ON, Accreditation, AccreditationStatus, Decision, Status

MAX_NOTE = 5000
MAX_LINE = 200


def accredited_on(organisation_ids) -> dict[int, datetime.date]:
    """Organisation id → date of its accreditation decision, for accredited organisations only.

    Accredited means an accepted decision, whatever the company became since
    (moved away, acquired, closed): the accreditation itself stays a fact.
    """
    ids = [int(pk) for pk in organisation_ids]
    if not ids:
        return {}
    rows = Accreditation.objects.accepted().filter(organisation_id__in=ids)
    return dict(rows.values_list("organisation_id", "decided_on"))


def _check_text(field: str, value, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise ValidationError({field: [_("At most %(limit)s characters.") % {"limit": limit}]})
    return value.strip()


def _check_date(field: str, value) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({field: [_("Enter a date.")]})
    if value > timezone.localdate():
        raise ValidationError({field: [_("The date cannot be in the future.")]})
    return value


def _check_decision(organisation: Organisation, decided_on: datetime.date, decision: str) -> None:
    if decision not in Decision.values:
        raise ValidationError({"decision": [_("Choose accepted or refused.")]})
    _check_date("decided_on", decided_on)
    if decided_on < CLUSTER_FOUNDED_ON:
        raise ValidationError(
            {"decided_on": [_("The cluster was founded on 23 October 1998: no decision can be older.")]}
        )
    if organisation.kind not in COMPANY_KINDS:
        raise ValidationError({"organisation": [_("Only companies are accredited.")]})
    earlier = Accreditation.objects.filter(organisation=organisation)
    if earlier.filter(decision=Decision.ACCEPTED).exists():
        raise ValidationError({"organisation": [_("This organisation is already accredited.")]})
    if earlier.filter(decided_on__gt=decided_on).exists():
        raise ValidationError(
            {"decided_on": [_("A later decision on this organisation is already recorded.")]}
        )


@transaction.atomic
def decide(
    *,
    actor,
    organisation: Organisation,
    decided_on: datetime.date,
    decision: str,
    decided_by: str = "",
    committee_notes: str = "",
    source: str = "",
) -> Accreditation:
    """Record the committee's decision; an accepted company starts active on the decision date."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _check_decision(organisation, decided_on, decision)
    accreditation = Accreditation.objects.create(
        organisation=organisation,
        decided_on=decided_on,
        decision=decision,
        decided_by=_check_text("decided_by", decided_by, MAX_LINE),
        committee_notes=_check_text("committee_notes", committee_notes, MAX_NOTE),
        source=_check_text("source", source, MAX_LINE),
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit.record_create(actor=actor, obj=accreditation, action=f"accreditation.accreditation.{decision}")
    if accreditation.is_accepted:
        status = AccreditationStatus.objects.create(
            accreditation=accreditation, status=Status.ACTIVE, since=decided_on
        )
        audit.record_create(actor=actor, obj=status, action="accreditation.status.changed")
    return accreditation


@transaction.atomic
def change_status(
    *,
    actor,
    accreditation: Accreditation,
    status: str,
    since: datetime.date,
    note: str = "",
    evidence: str = "",
) -> AccreditationStatus:
    """From `since` on, the company is `status`. Changes are recorded in date order."""
    accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    if not accreditation.is_accepted:
        raise ValidationError({"status": [_("Only an accepted accreditation has a status.")]})
    if status not in Status.values:
        raise ValidationError({"status": [_("Choose active, moved away, acquired or closed.")]})
    _check_date("since", since)
    if since < accreditation.decided_on:
        raise ValidationError({"since": [_("The status cannot start before the accreditation decision.")]})
    latest = accreditation.latest_status()
    if latest is not None and since < latest.since:
        raise ValidationError(
            {
                "since": [
                    _("The last change is dated %(date)s: changes are recorded in date order.")
                    % {"date": latest.since}
                ]
            }
        )
    if latest is not None and latest.status == status:
        raise ValidationError({"status": [_("The company already has this status.")]})
    row = AccreditationStatus.objects.create(
        accreditation=accreditation,
        status=status,
        since=since,
        note=_check_text("note", note, MAX_NOTE),
        evidence=_check_text("evidence", evidence, 255),
    )
    audit.record_create(
        actor=actor,
        obj=row,
        action="accreditation.status.changed",
        data={"from": latest.status if latest else "", "to": status},
    )
    return row
