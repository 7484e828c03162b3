"""What a user is, computed once per request and kept on the user object."""

import contextlib
from functools import cached_property

from biocluster.core import prepared

from .models import Role, RoleGrant

# Compiled once per process: every signed-in page asks what its viewer is (accounts.sessions).
_GRANTS = prepared.CompiledOnce(
    lambda user_id: RoleGrant.objects.filter(user_id=user_id).values_list("role", "department"),
    prepared.ANY_ID,
)


class UserRoles:
    def __init__(self, user):
        self.user = user

    @cached_property
    def _grants(self) -> list[tuple[str, str]]:
        if not self.user.is_authenticated:
            return []
        return _GRANTS.rows(self.user.pk)

    @property
    def is_administrator(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_superuser)

    @property
    def departments(self) -> set[str]:
        return {dept for role, dept in self._grants if role == Role.STAFF}

    @property
    def is_cluster_staff(self) -> bool:
        return self.is_administrator or bool(self.departments)

    @property
    def is_reviewer(self) -> bool:
        return any(role == Role.REVIEWER for role, _ in self._grants)


def roles_of(user) -> UserRoles:
    roles = getattr(user, "_biocluster_roles", None)
    if roles is None:
        roles = UserRoles(user)
        with contextlib.suppress(AttributeError):  # AnonymousUser may be shared
            user._biocluster_roles = roles
    return roles


def staff_users():
    """Cluster staff and administrators, active: who may be given a task."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(Q(role_grants__role=Role.STAFF) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "email")
    )
