from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def bilingual(obj, field: str) -> str:
    """The value of `field_fr` or `field_en` for the active language, else the other one.

    Bilingual content is stored as explicit per-language columns: they are plain
    to import, export, search and audit.
    """
    language = (get_language() or "en")[:2]
    other = "en" if language == "fr" else "fr"
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{other}", "") or ""
