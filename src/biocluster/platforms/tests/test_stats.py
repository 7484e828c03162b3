"""Statistics: utilisation over the months with recorded use; months named as every page names them;
the cards, the charts and the tables write the same figures, in English and in French."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from biocluster.platforms import stats
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import (
    BookingFactory,
    InstrumentFactory,
    PlatformFactory,
    UsageRecordFactory,
)

pytestmark = pytest.mark.django_db

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


@pytest.fixture
def used(instrument, lab):
    """Ten hours used on 4 March 2025 and ten on 6 May 2025; nothing recorded in the other months."""
    for day in (date(2025, 3, 4), date(2025, 5, 6)):
        UsageRecordFactory(
            platform=instrument.platform,
            instrument=instrument,
            organisation=lab,
            day=day,
            start=local(day, 8),
            end=local(day, 18),
            quantity=10,
            amount=300,
        )


def test_utilisation_counts_the_open_hours_of_the_months_with_recorded_use(instrument, used):
    report = stats.platform_report(instrument.platform, date(2025, 1, 1), date(2025, 12, 31))
    assert report.months_counted == ["2025-03", "2025-05"]
    # Open Monday to Friday 08:00-20:00: 21 weekdays in March 2025 and 22 in May, 12 hours each.
    assert report.by_instrument[0].hours_open == (21 + 22) * 12
    assert report.totals.utilisation == round(20 / 516, 4)  # not 20 / 3132 over the whole year


def test_no_recorded_use_is_no_utilisation(instrument):
    report = stats.platform_report(instrument.platform, date(2025, 1, 1), date(2025, 12, 31))
    assert report.months_counted == [] and report.totals.utilisation is None


@pytest.mark.parametrize(
    ("language", "months", "utilisation", "iso"),
    [
        ("en", ["Mar 2025", "May 2025"], "4%", "2025-03"),
        ("fr", ["mars 2025", "mai 2025"], "4\xa0%", "2025-03"),
    ],
)
def test_the_page_names_months_and_writes_figures_as_its_tables_do(
    client, manager, instrument, used, language, months, utilisation, iso
):
    client.force_login(manager)
    page = client.get(
        reverse("platforms:platform_stats", args=[instrument.platform_id]),
        YEAR,
        headers={"accept-language": language},
    ).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    by_month = svgs[2]
    for month in months:
        assert f">{month}</text>" in by_month  # the axis
        assert f'<th scope="row">{month}</th>' in page  # the chart's table
    assert iso not in page.replace('value="2025-', "")  # no ISO month anywhere but the date inputs
    assert f'class="figure utilisation">{utilisation}<' in page  # the card
    assert f'<td class="number">{utilisation}</td>' in page  # the instrument's row
    assert months[0] in page[page.index('class="hint months-counted"') :].split("</p>")[0]


def test_the_overview_sums_each_platforms_hours_and_revenue_within_the_period(instrument, lab):
    """Counted by the database: bookings clipped to the period, cancelled ones and maintenance left
    out; used hours from uses alone, revenue from every charge; a platform with nothing is zeros."""
    platform = instrument.platform
    idle = InstrumentFactory(platform=PlatformFactory()).platform
    first, last = date(2025, 3, 1), date(2025, 3, 31)
    booked = [
        (local(date(2025, 3, 10), 9), local(date(2025, 3, 10), 12), "confirmed", "booking"),  # 3 h
        (local(date(2025, 2, 28), 22), local(date(2025, 3, 1), 2), "completed", "booking"),  # 2 h inside
        (local(date(2025, 3, 31), 23), local(date(2025, 4, 1), 5), "confirmed", "booking"),  # 1 h inside
        (local(date(2025, 3, 11), 9), local(date(2025, 3, 11), 17), "cancelled", "booking"),
        (local(date(2025, 3, 12), 9), local(date(2025, 3, 12), 17), "confirmed", "maintenance"),
        (local(date(2025, 4, 2), 9), local(date(2025, 4, 2), 17), "confirmed", "booking"),
    ]
    for start, end, status, kind in booked:
        BookingFactory(instrument=instrument, start=start, end=end, status=status, kind=kind)
    charges = [
        ("use", date(2025, 3, 10), local(date(2025, 3, 10), 9), local(date(2025, 3, 10), 11, 30), "75.10"),
        ("no_show", date(2025, 3, 11), None, None, "40.00"),
        ("service", date(2025, 3, 12), None, None, "12.35"),
        ("use", date(2025, 4, 1), local(date(2025, 4, 1), 9), local(date(2025, 4, 1), 10), "99.00"),
    ]
    for kind, day, start, end, amount in charges:
        UsageRecordFactory(
            platform=platform, instrument=instrument, organisation=lab, kind=kind, day=day,
            start=start, end=end, amount=Decimal(amount),
        )  # fmt: skip
    rows = {row["platform"].pk: row for row in stats.overview(first, last)}
    assert rows[platform.pk]["hours_booked"] == pytest.approx(6.0)
    assert rows[platform.pk]["hours_used"] == pytest.approx(2.5)
    assert rows[platform.pk]["revenue"] == Decimal("127.45")
    assert (rows[idle.pk]["hours_booked"], rows[idle.pk]["hours_used"], rows[idle.pk]["revenue"]) == (0, 0, 0)


def test_the_overview_page_shows_the_figures(client, administrator, instrument, lab):
    UsageRecordFactory(
        platform=instrument.platform, instrument=instrument, organisation=lab, day=date(2025, 3, 10),
        start=local(date(2025, 3, 10), 9), end=local(date(2025, 3, 10), 13), amount=480,
    )  # fmt: skip
    client.force_login(administrator)
    page = client.get(reverse("platforms:all_stats"), YEAR).content.decode()
    assert '<td class="number">4</td>' in page and "480" in page
