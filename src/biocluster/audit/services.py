"""Recording changes. Every service that writes a domain object calls these.

`snapshot()` before a change and `record_update()` after it store, per field,
the value before and after; creations store the new values and deletions the
last ones, so the trail alone tells an object's whole history.
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent

Snapshot = dict[str, object]


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def audited_fields(obj) -> list[str]:
    exclude = set(getattr(obj, "audit_exclude", ())) | {"id", "created_at", "updated_at"}
    return [f.name for f in obj._meta.concrete_fields if f.name not in exclude]


def snapshot(obj, m2m: tuple[str, ...] = ()) -> Snapshot:
    data: Snapshot = {}
    for name in audited_fields(obj):
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if field.is_relation and value is not None:
            value = str(value)
        data[name] = _plain(value)
    for name in m2m:
        data[name] = sorted(str(related) for related in getattr(obj, name).all())
    return data


def diff(before: Snapshot, after: Snapshot) -> dict[str, list]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _event(actor, obj, action: str, changes: dict, data: dict | None = None) -> AuditEvent:
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes,
        data=data or {},
    )


def record_create(*, actor, obj, action: str, m2m: tuple[str, ...] = (), data=None) -> AuditEvent:
    event = _event(actor, obj, action, diff({}, snapshot(obj, m2m)), data)
    event.save()
    return event


def record_update(
    *, actor, obj, action: str, before: Snapshot, m2m: tuple[str, ...] = (), data=None
) -> AuditEvent | None:
    changes = diff(before, snapshot(obj, m2m))
    if not changes and not data:
        return None
    event = _event(actor, obj, action, changes, data)
    event.save()
    return event


def record_delete(*, actor, obj, action: str, m2m: tuple[str, ...] = (), data=None) -> AuditEvent:
    event = _event(actor, obj, action, diff(snapshot(obj, m2m), {}), data)
    event.save()
    return event


def record_many_created(*, actor, objects, action: str, data=None) -> None:
    """Bulk imports write one event per object, in bulk as well."""
    AuditEvent.objects.bulk_create(
        [_event(actor, obj, action, diff({}, snapshot(obj)), data) for obj in objects],
        batch_size=2000,
    )


def history(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return AuditEvent.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related("actor")
