"""Who sees which enrolment and milestone: entreprises staff all, members their organisation's."""

from django.db import models

from biocluster.accounts.models import Department
from biocluster.accounts.roles import roles_of
from biocluster.directory.querysets import organisation_ids_of


def is_programmes_staff(user) -> bool:
    """Staff of the entreprises department, and administrators, run the programmes."""
    roles = roles_of(user)
    return roles.is_administrator or Department.ENTREPRISES in roles.departments


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_programmes_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation_id__in=organisation_ids_of(user))


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_programmes_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(enrolment__organisation_id__in=organisation_ids_of(user))


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The programmes' catalogue is public."""
        return self


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Entreprises staff see every cohort; members the cohorts their organisation is enrolled in."""
        if is_programmes_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(enrolments__organisation_id__in=organisation_ids_of(user)).distinct()
