"""Helpers shared by the programmes' services."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# Milestones and sessions older than this are typing mistakes, not history.
EARLIEST = date(1980, 1, 1)


def today() -> date:
    return timezone.localdate()


def require_staff(actor, field: str = "__all__") -> None:
    if actor is None or not actor.has_perm("programmes.manage_programmes"):
        raise ValidationError({field: [_("Only the staff of the entreprises department may do this.")]})


def clean_text(value, field: str, limit: int, *, required: bool = False) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None or len(text) > limit or "\x00" in text:
        raise ValidationError({field: [_("At most %(limit)s characters.") % {"limit": limit}]})
    if required and not text:
        raise ValidationError({field: [_("This field is required.")]})
    return text


def full_clean(obj, exclude=None) -> None:
    """Model validation (choices, lengths, validators), reported field by field."""
    obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
