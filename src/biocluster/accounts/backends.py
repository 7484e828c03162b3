"""Model-level permissions of cluster staff, for the Django admin.

Object-level rules stay in each app's `rules.py`; this backend only answers
"may staff use this app's admin at all", without an object.
"""

import rules

from .roles import roles_of

STAFF_APPS = {
    "directory",
    "audit",
    "calls",
    "platforms",
    "programmes",
    "accreditation",
    "events",
    "partnering",
}


class ClusterStaffBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm: str, obj=None) -> bool:
        if obj is not None or not user.is_active:
            return False
        if rules.perm_exists(perm):
            # An app rule of that name decides, with or without an object (e.g. who may
            # create an event): answering "staff" here would let every department through.
            return False
        return perm.split(".", 1)[0] in STAFF_APPS and roles_of(user).is_cluster_staff

    def has_module_perms(self, user, app_label: str) -> bool:
        return user.is_active and app_label in STAFF_APPS and roles_of(user).is_cluster_staff
