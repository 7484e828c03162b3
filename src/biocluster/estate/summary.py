"""Real estate's line of an organisation's staff summary (`core.registry.add_organisation_summary`)."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core import formatting
from biocluster.core.registry import SummaryLine

from .models import Agreement, AgreementStatus


def organisation_summary(user, organisation) -> list[SummaryLine]:
    """Its agreements now: how many units and m², until when; or its last one."""
    if not user.has_perm("estate.add_agreement"):
        return []
    today = timezone.localdate()
    agreements = list(
        Agreement.objects.visible_to(user)
        .filter(organisation=organisation)
        .exclude(status=AgreementStatus.CANCELLED)
        .prefetch_related("lines__unit")
        .order_by("-start", "-id")[:20]
    )
    if not agreements:
        return []
    current = [a for a in agreements if a.start <= today <= a.last_day]
    if not current:
        last = agreements[0]
        text = _("Agreement %(reference)s, %(start)s to %(end)s") % {
            "reference": last.reference,
            "start": formatting.day(last.start),
            "end": formatting.day(last.last_day),
        }
        return [SummaryLine(_("Real estate"), text, reverse("estate:agreement_detail", args=[last.pk]))]
    units = [line.unit for a in current for line in a.lines.all() if line.active]
    area = sum((unit.area for unit in units), Decimal("0"))
    text = ngettext(
        "%(count)s unit let (%(area)s m²) until %(end)s",
        "%(count)s units let (%(area)s m²) until %(end)s",
        len(units),
    ) % {
        "count": len(units),
        "area": formatting.number(area),
        "end": formatting.day(max(a.last_day for a in current)),
    }
    return [SummaryLine(_("Real estate"), text, reverse("estate:agreement_detail", args=[current[0].pk]))]
