"""A version number for the directory's content, raised by every change.

Derived views (result counts, facets, rendered result lists) are cached under
the current version, so that a change makes them all stale at once without
tracking which entries it touched.

The list page keys its count and facets by the query without `page` (they
depend on the filters only, and are the costly part on a large directory) and
each rendered page of results by the full query: see `views/organisations.py`.

The version (core.generations) lives in the shared cache ("default": the database or Redis), read once
per request, so that a change made by any worker process is seen by all at once; the
derived views, keyed by that version, are read from each process's memory ("local"):
reading them costs no query. They are also put in the shared cache, where a process
that has not computed them yet (a new one) finds them.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils.translation import get_language

from biocluster.core import generations

KEY = "directory:version"
SECONDS = 300


_VERSION = generations.Generation(KEY)


def version() -> int:
    return _VERSION.current()


def bump(**kwargs) -> None:
    _VERSION.advance()
    if getattr(settings, "DIRECTORY_WARM_NETWORK", False) and _tasks_run_elsewhere():
        _warm_up_after_commit()


# The network page's first visitor after a change waited for its build (about 1 s at 20,000
# organisations and 29,000 links). A background task builds the page's opening view for the public and for staff
# as soon as a change is committed; at most one is queued at a time, however many rows a
# transaction changes (an import changes thousands).
WARM_UP_PENDING = "directory:network:warm-up-pending"
WARM_UP_PENDING_SECONDS = 300  # without a worker to run it, a queued warm-up is asked again after this


def _tasks_run_elsewhere() -> bool:
    """A worker runs the tasks: with the immediate backend the warm-up would make the change's own
    request build the network four times."""
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django.tasks.backends.immediate import ImmediateBackend

    return not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def _warm_up_after_commit() -> None:
    pending = transaction.get_connection().run_on_commit
    if not any(callback is _queue_warm_up for _ids, callback, _robust in pending):
        transaction.on_commit(_queue_warm_up)


def _queue_warm_up() -> None:
    if cache.add(WARM_UP_PENDING, True, WARM_UP_PENDING_SECONDS):
        from .tasks import warm_up_network

        warm_up_network.enqueue()


def warm_up_network() -> list[str]:
    """Build and share the network page's opening view for the public and for staff, in every
    language; what was built, as "audience language"."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict
    from django.utils import translation

    from biocluster.accounts.roles import staff_users

    from .views.network import network_for

    cache.delete(WARM_UP_PENDING)  # a change from now on queues another warm-up
    viewers = {"public": AnonymousUser(), "staff": staff_users().first()}
    built = []
    for name, viewer in viewers.items():
        if viewer is None:
            continue
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                network_for(viewer, QueryDict())
            built.append(f"{name} {language}")
    return built


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


def audience(user) -> str:
    """Who shares the same derived views: the public, staff, or the people of the same
    organisations with the same rights there.

    What a member sees beyond the public depends on those alone: their unlisted organisations
    (`visible_to`) and the links and fields of those they administer (`network._Viewer`). Members
    were once computed for each request: 1.4 to 2 s for the network page at 37,000 organisations.
    """
    from biocluster.accounts.roles import roles_of

    from .querysets import administered_organisation_ids_of, organisation_ids_of

    if roles_of(user).is_cluster_staff:
        return "staff"
    mine = organisation_ids_of(user)
    if not mine:
        return "public"
    administered = administered_organisation_ids_of(user)
    return "of:" + ",".join(f"{pk}{'*' if pk in administered else ''}" for pk in sorted(mine))


def cached_for(user, name: str, params: str, compute: Callable[[], object], *, current: int | None = None):
    """`compute()`, shared by everyone of the same audience, language and query until the next change.

    `current` is the version when the caller has read it already (one read per request).
    """
    digest = hashlib.sha256(f"{audience(user)}\n{params}".encode()).hexdigest()[:32]
    key = f"directory:{name}:{version() if current is None else current}:{get_language()}:{digest}"
    return kept(key, compute)


def kept(key: str, compute: Callable[[], object]):
    """`compute()` kept under `key` in this process's memory and in the shared cache."""
    local = caches["local"]
    value = local.get(key)
    if value is None:
        # Not yet in this process: another may have computed it (a new process's first
        # request would otherwise compute the costly counts and facets again).
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, SECONDS)
        local.set(key, value, SECONDS)
    return value
