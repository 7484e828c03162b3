"""`make demo` run again serves the same demo: a second `load_demo` changes nothing."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_loading_the_demo_twice_gives_the_same_demo():
    # The demo is dated from today: both loads on one day, whatever the hour.
    with time_machine.travel(datetime(2026, 12, 6, 0, 30, tzinfo=ZoneInfo("Europe/Paris")), tick=True):
        call_command("load_demo", stdout=io.StringIO())
        first = _counts()
        out = io.StringIO()
        call_command("load_demo", stdout=out)
    assert _counts() == first
    assert "nothing new" in out.getvalue()
    assert _on_site(date(2024, 12, 31)) == SEEDS_END_OF_2024


# Seed 001: 78 companies, 16 labs and 23 platforms on site at the end of 2024.
SEEDS_END_OF_2024 = {"companies": 78, "labs": 16, "platforms": 23}


def _on_site(day: date) -> dict[str, int]:
    from biocluster.core import indicators
    from biocluster.indicators.services import figure

    return {
        kind: figure(indicators.get(f"directory.{kind}_on_site"), at=day).result.value
        for kind in SEEDS_END_OF_2024
    }
