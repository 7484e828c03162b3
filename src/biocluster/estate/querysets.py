"""Who sees what of the estate, and the questions asked of it at a date.

The estate itself (campuses, buildings, units) is the cluster's public offer: everyone
sees it. Agreements are the staff's, and each tenant's own (its members see its
agreements, never another organisation's).
"""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Subquery

from biocluster.accounts.roles import roles_of
from biocluster.directory.querysets import organisation_ids_of


def status_at(day: datetime.date, unit_ref: str = "pk"):
    """A subquery: the unit's status on `day` (its latest status row since then or before)."""
    from .models import UnitStatus

    rows = UnitStatus.objects.filter(unit=OuterRef(unit_ref), since__lte=day).order_by("-since", "-id")
    return Subquery(rows.values("status")[:1])


class BuildingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self

    def lettable(self):
        from .models import LETTABLE_KINDS

        return self.filter(kind__in=LETTABLE_KINDS)

    def with_status_at(self, day: datetime.date):
        return self.annotate(status_then=status_at(day))

    def let_between(self, first: datetime.date, last: datetime.date):
        """Units with an active agreement line for part of [first, last]."""
        from .models import AgreementUnit

        lines = AgreementUnit.objects.filter(
            unit=OuterRef("pk"), active=True, start__lte=last, end__gte=first
        )
        return self.filter(Exists(lines))

    def free_between(self, first: datetime.date, last: datetime.date):
        """Units in service on `first`, with no agreement and no works or planning for the whole of [first, last]."""
        from .models import IN_SERVICE, OUT_OF_SERVICE, AgreementUnit, UnitStatus

        lines = AgreementUnit.objects.filter(
            unit=OuterRef("pk"), active=True, start__lte=last, end__gte=first
        )
        out_of_service = UnitStatus.objects.filter(
            unit=OuterRef("pk"), since__gt=first, since__lte=last, status__in=OUT_OF_SERVICE
        )
        # In this order in the WHERE clause: a line in the period (one probe of the lines' unit/start/end
        # index, the exclusion constraint's GiST index on PostgreSQL) rules out most units before the
        # status at `first` (a subquery: the unit's latest row) is looked up; `alias`, not `annotate`:
        # not computed again for the SELECT.
        return (
            self.exclude(Exists(lines))
            .exclude(Exists(out_of_service))
            .alias(status_then=status_at(first))
            .filter(status_then__in=IN_SERVICE)
        )


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        roles = roles_of(user)
        if roles.is_cluster_staff:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation_id__in=organisation_ids_of(user))

    def active(self):
        return self.exclude(status="cancelled")

    def current_at(self, day: datetime.date):
        return self.active().filter(lines__active=True, lines__start__lte=day, lines__end__gte=day).distinct()


class SpaceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every request; a requester's members see their organisation's."""
        if roles_of(user).is_cluster_staff:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation_id__in=organisation_ids_of(user))


class TenantRequestQuerySet(models.QuerySet):
    """Staff see every tenant request; a member its organisations' (never another tenant's)."""

    def visible_to(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation_id__in=organisation_ids_of(user))
