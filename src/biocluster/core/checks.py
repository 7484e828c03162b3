"""`check --deploy`: what a production deployment must not miss."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs=None, **kwargs):
    """Login throttling and cached counts live in the cache: with one cache per worker
    process, three workers allow three times the failed logins and serve stale counts."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    cls = import_string(backend) if backend else None
    per_process = backend in PER_PROCESS_CACHES or any(
        cls is not None and issubclass(cls, import_string(name)) for name in PER_PROCESS_CACHES
    )
    if not per_process:
        return []
    return [
        checks.Warning(
            "The default cache is per process: login throttling and cached counts are not shared "
            "between workers.",
            hint="Set REDIS_URL, or use the database cache (django.core.cache.backends.db.DatabaseCache).",
            id="biocluster.W001",
        )
    ]
