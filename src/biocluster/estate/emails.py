"""The estate's e-mail: a tenant request assigned to a member of the staff is sent to them, in
their language, with what the tenant reported and the link to the request."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import TenantRequest


def tenant_request_assigned(request_id: int) -> int:
    """Tell the staff member a tenant request was assigned to (0 sent: no assignee or no address)."""
    row = TenantRequest.objects.select_related("unit__building", "organisation", "assigned_to").get(
        pk=request_id
    )
    assignee = row.assigned_to
    if assignee is None or not assignee.email:
        return 0
    with translation.override(assignee.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Tenant request %(reference)s assigned to you: %(unit)s, %(tenant)s") % {
            "reference": row.reference,
            "unit": row.unit.code,
            "tenant": row.organisation.name,
        }
        body = render_to_string(
            "estate/email/tenant_request_assigned.txt",
            {
                "row": row,
                "url": reverse("estate:tenant_request_detail", args=[row.pk]),
            },
        )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [assignee.email]).send()
