"""The catalogue's writes: platforms, instruments and their terms, training records, badges."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from biocluster.audit import services as audit

from ..models import Badge, Closure, Instrument, OpeningHours, Platform, Qualification, Tariff
from ..querysets import is_platform_staff, managed_platform_ids


def _require_manager(actor, platform: Platform) -> None:
    # Loaders and commands act as nobody (actor=None): they are trusted.
    if actor is not None and not (is_platform_staff(actor) or platform.pk in managed_platform_ids(actor)):
        raise PermissionDenied


def _assign(obj, data: dict) -> None:
    for name, value in data.items():
        setattr(obj, name, value)


@transaction.atomic
def create_platform(*, actor, organisation, **data) -> Platform:
    if actor is not None and not is_platform_staff(actor):
        raise PermissionDenied
    platform = Platform(organisation=organisation, **data)
    platform.full_clean()
    platform.save()
    audit.record_create(actor=actor, obj=platform, action="platforms.platform.created")
    return platform


@transaction.atomic
def update_platform(*, actor, platform: Platform, **data) -> Platform:
    _require_manager(actor, platform)
    before = audit.snapshot(Platform.objects.get(pk=platform.pk))
    _assign(platform, data)
    platform.full_clean()
    platform.save()
    audit.record_update(actor=actor, obj=platform, action="platforms.platform.updated", before=before)
    return platform


@transaction.atomic
def create_instrument(*, actor, platform: Platform, opening_hours=(), **data) -> Instrument:
    """An instrument; `opening_hours` is a list of (weekday, opens, closes)."""
    _require_manager(actor, platform)
    instrument = Instrument(platform=platform, **data)
    instrument.full_clean()
    instrument.save()
    set_opening_hours(actor=actor, instrument=instrument, hours=opening_hours)
    audit.record_create(actor=actor, obj=instrument, action="platforms.instrument.created")
    return instrument


@transaction.atomic
def update_instrument(*, actor, instrument: Instrument, **data) -> Instrument:
    _require_manager(actor, instrument.platform)
    before = audit.snapshot(Instrument.objects.get(pk=instrument.pk))
    _assign(instrument, data)
    instrument.full_clean()
    instrument.save()
    audit.record_update(actor=actor, obj=instrument, action="platforms.instrument.updated", before=before)
    return instrument


@transaction.atomic
def set_opening_hours(*, actor, instrument: Instrument, hours) -> list[OpeningHours]:
    """Replace the instrument's opening hours by `hours`: (weekday, opens, closes) triples."""
    _require_manager(actor, instrument.platform)
    before = [str(row) for row in instrument.opening_hours.all()]
    rows = [OpeningHours(instrument=instrument, weekday=d, opens=o, closes=c) for d, o, c in hours]
    for row in rows:
        row.full_clean()
    instrument.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(rows)
    after = [str(row) for row in rows]
    if before != after:
        audit.record_update(
            actor=actor,
            obj=instrument,
            action="platforms.instrument.hours_changed",
            before=audit.snapshot(instrument),
            data={"opening_hours": [before, after]},
        )
    return rows


@transaction.atomic
def set_tariff(
    *, actor, platform: Platform, category: str, price, valid_from, unit, instrument=None, service=None
):
    _require_manager(actor, platform)
    tariff, created = Tariff.objects.get_or_create(
        platform=platform,
        instrument=instrument,
        service=service,
        category=category,
        valid_from=valid_from,
        defaults={"price": price, "unit": unit},
    )
    if created:
        tariff.full_clean()
        audit.record_create(actor=actor, obj=tariff, action="platforms.tariff.created")
    elif (tariff.price, tariff.unit) != (price, unit):
        before = audit.snapshot(tariff)
        tariff.price, tariff.unit = price, unit
        tariff.full_clean()
        tariff.save()
        audit.record_update(actor=actor, obj=tariff, action="platforms.tariff.updated", before=before)
    return tariff


@transaction.atomic
def add_closure(*, actor, platform: Platform, start_date, end_date, instrument=None, **data) -> Closure:
    _require_manager(actor, platform)
    closure = Closure(
        platform=platform, instrument=instrument, start_date=start_date, end_date=end_date, **data
    )
    closure.full_clean()
    closure.save()
    audit.record_create(actor=actor, obj=closure, action="platforms.closure.created")
    return closure


@transaction.atomic
def qualify(*, actor, instrument: Instrument, user, qualified_on, expires_on=None, notes="") -> Qualification:
    """Record that `user` is trained on `instrument` (from a date, possibly until one)."""
    _require_manager(actor, instrument.platform)
    qualification = Qualification(
        instrument=instrument,
        user=user,
        qualified_on=qualified_on,
        expires_on=expires_on,
        granted_by=actor if actor is not None and actor.is_authenticated else None,
        notes=notes,
    )
    qualification.full_clean()
    qualification.save()
    audit.record_create(actor=actor, obj=qualification, action="platforms.qualification.granted")
    return qualification


@transaction.atomic
def withdraw_qualification(*, actor, qualification: Qualification) -> None:
    _require_manager(actor, qualification.instrument.platform)
    audit.record_delete(actor=actor, obj=qualification, action="platforms.qualification.withdrawn")
    qualification.delete()


@transaction.atomic
def set_badge(*, actor, user, number: str) -> Badge:
    badge = Badge.objects.filter(user=user).first()
    before = audit.snapshot(badge) if badge else None
    badge = badge or Badge(user=user)
    badge.number = number.strip()
    badge.full_clean()
    badge.save()
    if before is None:
        audit.record_create(actor=actor, obj=badge, action="platforms.badge.issued")
    else:
        audit.record_update(actor=actor, obj=badge, action="platforms.badge.changed", before=before)
    return badge
