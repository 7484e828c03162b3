"""The introduction e-mail: the staff put two organisations in touch, each person in their language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Introduction


def _language(code: str) -> str:
    code = (code or "")[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE[:2]


def introduction(introduction_id: int) -> int:
    """One e-mail per person of either organisation, naming the other one; the number sent."""
    from .services import _contacts

    intro = (
        Introduction.objects.select_related("organisation", "partner", "sent_by")
        .filter(pk=introduction_id)
        .first()
    )
    if intro is None:
        return 0
    site = getattr(settings, "SITE_URL", "")
    sent = 0
    for mine, other in ((intro.organisation, intro.partner), (intro.partner, intro.organisation)):
        for address, language in _contacts(mine):
            with translation.override(_language(language)):
                body = render_to_string(
                    "recommendations/email/introduction.txt",
                    {
                        "introduction": intro,
                        "organisation": mine,
                        "other": other,
                        "other_url": site + reverse("directory:organisation_detail", args=[other.pk]),
                        "sender": (intro.sent_by.get_full_name() or intro.sent_by.email)
                        if intro.sent_by
                        else "",
                    },
                )
                subject = _("An introduction: %(other)s") % {"other": other.name}
                sent += EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]).send()
    return sent
