"""A version number for the directory's content, raised by every change.

Derived views (result counts, facets, rendered result lists) are cached under
the current version, so that a change makes them all stale at once without
tracking which entries it touched.

The list page keys its count and facets by the query without `page` (they
depend on the filters only, and are the costly part on a large directory) and
each rendered page of results by the full query: see `views/organisations.py`.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import get_language

KEY = "directory:version"
SECONDS = 300


def version() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, timeout=None)
        value = cache.get(KEY, 1)
    return value


def bump(**kwargs) -> None:
    try:
        cache.incr(KEY)
    except ValueError:
        cache.set(KEY, 2, timeout=None)


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Affiliation, Campus, Organisation, OrganisationLink, TechnologyField

    for model in (Organisation, OrganisationLink, Campus, TechnologyField, Affiliation):
        post_save.connect(bump, sender=model, dispatch_uid=f"directory-version-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"directory-version-delete-{model.__name__}")
    for field in ("technology_fields", "value_chain_stages", "tags"):
        m2m_changed.connect(
            bump, sender=getattr(Organisation, field).through, dispatch_uid=f"directory-version-{field}"
        )


def audience(user) -> str | None:
    """Who shares the same derived views: the public, or staff.

    Members are not cached together: each may see their own unlisted organisation.
    """
    from biocluster.accounts.roles import roles_of

    from .querysets import organisation_ids_of

    if roles_of(user).is_cluster_staff:
        return "staff"
    return None if organisation_ids_of(user) else "public"


def cached_for(user, name: str, params: str, compute: Callable[[], object]):
    """`compute()`, shared by everyone of the same audience, language and query until the next change."""
    scope = audience(user)
    if scope is None:
        return compute()
    digest = hashlib.sha256(params.encode()).hexdigest()[:32]
    key = f"directory:{name}:{version()}:{scope}:{get_language()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value
