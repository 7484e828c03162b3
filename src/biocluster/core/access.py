"""The few helpers every view and API endpoint uses to reach an object.

Deny by default: a user who may not see an object gets a 404, so that its
existence is not disclosed; a user who may see it but not act gets a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def get_visible_or_404(queryset, user, **lookup):
    """Fetch one object among those `user` may see (`queryset.visible_to(user)`)."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied
