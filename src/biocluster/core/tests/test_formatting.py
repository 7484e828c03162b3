"""Amounts, dates and times read the same way on pages, PDFs and e-mails, in both languages."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from biocluster.core import formatting

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("en", Decimal("480000.00"), "€480,000"),
        ("fr", Decimal("480000.00"), f"480{NNBSP}000{NBSP}€"),
        ("en", Decimal("14595.5"), "€14,595.50"),
        ("fr", Decimal("14595.5"), f"14{NNBSP}595,50{NBSP}€"),
        ("fr", 13306000, f"13{NNBSP}306{NNBSP}000{NBSP}€"),
        ("en", None, "—"),
    ],
)
def test_money_by_language(language, amount, expected):
    with translation.override(language):
        assert formatting.money(amount) == expected


def test_statements_keep_their_cents():
    assert formatting.money(Decimal("1"), cents=True, language="en") == "€1.00"
    assert formatting.money(Decimal("1"), cents=True, language="fr") == f"1,00{NBSP}€"


def test_percentages_and_numbers():
    assert formatting.percent(0.11, language="en") == "11%"
    assert formatting.percent(0.11, language="fr") == f"11{NBSP}%"
    assert formatting.percent(0.1234, decimals=1, language="fr") == f"12,3{NBSP}%"
    assert formatting.number(1234567, language="fr") == f"1{NNBSP}234{NNBSP}567"
    assert formatting.number(0.5, decimals=2, language="en") == "0.50"


@pytest.mark.parametrize(
    ("language", "when", "expected"),
    [
        # Django's French "Jui" is June or July: the CLDR's abbreviations are not ambiguous.
        ("fr", date(2026, 6, 12), "12 juin 2026"),
        ("fr", date(2026, 7, 12), "12 juil. 2026"),
        ("fr", date(2026, 12, 1), "1 déc. 2026"),
        ("en", date(2026, 6, 12), "12 Jun 2026"),
    ],
)
def test_days_carry_their_year_and_unambiguous_months(language, when, expected):
    assert formatting.day(when, language=language) == expected


def test_noon_and_midnight_are_times_in_both_languages():
    for language in ("en", "fr"):
        assert formatting.clock(time(12, 0), language=language) == "12:00"
        assert formatting.clock(time(0, 0), language=language) == "00:00"


def test_a_moment_is_read_in_the_cluster_s_time_zone_across_a_clock_change():
    # 01:30 UTC on the night clocks go forward in Paris is 03:30 local time.
    assert formatting.moment(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), language="en") == "29 Mar 2026, 03:30"
    assert (
        formatting.moment(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), language="fr") == "25 oct. 2026, 02:30"
    )


def test_the_template_filters_follow_the_active_language():
    template = Template(
        "{% load formatting %}{{ amount|money }} · {{ when|day:'weekday' }} · {{ rate|percent }}"
    )
    context = Context({"amount": Decimal("350000.00"), "when": date(2026, 6, 12), "rate": 0.11})
    with translation.override("fr"):
        assert template.render(context) == f"350{NNBSP}000{NBSP}€ · ven. 12 juin 2026 · 11{NBSP}%"
    with translation.override("en"):
        assert template.render(context) == "€350,000 · Fri, 12 Jun 2026 · 11%"


def test_in_templates_an_agenda_keeps_its_venue_s_time_zone():
    from zoneinfo import ZoneInfo

    start = datetime(2026, 6, 12, 16, 0, tzinfo=UTC)  # 09:00 in San Diego, 18:00 in Paris
    template = Template(
        "{% load tz formatting %}{{ start|moment }} | {% localtime off %}{{ venue|moment }}{% endlocaltime %}"
    )
    venue = start.astimezone(ZoneInfo("America/Los_Angeles"))
    with translation.override("en"):
        assert (
            template.render(Context({"start": start, "venue": venue}))
            == "12 Jun 2026, 18:00 | 12 Jun 2026, 09:00"
        )
