"""Authentication backends without Django's model permissions.

Permissions are decided by the apps' `rules` only; Django's user and group permissions
(ModelBackend) would be a second authority, answering "yes" where the rules say "no".
Administrators (superusers) pass every check through `User.has_perm` itself.

allauth's backend (e-mail login, the login by code) is a ModelBackend too: left as it is, it
read the signed-in person's user and group permissions on every page that asked a rule
(two queries a request) and would have granted any that a row gave.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend


class NoModelPermissions:
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
