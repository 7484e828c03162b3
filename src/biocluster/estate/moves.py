"""Move-in and move-out of an agreement's units: the checklists and what follows from them.

The unit's status follows the agreement (`services.rebuild_statuses`): let from its first
day. A move-out before the agreement's last day ends it on that day (`terminate_agreement`,
the unit available the next day); either way the reason is kept on the agreement. The
organisation's first move-in and its move-out from its last unit on the cluster's
campuses are its arrival on site and its departure in the directory (`record_site_arrival`,
`record_site_departure` with the reason), shown in the organisation's history
(`site_dates=False`: the demo's checklists leave the demo's stays as the directory made them).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.directory import services as directory
from biocluster.directory.models import Organisation

from . import services
from .models import (
    Agreement,
    AgreementStatus,
    AgreementUnit,
    Meter,
    MeterReading,
    Move,
    MoveKind,
    MoveOutReason,
)
from .services import ONE_DAY, _date

MAX_KEYS = 1000
MAX_READING = Decimal("10000000000")


def _count(field: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_KEYS:
        raise ValidationError({field: [_("Enter a number between 0 and %(max)s.") % {"max": MAX_KEYS}]})
    return value


def _readings(agreement: Agreement, readings) -> list[MeterReading]:
    """`readings`: (unit, meter, value) for units of the agreement, each meter of a unit once."""
    unit_ids = set(agreement.lines.values_list("unit_id", flat=True))
    rows, seen = [], set()
    for unit, meter, value in readings or ():
        if getattr(unit, "pk", None) not in unit_ids:
            raise ValidationError({"readings": [_("Read the meters of the agreement's units.")]})
        if meter not in Meter.values:
            raise ValidationError({"readings": [_("Choose a meter.")]})
        if (unit.pk, meter) in seen:
            raise ValidationError({"readings": [_("A meter is read once.")]})
        seen.add((unit.pk, meter))
        try:
            value = Decimal(str(value))
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError({"readings": [_("Enter a reading.")]}) from None
        if not value.is_finite() or not 0 <= value < MAX_READING:
            raise ValidationError({"readings": [_("A reading is a number of 0 or more.")]})
        rows.append(MeterReading(unit=unit, meter=meter, value=value.quantize(Decimal("0.01"))))
    return rows


def _check_day(agreement: Agreement, on) -> None:
    _date("on", on)
    if agreement.status == AgreementStatus.CANCELLED:
        raise ValidationError(_("This agreement is cancelled."), code="cancelled")
    if not agreement.start <= on <= agreement.last_day:
        raise ValidationError({"on": [_("The date falls within the agreement.")]})


def _record(agreement, kind, on, keys, badges, inventory, readings, notes, reason, source) -> Move:
    if agreement.moves.filter(kind=kind).exists():
        raise ValidationError(_("This move is already recorded."), code="recorded")
    rows = _readings(agreement, readings)
    move = Move.objects.create(
        agreement=agreement,
        kind=kind,
        on=on,
        keys=_count("keys", keys),
        badges=_count("badges", badges),
        inventory=(inventory or "").strip(),
        reason=reason,
        notes=(notes or "").strip(),
        source=source,
    )
    for row in rows:
        row.move = move
    MeterReading.objects.bulk_create(rows)
    return move


def _on_site_after(organisation_id: int, day: datetime.date, *, excluding: Agreement) -> bool:
    """Whether the organisation still occupies a unit of the cluster after `day`."""
    return (
        AgreementUnit.objects.filter(agreement__organisation_id=organisation_id, active=True, end__gt=day)
        .exclude(agreement=excluding)
        .exists()
    )


def _arrived_before(agreement: Agreement) -> bool:
    return (
        Move.objects.filter(agreement__organisation=agreement.organisation, kind=MoveKind.IN)
        .exclude(agreement=agreement)
        .exists()
    )


@transaction.atomic
def record_move_in(
    *,
    actor,
    agreement: Agreement,
    on: datetime.date,
    keys: int = 0,
    badges: int = 0,
    inventory: str = "",
    readings=(),
    notes: str = "",
    source: str = "",
    site_dates: bool = True,
) -> Move:
    """The tenant moves in: keys and badges handed over, the inventory and the meters read."""
    agreement = Agreement.objects.select_for_update().select_related("organisation").get(pk=agreement.pk)
    _check_day(agreement, on)
    move = _record(agreement, MoveKind.IN, on, keys, badges, inventory, readings, notes, "", source)
    audit.record_create(actor=actor, obj=move, action="estate.move.moved_in")
    if site_dates and not _arrived_before(agreement):
        _arrival(actor, agreement, on)
    return move


@transaction.atomic
def record_move_out(
    *,
    actor,
    agreement: Agreement,
    on: datetime.date,
    reason: str,
    keys: int = 0,
    badges: int = 0,
    inventory: str = "",
    readings=(),
    notes: str = "",
    source: str = "",
    site_dates: bool = True,
    notice_given_on: datetime.date | None = None,
    early_release: str = "",
) -> Move:
    """The tenant leaves on `on` (its last day): keys and badges returned, the inventory and the
    meters read, and why it leaves. Before the agreement's last day, the agreement ends then: the
    notice given must have run out by then, or staff record a negotiated early release
    (`services.terminate_agreement`)."""
    agreement = Agreement.objects.select_for_update().select_related("organisation").get(pk=agreement.pk)
    _check_day(agreement, on)
    if reason not in MoveOutReason.values:
        raise ValidationError({"reason": [_("Say why the tenant leaves.")]})
    moved_in = agreement.moves.filter(kind=MoveKind.IN).first()
    if moved_in is not None and on < moved_in.on:
        raise ValidationError({"on": [_("The move-out comes after the move-in.")]})
    move = _record(agreement, MoveKind.OUT, on, keys, badges, inventory, readings, notes, reason, source)
    label = str(MoveOutReason(reason).label)
    if agreement.status == AgreementStatus.ACTIVE and on < agreement.end:
        services.terminate_agreement(
            actor=actor,
            agreement=agreement,
            on=on,
            reason=label,
            notice_given_on=notice_given_on,
            early_release=early_release,
        )
    else:
        before = audit.snapshot(agreement)
        agreement.move_out_reason = label
        agreement.save(update_fields=["move_out_reason", "updated_at"])
        audit.record_update(actor=actor, obj=agreement, action="estate.agreement.moved_out", before=before)
    audit.record_create(actor=actor, obj=move, action="estate.move.moved_out", data={"reason": reason})
    if site_dates and not _on_site_after(agreement.organisation_id, on, excluding=agreement):
        _departure(actor, agreement, on, reason)
    return move


# The directory's history of the organisation: its stay on site (`on_site_since`,
# `left_site_on` and the reason), through the directory's services, audited there.


def _arrival(actor, agreement: Agreement, on: datetime.date) -> None:
    organisation = Organisation.objects.get(pk=agreement.organisation_id)
    if organisation.left_site_on is not None and on < organisation.left_site_on:
        return  # a move-in recorded late, before its last departure: the stay's dates are kept
    directory.record_site_arrival(organisation, on, by=actor)


def _departure(actor, agreement: Agreement, on: datetime.date, reason: str) -> None:
    """Gone from its last unit: its first day away is the day after the move-out. Never seen
    arriving (an agreement older than the checklists): it arrived when the agreement began."""
    organisation = Organisation.objects.get(pk=agreement.organisation_id)
    if organisation.on_site_since is None or organisation.left_site_on is not None:
        if organisation.left_site_on is not None and agreement.start < organisation.left_site_on:
            return  # already gone from an agreement that began before: the stay's dates are kept
        organisation = directory.record_site_arrival(organisation, agreement.start, by=actor)
    directory.record_site_departure(organisation, on + ONE_DAY, str(MoveOutReason(reason).label), by=actor)
