"""Who sees what: the staff's relations are cluster staff's only."""

from django.db import models

from biocluster.accounts.roles import roles_of


class InteractionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if roles_of(user).is_cluster_staff else self.none()


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if roles_of(user).is_cluster_staff else self.none()

    def open(self):
        return self.filter(done_at__isnull=True)


class SegmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A staff member's own segments and those shared; administrators see all."""
        roles = roles_of(user)
        if roles.is_administrator:
            return self
        if not roles.is_cluster_staff:
            return self.none()
        return self.filter(models.Q(owner=user) | models.Q(is_shared=True))
