"""The server is warmed up before its first request (issue 11: the first request took 17-20 s)."""

import os
import runpy
import subprocess
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
    """Threads cost more than they gave (the week calendar's p95 under 20 clients 39-62 ms with
    4 workers x 4 threads, 25-34 ms with 5 x 1: gunicorn.conf.py)."""
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    config = runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"]) == (5, 1)
    monkeypatch.setattr("os.cpu_count", lambda: 32)  # each holds a database connection: 16 at most
    assert runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))["workers"] == 16
    monkeypatch.setenv("WEB_CONCURRENCY", "40")  # gunicorn's own variable, as without a setting
    assert runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))["workers"] == 40


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
    monkeypatch.delitem(sys.modules, "networkx", raising=False)
    wsgi.warm_up()
    translation.activate(settings.LANGUAGE_CODE)
    assert "altair" in sys.modules  # but Altair (pure Python) is imported, shared by the workers
    assert "networkx" in sys.modules  # and NetworkX, which the network page asks for


def test_a_worker_reverses_its_first_address_from_tables_built_before_the_fork():
    """Django builds its reversal tables per language and namespace on first use: 60-80 ms of
    a worker's first page. A fresh process, as gunicorn's master: after the warm-up, no table is
    built when a page of any namespace names an address, in either language."""
    script = """
import django, sys
django.setup()
from biocluster.config import wsgi  # the warm-up runs on import
from django.urls import reverse
from django.urls.resolvers import URLResolver
from django.utils import translation
built = []
URLResolver._populate = lambda self: built.append(self)
for code in ("en", "fr"):
    with translation.override(code):
        reverse("directory:network")
        reverse("platforms:instrument_calendar", args=[1])
        reverse("api:api-root")
        reverse("admin:index")
print(len(built))
"""
    env = {**os.environ, "BIOCLUSTER_WARM_UP": "1"}  # and pytest-django's settings module
    done = subprocess.run(  # noqa: S603 - this interpreter, a constant script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "0"
