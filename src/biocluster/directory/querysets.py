import contextlib

from django.db import models

from biocluster.accounts.roles import roles_of


def organisation_ids_of(user) -> frozenset[int]:
    """The organisations where `user` holds a current affiliation; cached per request."""
    cached = getattr(user, "_biocluster_organisation_ids", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if user.is_authenticated:
        from .models import Affiliation

        ids = frozenset(
            Affiliation.objects.current().filter(person__user=user).values_list("organisation_id", flat=True)
        )
    with contextlib.suppress(AttributeError):  # AnonymousUser may be shared
        user._biocluster_organisation_ids = ids
    return ids


def administered_organisation_ids_of(user) -> frozenset[int]:
    cached = getattr(user, "_biocluster_administered_ids", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if user.is_authenticated:
        from .models import Affiliation

        ids = frozenset(
            Affiliation.objects.current()
            .filter(person__user=user, is_administrator=True)
            .values_list("organisation_id", flat=True)
        )
    with contextlib.suppress(AttributeError):  # AnonymousUser may be shared
        user._biocluster_administered_ids = ids
    return ids


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        mine = organisation_ids_of(user)
        if mine:
            return self.filter(models.Q(is_listed=True) | models.Q(pk__in=mine))
        return self.filter(is_listed=True)

    def editable_by(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        return self.filter(pk__in=administered_organisation_ids_of(user))


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see everyone; others see people who consented, their colleagues and themselves."""
        if roles_of(user).is_cluster_staff:
            return self
        visible = models.Q(public_consent=True)
        if user.is_authenticated:
            visible |= models.Q(user=user)
            mine = organisation_ids_of(user)
            if mine:
                colleagues = self.model.objects.filter(affiliations__organisation_id__in=mine).values("pk")
                visible |= models.Q(pk__in=colleagues)
        return self.filter(visible)
