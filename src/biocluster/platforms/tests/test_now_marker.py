"""The line at "now" on the calendars: placed from the server's clock, beside the grid, never in it."""

import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from biocluster.platforms.tests.conftest import PARIS

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 12, 8)


def at(hour, minute):
    return time_machine.travel(datetime(2026, 12, 8, hour, minute, tzinfo=PARIS), tick=False)


def marker(page: str) -> str:
    found = re.findall(r'<div class="now-marker"[^>]*>', page)
    assert len(found) <= 1
    return found[0] if found else ""


def table(page: str) -> str:
    return page[page.index("<table") : page.index("</table>")]


def test_the_week_marks_todays_column_at_the_current_minute(client, instrument):
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    with at(10, 31):
        page = client.get(url).content.decode()
    assert 'data-minute="631"' in marker(page) and 'data-column="1"' in marker(page)  # Tuesday
    assert 'data-day="2026-12-08"' in marker(page)
    with at(10, 31):
        other_week = client.get(url, {"date": (TUESDAY + timedelta(days=7)).isoformat()}).content.decode()
    assert marker(other_week) == ""


def test_the_marker_leaves_the_grid_unchanged_as_the_minutes_pass(client, instrument):
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    with at(10, 31):
        first = client.get(url).content.decode()
    with at(10, 44):
        later = client.get(url).content.decode()
    assert 'data-minute="644"' in marker(later)
    assert "now" not in table(first)
    assert table(first) == table(later)  # what a cache of the grid keeps stays right


def test_the_platforms_day_marks_every_instrument(client, instrument):
    url = reverse("platforms:platform_calendar", args=[instrument.platform_id])
    with at(9, 0):
        page = client.get(url).content.decode()
    assert 'data-minute="540"' in marker(page) and "data-column" not in marker(page)
    with at(9, 0):
        assert marker(client.get(url, {"view": "week"}).content.decode()) == ""
