"""The WSGI application, warmed up before it accepts its first request.

Django otherwise does on a process's first request what every later request
reuses: importing every view and the API (through the URLconf), loading the
translation catalogues, compiling templates. On a loaded machine that made the
first request to each server process take many seconds. Here it is done when
the module is loaded: by gunicorn's master with `preload_app` (see
gunicorn.conf.py; the workers are forked with all of it in memory), or by each
worker before it serves. The warm-up reads no database.
"""

import contextlib
import io
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biocluster.config.settings")
application = get_wsgi_application()


def warm_up() -> None:
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIRequest
    from django.db import connections
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.template.utils import get_app_template_dirs
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - imports every view module and builds the API
    # Altair (pure Python, seconds to import on a loaded machine) is shared by the forked
    # workers; vl-convert's engine is not started here: its threads would not follow a fork
    # (each worker starts it after the fork, gunicorn.conf.py).
    import altair  # noqa: F401

    # NetworkX (0.3-0.5 s to import) likewise: the directory's network page imports it on first
    # use, which made the first network request of every worker slower by that much.
    import networkx  # noqa: F401

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Directory")
            # Django builds the tables that turn a route's name into its address (per language,
            # per namespace) on the first `reverse` or `{% url %}`: 60-80 ms of a worker's
            # first page otherwise.
            _tables_of_addresses(get_resolver())
    engine = engines["django"]
    for directory in get_app_template_dirs("templates"):
        for path in directory.rglob("*.html"):
            try:
                engine.get_template(str(path.relative_to(directory)))
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # fails on its own page, as without the warm-up
    # One request through the middleware, to a view that reads nothing.
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/ok",
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }
    application.get_response(WSGIRequest(environ))
    connections.close_all()  # nothing opened before the fork may be shared by the workers


def _tables_of_addresses(resolver, namespace: str = "") -> None:
    """Reverse one route of each namespace: Django builds the namespace's tables for the active
    language on its first reversal (and the root's on the first of all)."""
    from django.urls import NoReverseMatch, URLResolver, reverse

    for pattern in resolver.url_patterns:
        if not isinstance(pattern, URLResolver):
            continue
        inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
        name = next((key for key in pattern.reverse_dict if isinstance(key, str)), None)
        if name is not None:
            # A route that takes arguments is not reversed, but its tables are built all the same.
            with contextlib.suppress(NoReverseMatch):
                reverse(inner + name)
        _tables_of_addresses(pattern, inner)


if os.environ.get("BIOCLUSTER_WARM_UP", "1") != "0":
    warm_up()
