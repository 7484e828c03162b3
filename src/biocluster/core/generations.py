"""A number in the shared cache that every change raises: derived values are kept under it.

Values derived from many rows (the directory's counts, facets and rendered pages; the
indicators' figures) are kept under the current number, so that one change makes them all
stale at once without tracking which entries it touched. The number lives in the "default"
cache (the database or Redis), shared by every worker process.

It starts from a random number, not from 1: when the shared cache is emptied (a Redis
restart, `cache.clear()`, an eviction) the number starts again, and values a process keeps in
its own memory under a number used before would be served again, stale.
"""

import secrets

from django.core.cache import cache


def _fresh() -> int:
    return secrets.randbelow(2**40) + 1


class Generation:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, _fresh(), timeout=None)
            value = cache.get(self.key)
        return value

    def advance(self) -> None:
        """Raise the number: what was kept under the last one is stale."""
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, _fresh(), timeout=None)
        else:
            # `incr` sets the value again with the default timeout on some backends (the
            # database cache): the number would expire after five minutes and start again.
            cache.touch(self.key, None)
