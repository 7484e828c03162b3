"""Who sees what: international cooperation is the cluster staff's (and administrators') only."""

from django.db import models

from biocluster.accounts.roles import roles_of


class StaffQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if roles_of(user).is_cluster_staff else self.none()
