"""Password authentication without Django's model permissions.

Permissions are decided by the apps' `rules` only; Django's user and group permissions
(ModelBackend) would be a second authority, answering "yes" where the rules say "no".
Administrators (superusers) pass every check through `User.has_perm` itself.
"""

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
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
