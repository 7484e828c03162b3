"""Who sees what: funder contracts and their parts are cluster staff's only."""

from django.db import models

from biocluster.accounts.roles import roles_of


class ContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if roles_of(user).is_cluster_staff else self.none()


class ContractPartQuerySet(models.QuerySet):
    """Objectives, projects, instalments, deadlines: seen with their contract."""

    def visible_to(self, user):
        return self if roles_of(user).is_cluster_staff else self.none()
