from django.db import transaction

from biocluster.audit import services as audit

from .models import ApiToken, Role, RoleGrant


@transaction.atomic
def grant_role(*, actor, user, role: str, department: str = "") -> RoleGrant:
    grant, created = RoleGrant.objects.get_or_create(user=user, role=role, department=department)
    if role == Role.STAFF and not user.is_staff:
        # Cluster staff use the Django admin too.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created:
        audit.record_create(actor=actor, obj=grant, action="accounts.role.granted")
    forget_roles(user)
    return grant


@transaction.atomic
def revoke_role(*, actor, grant: RoleGrant) -> None:
    audit.record_delete(actor=actor, obj=grant, action="accounts.role.revoked")
    grant.delete()
    forget_roles(grant.user)


def forget_roles(user) -> None:
    """Roles are cached on the user object for a request; a change must not read the stale copy."""
    user.__dict__.pop("_biocluster_roles", None)


@transaction.atomic
def issue_api_token(*, actor, user, name: str = "default") -> tuple[ApiToken, str]:
    """A new bearer token for `user`; the key is returned once and only its hash is kept."""
    token, key = ApiToken.issue(user, name=name)
    audit.record_create(actor=actor, obj=token, action="accounts.token.issued")
    return token, key
