"""The survey's e-mails: the reminders to a company's administrators, each in their language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Reminder


def reminder(reminder_id: int) -> int:
    """One e-mail per administrator of the company (their own language); the number sent."""
    from .services import administrators_of

    reminder = Reminder.objects.select_related("response__campaign", "response__organisation").get(
        pk=reminder_id
    )
    response = reminder.response
    campaign = response.campaign
    sent = 0
    for user in administrators_of([response.organisation_id]).get(response.organisation_id, []):
        if not user.email:
            continue
        with translation.override(user.preferred_language or "en"):
            body = render_to_string(
                "survey/email/reminder.txt",
                {
                    "campaign": campaign,
                    "response": response,
                    "late": reminder.key.startswith("after"),
                    "path": reverse("survey:response_detail", args=[response.pk]),
                },
            )
            subject = _("Company survey %(year)s: your answers are awaited") % {"year": campaign.year}
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += message.send()
    return sent
