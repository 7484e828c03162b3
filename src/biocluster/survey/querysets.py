"""Who sees which campaign and which response.

Cluster staff (any department) and administrators see every campaign and response. A
company's administrators (their current affiliation administers it, in the directory) see
their own company's responses once the campaign is open, and the campaigns they are asked
in; nobody else sees any (404).
"""

from django.db import models

from biocluster.accounts.roles import roles_of
from biocluster.directory.querysets import administered_organisation_ids_of


def is_survey_staff(user) -> bool:
    return roles_of(user).is_cluster_staff


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_survey_staff(user):
            return self
        mine = administered_organisation_ids_of(user)
        if not mine:
            return self.none()
        return self.exclude(state="draft").filter(responses__organisation_id__in=mine).distinct()


class ResponseQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_survey_staff(user):
            return self
        mine = administered_organisation_ids_of(user)
        if not mine:
            return self.none()
        return self.filter(organisation_id__in=mine).exclude(campaign__state="draft")
