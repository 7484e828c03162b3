"""Authentication backends without Django's model permissions.

Permissions are decided by the apps' `rules` only; Django's user and group permissions
(ModelBackend) would be a second authority, answering "yes" where the rules say "no".
Administrators (superusers) pass every check through `User.has_perm` itself.

allauth's backend (e-mail login, the login by code) is a ModelBackend too: left as it is, it
read the signed-in person's user and group permissions on every page that asked a rule
(two queries a request) and would have granted any that a row gave.
"""

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connection

from biocluster.core import prepared


def _user_query(pk):
    model = get_user_model()
    return model._default_manager.filter(pk=pk).values_list(*_attnames())


@cache
def _attnames() -> tuple[str, ...]:
    return tuple(field.attname for field in get_user_model()._meta.concrete_fields)


# Compiled once per process: every signed-in page reads its user (accounts.sessions says why).
_BY_PK = prepared.CompiledOnce(_user_query, prepared.ANY_ID)


class NoModelPermissions:
    def get_user(self, user_id):
        """`ModelBackend.get_user`, the user read by a statement compiled once."""
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        rows = _BY_PK.rows(pk)
        if not rows:
            return None
        user = model.from_db(connection.alias, _attnames(), rows[0])
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


class PasswordBackend(NoModelPermissions, ModelBackend):
    pass


class AccountBackend(NoModelPermissions, AuthenticationBackend):
    """allauth's login (e-mail and password, code by e-mail), without model permissions."""
