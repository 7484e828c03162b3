"""Statistics: utilisation over the months with recorded use; months named as every page names them;
the cards, the charts and the tables write the same figures, in English and in French."""

import re
from datetime import date

import pytest
from django.urls import reverse

from biocluster.platforms import stats
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import UsageRecordFactory

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
