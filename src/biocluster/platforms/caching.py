"""The rendered calendar grid of an instrument, kept until something it shows changes (issue 11).

Building a week's grid (its bookings, closures, outages and 7 x 24 cells) cost forty times
a bare page. Each instrument has a version in the shared cache ("default": the database
or Redis), and so has its platform (closures of the whole platform, its time zone) and
the platforms as a whole (bulk loads). Any change to what a grid shows replaces the
version: a booking, a closure, an outage, the instrument or its opening hours, saved or
deleted (the signals below), and the writes that bypass the signals call `bump_*`
themselves. The rendered grids are kept in each process's memory ("local") under those
versions, so that a change made by any process makes every process's grids of that
instrument stale at once.

A version is a random token rather than a counter: a version lost from the shared cache
(culled, flushed) comes back as a new token, never as one an old grid was kept under.

A grid also varies with what the viewer may see and do (whose names are shown, which
bookings are theirs, whether free slots offer booking), the language, and the moment:
a week that contains now changes as slots pass into the past, so its key holds the
current slot.
"""

import secrets
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from . import timeutils

SECONDS = 600
ALL = "platforms:grid-version"


def _instrument_key(pk: int) -> str:
    return f"platforms:grid-version:instrument:{pk}"


def _platform_key(pk: int) -> str:
    return f"platforms:grid-version:platform:{pk}"


def versions(instrument) -> str:
    """The versions the instrument's grid depends on, read in one round trip."""
    keys = [ALL, _platform_key(instrument.platform_id), _instrument_key(instrument.pk)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, secrets.token_hex(8), timeout=None)
    if missing:
        found = cache.get_many(keys)
    return ".".join(str(found.get(key, "-")) for key in keys)


def _replace(*keys: str) -> None:
    cache.set_many({key: secrets.token_hex(8) for key in keys}, timeout=None)


def _bump(*keys: str) -> None:
    """Replace the versions now and once the transaction commits.

    Now, so that the rest of the transaction (and a test's) sees its own change; after the
    commit too, so that a grid built by another process from the data as it was before
    the commit, under the version replaced now, is not taken for current. (The database
    cache writes in the transaction, but a first write of a key that another transaction
    is writing too fails quietly: the second write makes sure.)
    """
    _replace(*keys)
    transaction.on_commit(lambda: _replace(*keys))


def bump_instrument(pk: int) -> None:
    _bump(_instrument_key(pk))


def bump_platform(pk: int) -> None:
    _bump(_platform_key(pk))


def bump_all() -> None:
    """After a bulk load of bookings (the demo): every grid is stale."""
    _bump(ALL)


def _on_change(sender, instance, **kwargs) -> None:
    from .models import Closure, Platform

    if isinstance(instance, Platform):
        bump_platform(instance.pk)
    elif isinstance(instance, Closure):  # of the platform or of one instrument (which may have changed)
        bump_platform(instance.platform_id)
    elif hasattr(instance, "instrument_id"):
        bump_instrument(instance.instrument_id)
    else:  # the instrument itself
        bump_instrument(instance.pk)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Booking, Closure, Instrument, OpeningHours, Outage, Platform

    for model in (Booking, Closure, Instrument, OpeningHours, Outage, Platform):
        name = model.__name__
        post_save.connect(_on_change, sender=model, dispatch_uid=f"platforms-grid-save-{name}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"platforms-grid-delete-{name}")


def _moment(instrument, days: list[date], now: datetime) -> str:
    """What of the present the grid shows: nothing for days wholly past or ahead; else how
    many of today's slots have begun (a cell turns from free to past when its slot begins)."""
    tz = instrument.platform.tz
    if now >= timeutils.at(days[-1] + timedelta(days=1), timeutils.MIDNIGHT, tz):
        return "past"
    if now < timeutils.at(days[0], timeutils.MIDNIGHT, tz):
        return "ahead"
    today = timezone.localtime(now, tz).date()
    starts = timeutils.slot_starts(today, range(0, 24 * 60, instrument.slot_minutes), tz)
    begun = sum(1 for start in starts if start < now)
    return f"{today.isoformat()}+{begun}"


def viewer(user, *, manages: bool, can_book: bool) -> str:
    """What of the viewer the grid shows: the names they may see (all when they manage the
    platform, else their own bookings'), their bookings, whether they may book."""
    who = f"u{user.pk}" if user.is_authenticated else "anonymous"
    return f"{who}:{int(manages)}:{int(can_book)}"


def cached_grid(instrument, days: list[date], who: str, render: Callable[[], str]) -> str:
    """The instrument's grid for these days as `render()` makes it, kept until it changes."""
    key = ":".join(
        [
            "platforms:grid",
            str(instrument.pk),
            versions(instrument),
            days[0].isoformat(),
            str(len(days)),
            _moment(instrument, days, timezone.now()),
            who,
            get_language() or "",
            instrument.platform.time_zone,
        ]
    )
    local = caches["local"]
    html = local.get(key)
    if html is None:
        html = render()
        local.set(key, html, SECONDS)
    return html
