"""Service requests (quote, accepted, running, delivered, invoiced) and monthly statements."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.directory.models import Organisation

from ..categories import billable_organisations, category_of
from ..models import (
    Platform,
    Service,
    ServiceRequest,
    ServiceRequestStatus,
    Statement,
    TariffUnit,
    UsageKind,
    UsageRecord,
)
from ..querysets import is_platform_staff, managed_platform_ids
from .policy import fail
from .usage import CENT, tariff_for

S = ServiceRequestStatus


def _manages(user, platform: Platform) -> bool:
    # Loaders and commands act as nobody (actor=None): they are trusted.
    return user is None or is_platform_staff(user) or platform.pk in managed_platform_ids(user)


# --------------------------------------------------------------------------- service requests


@transaction.atomic
def request_service(
    *, actor, service: Service, description: str, quantity: Decimal, organisation: Organisation | None = None
) -> ServiceRequest:
    if not service.is_active:
        raise fail("service", _("This service is not offered at the moment."), "inactive")
    if quantity <= 0:
        raise fail("quantity", _("Say how many samples or units."), "quantity")
    choices = billable_organisations(actor)
    if organisation is None and choices:
        organisation = choices[0]
    if organisation is None or organisation.pk not in {o.pk for o in choices}:
        raise fail(
            "organisation", _("Choose an organisation you belong to, to be billed."), "no_organisation"
        )
    request = ServiceRequest(
        platform=service.platform,
        service=service,
        requester=actor,
        organisation=organisation,
        category=category_of(service.platform, organisation),
        description=description,
        quantity=quantity,
    )
    tariff = tariff_for(service=service, category=request.category, day=timezone.localdate())
    if tariff is not None:
        # An indicative quote at the tariff; the manager confirms or changes it.
        per = quantity if tariff.unit == TariffUnit.UNIT else Decimal(1)
        request.quote_amount = (per * tariff.price).quantize(CENT)
    request.full_clean()
    request.save()
    audit.record_create(actor=actor, obj=request, action="platforms.service_request.submitted")
    return request


TRANSITIONS = {
    # action: (allowed from, to, who: "manager" or "requester")
    "quote": ({S.REQUESTED, S.QUOTED}, S.QUOTED, "manager"),
    "accept": ({S.QUOTED}, S.ACCEPTED, "requester"),
    "decline": ({S.REQUESTED, S.QUOTED}, S.DECLINED, "manager"),
    "cancel": ({S.REQUESTED, S.QUOTED, S.ACCEPTED}, S.CANCELLED, "requester"),
    "start": ({S.ACCEPTED}, S.RUNNING, "manager"),
    "deliver": ({S.RUNNING}, S.DELIVERED, "manager"),
}


@transaction.atomic
def advance_service_request(
    *, actor, request: ServiceRequest, action: str, quote_amount: Decimal | None = None, note: str = ""
) -> ServiceRequest:
    """Move a request along its life; delivery creates the charge at the accepted quote."""
    if action not in TRANSITIONS:
        raise fail("action", _("Unknown step."), "action")
    allowed, target, who = TRANSITIONS[action]
    request = (
        ServiceRequest.objects.select_for_update().select_related("platform", "service").get(pk=request.pk)
    )
    manager = _manages(actor, request.platform)
    if who == "manager" and not manager:
        raise PermissionDenied
    if who == "requester" and not (manager or actor.pk == request.requester_id):
        raise PermissionDenied
    if request.status not in allowed:
        raise fail(
            "status",
            _("A request that is %(status)s cannot take this step.")
            % {"status": request.get_status_display()},
            "status",
        )
    before = audit.snapshot(request)
    now = timezone.now()
    if action == "quote":
        if quote_amount is None or quote_amount < 0:
            raise fail("quote_amount", _("Give the quote's amount."), "quote")
        request.quote_amount, request.quote_note, request.quoted_at = quote_amount, note, now
    elif action == "accept":
        request.accepted_at = now
    elif action == "start":
        request.started_at = now
    elif action == "deliver":
        request.delivered_at = now
    request.status = target
    request.save()
    audit.record_update(actor=actor, obj=request, action=f"platforms.service_request.{action}", before=before)
    if action == "deliver":
        record = UsageRecord(
            platform=request.platform,
            kind=UsageKind.SERVICE,
            service_request=request,
            user=request.requester,
            organisation=request.organisation,
            category=request.category,
            day=timezone.localdate(now),
            quantity=request.quantity,
            unit=TariffUnit.UNIT,
            unit_price=(request.quote_amount or Decimal(0)) / request.quantity,
            amount=(request.quote_amount or Decimal(0)).quantize(CENT),
            recorded_by=actor,
            note=str(request.service),
        )
        record.unit_price = record.unit_price.quantize(CENT)
        record.save()
        audit.record_create(actor=actor, obj=record, action="platforms.usage.service")
    return request


# --------------------------------------------------------------------------- statements


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def unbilled(platform: Platform, month: date):
    """Charges not yet on a statement, up to the end of `month` (late entries of earlier months too)."""
    _first, last = month_bounds(month)
    return UsageRecord.objects.filter(platform=platform, statement__isnull=True, day__lte=last)


@transaction.atomic
def issue_statement(*, actor, platform: Platform, organisation: Organisation, month: date) -> Statement:
    """Issue the month's statement of one organisation: its unbilled charges, fixed from now on."""
    if not _manages(actor, platform):
        raise PermissionDenied
    first, _last = month_bounds(month)
    if first > timezone.localdate():
        raise fail("month", _("This month has not begun."), "future")
    lines = unbilled(platform, first).filter(organisation=organisation).select_for_update()
    if not lines.exists():
        raise fail(
            "month",
            _("Nothing to bill to %(organisation)s for %(month)s.")
            % {"organisation": organisation, "month": first.strftime("%Y-%m")},
            "empty",
        )
    if Statement.objects.filter(platform=platform, organisation=organisation, month=first).exists():
        raise fail(
            "month",
            _("The statement of %(month)s is already issued; these charges will go on the next one.")
            % {"month": first.strftime("%Y-%m")},
            "issued",
        )
    total = lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    statement = Statement.objects.create(
        platform=platform,
        organisation=organisation,
        month=first,
        number=f"P{platform.pk:03d}-{first:%Y%m}-{organisation.pk:05d}",
        issued_at=timezone.now(),
        issued_by=actor,
        total=total,
    )
    ids = list(lines.values_list("pk", flat=True))
    UsageRecord.objects.filter(pk__in=ids).update(statement=statement)
    requests = ServiceRequest.objects.filter(usage__pk__in=ids, status=S.DELIVERED)
    for request in requests:
        before = audit.snapshot(request)
        request.status = S.INVOICED
        request.save(update_fields=["status", "updated_at"])
        audit.record_update(
            actor=actor, obj=request, action="platforms.service_request.invoiced", before=before
        )
    audit.record_create(actor=actor, obj=statement, action="platforms.statement.issued", data={"lines": ids})
    return statement


@transaction.atomic
def issue_month(*, actor, platform: Platform, month: date) -> list[Statement]:
    """Issue the statements of every organisation with charges to bill for `month`."""
    first, _last = month_bounds(month)
    organisation_ids = sorted(set(unbilled(platform, first).values_list("organisation_id", flat=True)))
    issued = Statement.objects.filter(platform=platform, month=first).values_list(
        "organisation_id", flat=True
    )
    pending = [pk for pk in organisation_ids if pk not in set(issued)]
    if not pending:
        raise fail(
            "month", _("Nothing left to bill for %(month)s.") % {"month": first.strftime("%Y-%m")}, "empty"
        )
    organisations = Organisation.objects.in_bulk(pending)
    return [
        issue_statement(actor=actor, platform=platform, organisation=organisations[pk], month=first)
        for pk in pending
    ]
