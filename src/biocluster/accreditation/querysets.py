"""Who sees which accreditation.

Everyone sees the accepted accreditations of companies listed in the public
directory (the public register); members also see their own company's. Cluster
staff see the whole register, refusals included.
"""

from django.db import models
from django.db.models import OuterRef, Subquery

from biocluster.accounts.models import Department
from biocluster.accounts.roles import roles_of
from biocluster.directory.querysets import organisation_ids_of


def manages_register(user) -> bool:
    """The Entreprises department keeps the register; administrators may too."""
    roles = roles_of(user)
    return roles.is_administrator or Department.ENTREPRISES in roles.departments


def sees_whole_register(user) -> bool:
    return roles_of(user).is_cluster_staff


class AccreditationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(decision="accepted")

    def public(self):
        return self.accepted().filter(organisation__is_listed=True)

    def visible_to(self, user):
        if sees_whole_register(user):
            return self
        mine = organisation_ids_of(user)
        if mine:
            return self.accepted().filter(
                models.Q(organisation__is_listed=True) | models.Q(organisation_id__in=mine)
            )
        return self.public()

    def with_current_status(self):
        from .models import AccreditationStatus

        latest = AccreditationStatus.objects.filter(accreditation=OuterRef("pk")).order_by("-since", "-id")
        return self.annotate(current_status_value=Subquery(latest.values("status")[:1]))

    def with_status(self, status: str):
        return self.with_current_status().filter(current_status_value=status)


class AccreditationStatusQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .models import Accreditation

        return self.filter(accreditation__in=Accreditation.objects.visible_to(user))
