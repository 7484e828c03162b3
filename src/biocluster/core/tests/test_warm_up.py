"""The server is warmed up before its first request (issue 11: the first request took 17-20 s)."""

import runpy
import threading

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


def test_each_worker_starts_the_chart_renderer_in_the_background_once_forked(monkeypatch):
    """vl-convert's first drawing starts its engine (2 s, 30 s loaded): a worker does it as soon as
    it is forked, not on the first page with a chart. Never before the fork: its threads would
    not follow the worker, which would then wait for them for ever."""
    from biocluster.core import charts

    started = []
    monkeypatch.setattr(charts, "start_renderer", lambda: started.append(True))
    config = runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))
    config["post_fork"](server=None, worker=None)
    charts_thread = [t for t in threading.enumerate() if t.name == "start-chart-renderer"]
    for thread in charts_thread:
        thread.join(5)
    assert started == [True]


def test_starting_the_renderer_draws_once_in_each_language(monkeypatch):
    import vl_convert

    from biocluster.core import charts

    drawn = []
    monkeypatch.setattr(
        vl_convert, "vegalite_to_svg", lambda spec, **locales: drawn.append(locales) or "<svg/>"
    )
    charts.start_renderer()
    assert [d["format_locale"] for d in drawn] == list(charts.VEGA_LOCALES.values())


@pytest.mark.django_db
def test_the_warm_up_before_the_fork_does_not_start_the_renderer(monkeypatch):
    import vl_convert

    from biocluster.config import wsgi

    def refuse(*args, **kwargs):
        raise AssertionError("vl-convert started in the master: the forked workers would hang")

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", refuse)
    wsgi.warm_up()
    translation.activate(settings.LANGUAGE_CODE)
