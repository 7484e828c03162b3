"""Who sees which events and registrations: `visible_to(user)` for every list and object fetched.

The communication and international departments (and administrators) run the
events: they see drafts and every registration. Everyone else sees published
(and cancelled, so that registrants learn of it) events and their own
registrations only.
"""

from django.db import models

from biocluster.accounts.models import Department
from biocluster.accounts.roles import roles_of

MANAGING_DEPARTMENTS = frozenset({Department.COMMUNICATION, Department.INTERNATIONAL})
PUBLIC_STATUSES = ("published", "cancelled")


def manages_events(user) -> bool:
    roles = roles_of(user)
    return roles.is_administrator or bool(roles.departments & MANAGING_DEPARTMENTS)


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        if manages_events(user):
            return self
        return self.filter(status__in=PUBLIC_STATUSES)

    def published(self):
        return self.filter(status="published")


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if manages_events(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def active(self):
        return self.exclude(status="cancelled")
