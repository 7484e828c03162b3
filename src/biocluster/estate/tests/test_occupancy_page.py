"""The staff's occupancy page: month by month, the expiry profile and the WALT, each with its drill-down."""

import pytest
from django.urls import reverse

from .test_lease_indicators import estate  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_page_charts_the_months_and_the_expiries_and_links_each_figure(client, staff_user, estate):  # noqa: F811
    client.force_login(staff_user)
    page = client.get(
        reverse("estate:occupancy"), {"at": "2026-01-01", "first": "2025-10-01", "last": "2026-01-31"}
    ).content.decode()
    # The months' table beside the chart: D let until 31 October 2025, so 220 m² let then 180 m².
    assert "220 m²" in page and "180 m²" in page
    assert page.count("<svg") >= 4
    assert "Q1 2026" in page and "Q4 2027" in page  # C ends in March 2026, B in December 2027
    assert "/indicators/estate.walt_rent/?at=2026-01-01" in page
    assert "/indicators/estate.area_expiring/?at=2026-01-01&amp;by=year" in page
    assert "3.6" in page  # the WALT by rent, in years
    offices = client.get(
        reverse("estate:occupancy"),
        {"at": "2026-01-01", "first": "2025-10-01", "last": "2026-01-31", "kind": "office"},
    ).content.decode()
    assert "140 m²" in offices and "220 m²" not in offices.split("Month by month")[1]


def test_a_range_too_long_or_backwards_is_refused_with_the_default_shown(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("estate:occupancy"), {"first": "2026-05-01", "last": "2026-01-01"})
    assert page.status_code == 200 and "The end comes on or after the start." in page.content.decode()
