"""Who sees which project: cluster staff all of them; a consortium partner's members their own."""

from django.db import models

from biocluster.accounts.roles import roles_of
from biocluster.directory.querysets import organisation_ids_of


def partner_project_ids(user):
    """The projects where one of `user`'s organisations is in the consortium (a subquery)."""
    from .models import Participant

    return Participant.objects.filter(organisation_id__in=organisation_ids_of(user)).values("project_id")


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=partner_project_ids(user))


class DeliverableQuerySet(models.QuerySet):
    def visible_to(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(project_id__in=partner_project_ids(user))
