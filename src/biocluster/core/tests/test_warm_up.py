"""The server is warmed up before its first request (issue 11: the first request took 17-20 s)."""

import runpy
import sys

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


def test_gunicorn_serves_with_single_threaded_workers_two_per_core_and_one(monkeypatch):
    """Threads queued for the interpreter's lock after each database round trip (the week
    calendar's p95 under 20 clients 45-49 ms with 4 x 4, 29-31 ms with 5 x 1; gunicorn.conf.py)."""
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    config = runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"]) == (5, 1)
    monkeypatch.setenv("WEB_CONCURRENCY", "3")  # gunicorn's own variable, as without a setting
    assert runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))["workers"] == 3


@pytest.mark.django_db
def test_the_warm_up_before_the_fork_does_not_start_the_renderer(monkeypatch):
    """vl-convert's engine runs in threads of its own, which a fork does not copy: a worker
    forked from a master that had drawn would wait for them for ever."""
    import vl_convert

    from biocluster.config import wsgi

    def refuse(*args, **kwargs):
        raise AssertionError("vl-convert started in the master: the forked workers would hang")

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", refuse)
    monkeypatch.delitem(sys.modules, "altair", raising=False)
    wsgi.warm_up()
    translation.activate(settings.LANGUAGE_CODE)
    assert "altair" in sys.modules  # but Altair (pure Python) is imported, shared by the workers
