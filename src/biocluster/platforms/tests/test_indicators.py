"""The platforms' hours booked: the bookings that held their slot, in hours, by user category."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from biocluster.core import indicators as ind
from biocluster.platforms.tests.factories import BookingFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


def _booking(instrument, day: int, minutes: int, **fields):
    start = datetime(2024, 3, day, 9, tzinfo=UTC)
    return BookingFactory(
        instrument=instrument, start=start, end=start + timedelta(minutes=minutes), **fields
    )


def test_hours_booked_count_what_held_the_slot_by_user_category():
    instrument = InstrumentFactory()
    _booking(instrument, 4, 90, status="completed", category="cluster_company")
    _booking(instrument, 5, 20, status="released", category="external_academic")  # a no-show was booked
    _booking(instrument, 6, 60, status="cancelled", category="cluster_company")
    _booking(instrument, 7, 60, status="requested", category="cluster_company")
    _booking(instrument, 8, 240, kind="maintenance", status="confirmed", category="own_lab")
    indicator = ind.get("platforms.hours_booked")

    result = indicator.evaluate(indicator.period(year=2024))
    assert result.value == Decimal("1.83")  # 1.5 h + 0.33 h
    assert sorted(record.value for record in result.records) == [Decimal("0.33"), Decimal("1.50")]
    groups = indicator.evaluate(indicator.period(year=2024), ind.BY_USER_CATEGORY).groups
    assert groups == {"Company of the cluster": Decimal("1.50"), "External academic": Decimal("0.33")}
    assert indicator.evaluate(indicator.period(year=2023)).value == 0
