import contextlib

from django.db import models

from biocluster.accounts.roles import roles_of


def _current_affiliations_of(user) -> frozenset[tuple[int, bool]]:
    """(organisation, is administrator) of each current affiliation of `user`, read once per
    request: the account menu, the rules and the pages all ask, on every page."""
    cached = getattr(user, "_biocluster_affiliations", None)
    if cached is not None:
        return cached
    pairs: frozenset[tuple[int, bool]] = frozenset()
    if user.is_authenticated:
        from .models import Affiliation

        pairs = frozenset(
            Affiliation.objects.current()
            .filter(person__user=user)
            .values_list("organisation_id", "is_administrator")
        )
    with contextlib.suppress(AttributeError):  # AnonymousUser may be shared
        user._biocluster_affiliations = pairs
    return pairs


def organisation_ids_of(user) -> frozenset[int]:
    """The organisations where `user` holds a current affiliation; cached per request."""
    return frozenset(organisation for organisation, _admin in _current_affiliations_of(user))


def administered_organisation_ids_of(user) -> frozenset[int]:
    """The organisations `user` administers (a current affiliation marked administrator)."""
    return frozenset(organisation for organisation, admin in _current_affiliations_of(user) if admin)


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
