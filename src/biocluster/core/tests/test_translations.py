"""French everywhere a person reads: the catalogue covers every translatable string."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUE = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def _untranslated(po: Path) -> list[str]:
    import polib

    catalogue = polib.pofile(str(po))
    return [
        entry.msgid for entry in catalogue if not entry.obsolete and (not entry.translated() or entry.fuzzy)
    ]


def test_the_committed_french_catalogue_is_complete():
    assert CATALOGUE.exists(), "run: cd src/biocluster && biocluster makemessages -l fr"
    assert _untranslated(CATALOGUE) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools are needed to extract strings")
def test_every_string_in_the_code_is_in_the_french_catalogue(tmp_path):
    """Extract the strings again from a copy of the code: any new one must be translated."""
    copy = tmp_path / "biocluster"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "tests"))
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from django.core.management import execute_from_command_line as e; "
            "e(['x', 'makemessages', '-l', 'fr', '--no-obsolete', '--no-location', '-v', '0'])",
        ],
        cwd=copy,
        check=True,
        env=_env(),
    )
    missing = _untranslated(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    assert missing == [], f"{len(missing)} strings lack a French translation, e.g. {missing[:10]}"


def _env():
    import os

    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "biocluster.config.test_settings",
    }


def test_pages_render_in_french(client, db):
    response = client.get("/directory/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.headers["Content-Language"] == "fr"
    with translation.override("fr"):
        assert translation.gettext("Directory") == "Annuaire"
    assert "Annuaire" in response.content.decode()


def test_dates_and_numbers_are_localised():
    import datetime

    from django.utils.formats import date_format, number_format

    with translation.override("fr"):
        grouped = number_format(1234567.5, decimal_pos=1, use_l10n=True, force_grouping=True)
        assert grouped.replace("\u202f", " ").replace("\xa0", " ") == "1 234 567,5"
        assert date_format(datetime.date(2026, 2, 24)) == "24 février 2026"
    with translation.override("en"):
        assert date_format(datetime.date(2026, 2, 24)) == "Feb. 24, 2026"


def test_every_admin_heading_has_french():
    """The admin's index lists each app and model: none of them, third-party ones included, in English."""
    from django.contrib import admin
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("fr")._catalog
    untranslated = set()
    with translation.override("en"):
        for model in admin.site._registry:
            app = model._meta.app_config
            for heading in (app.verbose_name, model._meta.verbose_name_plural):
                if str(heading) not in catalogue:
                    untranslated.add(str(heading))
    assert untranslated == set()
