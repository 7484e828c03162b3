"""Settings for the test suite: the same as production's, with testing switched on."""

import os

os.environ.setdefault("BIOCLUSTER_TESTING", "1")
# Importing the WSGI module must not close the test's connections: tests warm up explicitly.
os.environ.setdefault("BIOCLUSTER_WARM_UP", "0")

from .settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Each test starts with an empty cache (root conftest), also the tests without a database.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-shared"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-local"},
}
# Tests serve static files through the finders; with no collected files WhiteNoise would warn
# about the missing directory on every request (thousands of warnings hid the real ones).
STATIC_ROOT = None
