"""Space requests from the requester's side and the staff's work on them between asking and
signing: visits, and a prospect entering the directory. Asking, offering, signing and losing
are in `services.py`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.directory.models import Organisation

from . import services
from .models import SpaceRequest, SpaceRequestStatus, Unit, Visit
from .services import _date

CLOSED = (SpaceRequestStatus.SIGNED, SpaceRequestStatus.LOST)


def check_not_in_the_past(wanted_from, *, today: datetime.date) -> None:
    """A requester asks for space from today on (staff may record an older request)."""
    _date("wanted_from", wanted_from)
    if wanted_from < today:
        raise ValidationError({"wanted_from": [_("Ask for space from today on.")]})


def _open(space_request: SpaceRequest) -> SpaceRequest:
    space_request = SpaceRequest.objects.select_for_update().get(pk=space_request.pk)
    if space_request.status in CLOSED:
        raise ValidationError(_("This request is closed."), code="closed")
    return space_request


@transaction.atomic
def record_visit(
    *, actor, space_request: SpaceRequest, on: datetime.date, visitors: str, units, notes: str = "", source=""
) -> Visit:
    """A visit of units with the requester: when, who, which units, what was said."""
    space_request = _open(space_request)
    _date("on", on)
    visitors = (visitors or "").strip()
    if not visitors:
        raise ValidationError({"visitors": [_("Say who came.")]})
    units = list(units or [])
    if not units:
        raise ValidationError({"units": [_("Choose the units visited.")]})
    if any(not isinstance(unit, Unit) or not unit.is_lettable for unit in units):
        raise ValidationError({"units": [_("Choose units that are let.")]})
    visit = Visit.objects.create(
        space_request=space_request,
        on=on,
        visitors=visitors[:300],
        notes=(notes or "").strip(),
        source=source,
    )
    visit.units.set(units)
    audit.record_update(
        actor=actor,
        obj=space_request,
        action="estate.space_request.visited",
        before=audit.snapshot(space_request),
        data={"on": on.isoformat(), "units": [str(unit) for unit in units]},
    )
    return visit


@transaction.atomic
def link_prospect(*, actor, space_request: SpaceRequest, organisation: Organisation) -> SpaceRequest:
    """The prospect is now in the directory (e.g. once its company is registered): the request is its."""
    space_request = _open(space_request)
    if not isinstance(organisation, Organisation):
        raise ValidationError({"organisation": [_("Choose an organisation of the directory.")]})
    if space_request.organisation_id not in (None, organisation.pk):
        raise ValidationError({"organisation": [_("This request is already another organisation's.")]})
    before = audit.snapshot(space_request)
    space_request.organisation = organisation
    space_request.save(update_fields=["organisation", "updated_at"])
    audit.record_update(actor=actor, obj=space_request, action="estate.space_request.linked", before=before)
    return space_request


@transaction.atomic
def link_soft_landing(*, actor, space_request: SpaceRequest, soft_landing) -> SpaceRequest:
    """A prospect's request recorded in free text belongs to a soft-landing case: linked, and the
    prospect named as the case."""
    space_request = _open(space_request)
    services.check_soft_landing(soft_landing)
    before = audit.snapshot(space_request)
    space_request.soft_landing = soft_landing
    if space_request.organisation_id is None:
        space_request.prospect = soft_landing.name[:200]
    space_request.save(update_fields=["soft_landing", "prospect", "updated_at"])
    audit.record_update(
        actor=actor, obj=space_request, action="estate.space_request.soft_landing_linked", before=before
    )
    return space_request
