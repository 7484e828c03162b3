"""A version number for the directory's content, raised by every change.

Derived views (result counts, facets, rendered result lists) are cached under
the current version, so that a change makes them all stale at once without
tracking which entries it touched.
"""

from django.core.cache import cache

KEY = "directory:version"


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
