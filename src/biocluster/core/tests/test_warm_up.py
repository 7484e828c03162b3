"""The server is warmed up before its first request (issue 11: the first request took 17-20 s)."""

import runpy

import pytest
from django.conf import settings
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import trans_real


@pytest.mark.django_db
def test_the_application_is_warmed_up_before_it_serves():
    from biocluster.config import wsgi

    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    trans_real._translations.clear()
    # An earlier test in this worker may have left a connection open (an in-memory SQLite
    # database is never closed): then no query at all is the check, else no connection opened.
    was_closed = connection.connection is None
    with CaptureQueriesContext(connection) as queries:
        wsgi.warm_up()
    assert {"directory/organisation_list.html", "core/base.html"} <= set(loader.get_template_cache)
    assert set(trans_real._translations) >= {"en", "fr"}
    assert len(queries) == 0  # nothing read before the fork
    if was_closed:
        assert connection.connection is None  # nor a connection opened
    translation.activate(settings.LANGUAGE_CODE)


def test_gunicorn_loads_the_application_before_it_forks_its_workers():
    config = runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))
    assert config["preload_app"] is True
