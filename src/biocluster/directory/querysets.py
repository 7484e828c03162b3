import contextlib
import datetime

from django.db import models, transaction
from django.utils import timezone

from biocluster.accounts.roles import roles_of
from biocluster.core import prepared


def _current_affiliations_of(user) -> frozenset[tuple[int, bool]]:
    """(organisation, is administrator) of each current affiliation of `user`, read once per
    request: the account menu, the rules and the pages all ask, on every page."""
    return _affiliations(user)[0]


def _affiliations_query(on, user_id):
    from biocluster.core import registry

    from .models import Affiliation

    flags = registry.affiliation_flags()
    return (
        Affiliation.objects.current(on)
        .filter(person__user_id=user_id)
        .order_by()
        .annotate(**{f"flag_{name}": expression("organisation_id") for name, expression in flags.items()})
        .values_list("organisation_id", "is_administrator", *(f"flag_{name}" for name in flags))
    )


# Compiled once per process: with the flags' subqueries, compiling cost 2 ms on every signed-in
# page (the user's id and the day are the only values that change; the flags registered, rarely).
_AFFILIATIONS = prepared.CompiledOnce(_affiliations_query, datetime.date(1900, 1, 2), prepared.ANY_ID)


def _affiliations(user) -> tuple[frozenset[tuple[int, bool]], dict[str, frozenset[int]]]:
    """The pairs above and, per flag of core.registry, the organisations that have it: one query."""
    cached = getattr(user, "_biocluster_affiliations", None)
    if cached is not None:
        return cached
    pairs: frozenset[tuple[int, bool]] = frozenset()
    flagged: dict[str, frozenset[int]] = {}
    if user.is_authenticated:
        from biocluster.core import registry

        flags = registry.affiliation_flags()
        rows = _AFFILIATIONS.rows(timezone.localdate(), user.pk, shape=tuple(flags))
        pairs = frozenset((row[0], row[1]) for row in rows)
        flagged = {name: frozenset(row[0] for row in rows if row[2 + i]) for i, name in enumerate(flags)}
    with contextlib.suppress(AttributeError):  # AnonymousUser may be shared
        user._biocluster_affiliations = (pairs, flagged)
    return pairs, flagged


def flagged_organisation_ids_of(user, flag: str) -> frozenset[int]:
    """The organisations of `user`'s current affiliations that have `flag` (core.registry's
    `add_affiliation_flag`); read with the affiliations, no query of its own."""
    return _affiliations(user)[1].get(flag, frozenset())


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
    # Every bulk write keeps the stored keys (`Person.name_key`, `Person.email_key`) in step with
    # the names and the address (save() does it one by one): a stale key would hide a reviewer's
    # conflict of interest.
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for person in objs:
            person.refresh_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        keys = self.model.keys_of(fields)
        if keys:
            objs = list(objs)
            for person in objs:
                person.refresh_keys()
            fields = [*fields, *(key for key in keys if key not in fields)]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        keys = [key for key in self.model.keys_of(kwargs) if key not in kwargs]
        # bulk_update's own UPDATE carries the keys it computed.
        if not keys:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            updated = super().update(**kwargs)
            sources = {field for fields in self.model.KEYS.values() for field in fields}
            changed = list(self.model.objects.filter(pk__in=pks).only(*sources))
            for person in changed:
                person.refresh_keys()
            self.model.objects.bulk_update(changed, keys, batch_size=500)
        return updated

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
