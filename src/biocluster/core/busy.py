"""A database busy with another write answers 503 with Retry-After, never 500.

On SQLite one writer holds the lock at a time; a request that waited the whole busy
timeout (settings: `PRAGMA busy_timeout`) gets "database is locked". That is a
temporary condition the client can retry, not a server error. Pages get it from
the middleware (views) and the 500 handler (the rest, e.g. a session saved by a
middleware); the API from its exception handler (config/api.py).
"""

import sys

from django.db import OperationalError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.defaults import server_error

RETRY_AFTER_SECONDS = 5
LOCKED_MESSAGES = ("database is locked", "database table is locked")


def is_database_busy(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError) and str(exception).lower().startswith(LOCKED_MESSAGES)


def busy_response(*, content: str = "", content_type: str = "text/plain; charset=utf-8") -> HttpResponse:
    response = HttpResponse(
        content or _("The server is busy with another change. Please try again in a few seconds."),
        status=503,
        content_type=content_type,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_busy(exception):
            return busy_response()
        return None


def handler500(request, *args, **kwargs):
    """Django's 500 page, unless the error was a busy database (raised outside a view)."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response()
    return server_error(request, *args, **kwargs)
