"""The server is warmed up before its first request (issue 11: the first request took 17-20 s)."""

import runpy

from django.conf import settings
from django.db import connection
from django.template import engines
from django.utils import translation
from django.utils.translation import trans_real


def test_the_application_is_warmed_up_before_it_serves():
    from biocluster.config import wsgi

    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    trans_real._translations.clear()
    wsgi.warm_up()
    assert {"directory/organisation_list.html", "core/base.html"} <= set(loader.get_template_cache)
    assert set(trans_real._translations) >= {"en", "fr"}
    assert connection.connection is None  # nothing opened before the fork
    translation.activate(settings.LANGUAGE_CODE)


def test_gunicorn_loads_the_application_before_it_forks_its_workers():
    config = runpy.run_path(str(settings.PROJECT_DIR / "gunicorn.conf.py"))
    assert config["preload_app"] is True
