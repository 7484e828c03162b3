"""The few helpers every view and API endpoint uses to reach an object.

Deny by default: a user who may not see an object gets a 404, so that its
existence is not disclosed; a user who may see it but not act gets a 403.
"""

from django.core.exceptions import PermissionDenied, ValidationError
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


def get_child_or_404(queryset, user, *, through: str, parents=None, **lookup):
    """Fetch one object whose parent (`through`, a relation path such as "event" or
    "objective__enrolment") the user may see: 404 otherwise, as for the parent itself.

    `parents` is the queryset of parents to see through; by default the parent model's
    `visible_to(user)`. An app whose visibility of the parent is its own (partnering's
    events) passes its queryset of the parents the user may reach.
    """
    if parents is None:
        model = queryset.model
        for name in through.split("__"):
            model = model._meta.get_field(name).related_model
        parents = model._default_manager.all().visible_to(user)
    try:
        return queryset.select_related(through).filter(**{f"{through}__in": parents}).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:  # not found, or not an id
        raise Http404 from exc
