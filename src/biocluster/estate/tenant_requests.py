"""Tenant requests' rules: a tenant's member reports a problem on a unit its organisation
occupies (with a photo, checked by its first bytes), staff assign it to one of them and
close it with a note. Each step is audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biocluster.accounts.roles import roles_of, staff_users
from biocluster.audit import services as audit
from biocluster.core.uploads import CONTENT_TYPES, check_upload, extension_of
from biocluster.directory.querysets import organisation_ids_of

from .models import AgreementUnit, TenantRequest, Unit
from .models_tenant_requests import OPEN_STATUSES, TenantRequestCategory, TenantRequestStatus

PHOTO = {"extensions": ["png", "jpg", "jpeg"], "max_size_mb": 5}
HEAD_BYTES = 2048
MAX_TEXT = 5000


def tenant_of(unit: Unit, on: datetime.date):
    """The organisation occupying `unit` on `on` (an active line of an agreement not cancelled), or None."""
    line = (
        AgreementUnit.objects.filter(unit=unit, active=True, start__lte=on, end__gte=on)
        .exclude(agreement__status="cancelled")
        .select_related("agreement__organisation")
        .first()
    )
    return line.agreement.organisation if line else None


def units_of(user, on: datetime.date):
    """The units the user's organisations occupy on `on`: where its members may report a problem."""
    return (
        Unit.objects.filter(
            lines__active=True,
            lines__start__lte=on,
            lines__end__gte=on,
            lines__agreement__organisation_id__in=organisation_ids_of(user),
        )
        .exclude(lines__agreement__status="cancelled")
        .select_related("building")
        .distinct()
        .order_by("building__name", "code")
    )


def _text(field: str, value, *, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: [_("Say what it is about.")]})
    if len(text) > MAX_TEXT or "\x00" in text:
        raise ValidationError({field: [_("At most %(max)s characters.") % {"max": MAX_TEXT}]})
    return text


def _checked_photo(upload) -> str:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    name = (upload.name or "").rsplit("/", 1)[-1]
    problems = check_upload(PHOTO, name=name, size=upload.size, head=head)
    if problems:
        raise ValidationError({"photo": problems})
    return name


@transaction.atomic
def report_problem(
    *, actor, unit: Unit, category: str, description: str, on: datetime.date, photo=None, source: str = ""
) -> TenantRequest:
    """A problem on a unit, reported by a member of its tenant on `on` (or by staff for the tenant)."""
    organisation = tenant_of(unit, on)
    is_staff = roles_of(actor).is_cluster_staff
    if organisation is None or (not is_staff and organisation.pk not in organisation_ids_of(actor)):
        raise ValidationError({"unit": [_("Report problems on a unit your organisation occupies.")]})
    if category not in TenantRequestCategory.values:
        raise ValidationError({"category": [_("Choose a category.")]})
    description = _text("description", description, required=True)
    row = TenantRequest(
        unit=unit,
        organisation=organisation,
        category=category,
        description=description,
        reported_by=actor if actor is not None and actor.is_authenticated else None,
        source=source,
    )
    if photo is not None:
        name = _checked_photo(photo)
        row.photo_content_type = CONTENT_TYPES[extension_of(name)]
        row.photo.save(name, photo, save=False)
    row.save()
    audit.record_create(actor=actor, obj=row, action="estate.tenant_request.reported")
    return row


def _open(row: TenantRequest) -> TenantRequest:
    row = TenantRequest.objects.select_for_update().get(pk=row.pk)
    if row.status not in OPEN_STATUSES:
        raise ValidationError(_("This request is closed."), code="status")
    return row


@transaction.atomic
def assign(*, actor, request: TenantRequest, assignee, notify: bool = True) -> TenantRequest:
    """Assign the request to a member of the staff, who is sent an e-mail once it is committed
    (not `notify`: the demo's made-up past)."""
    row = _open(request)
    if assignee is None or not staff_users().filter(pk=assignee.pk).exists():
        raise ValidationError({"assigned_to": [_("Assign the request to a member of the cluster's staff.")]})
    before = audit.snapshot(row)
    row.assigned_to = assignee
    row.status = TenantRequestStatus.ASSIGNED
    row.save()
    audit.record_update(actor=actor, obj=row, action="estate.tenant_request.assigned", before=before)
    if notify:
        from .tasks import send_tenant_request_assigned

        transaction.on_commit(lambda: send_tenant_request_assigned.enqueue(row.pk))
    return row


@transaction.atomic
def close(*, actor, request: TenantRequest, note: str, on: datetime.date) -> TenantRequest:
    row = _open(request)
    note = _text("closing_note", note, required=True)
    before = audit.snapshot(row)
    row.status = TenantRequestStatus.CLOSED
    row.closing_note = note
    row.closed_on = on
    row.save()
    audit.record_update(actor=actor, obj=row, action="estate.tenant_request.closed", before=before)
    return row
