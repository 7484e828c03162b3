"""The database itself refuses a double booking, whatever writes the row."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from biocluster.platforms import constraints
from biocluster.platforms.models import ACTIVE_STATUSES, Booking, BookingStatus
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import BookingFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


def test_the_guarantee_is_installed():
    assert constraints.is_installed(connection)


def test_the_sql_lists_the_active_statuses_of_the_model():
    assert "(" + ", ".join(f"'{s}'" for s in ACTIVE_STATUSES) + ")" == constraints.ACTIVE_SQL


@pytest.mark.parametrize("status", ACTIVE_STATUSES)
def test_an_overlapping_row_is_refused_by_the_database(instrument, tuesday, status):
    BookingFactory(instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12))
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        BookingFactory(instrument=instrument, start=local(tuesday, 11), end=local(tuesday, 13), status=status)
    assert constraints.is_overlap_error(caught.value)


def test_rows_that_touch_or_are_inactive_or_on_another_instrument_are_accepted(instrument, platform, tuesday):
    BookingFactory(instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12))
    BookingFactory(instrument=instrument, start=local(tuesday, 12), end=local(tuesday, 13))
    BookingFactory(
        instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12), status="cancelled"
    )
    BookingFactory(instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12), status="released")
    BookingFactory(
        instrument=InstrumentFactory(platform=platform), start=local(tuesday, 10), end=local(tuesday, 12)
    )
    assert Booking.objects.count() == 5


def test_the_buffer_is_part_of_the_blocked_range(instrument, tuesday):
    BookingFactory(
        instrument=instrument,
        start=local(tuesday, 10),
        end=local(tuesday, 12),
        blocked_until=local(tuesday, 12, 30),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(instrument=instrument, start=local(tuesday, 12, 15), end=local(tuesday, 13))


def test_an_update_into_an_overlap_is_refused(instrument, tuesday):
    BookingFactory(instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12))
    later = BookingFactory(instrument=instrument, start=local(tuesday, 14), end=local(tuesday, 16))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=later.pk).update(start=local(tuesday, 11))


def test_reactivating_a_cancelled_booking_over_a_new_one_is_refused(instrument, tuesday):
    old = BookingFactory(
        instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12), status="cancelled"
    )
    BookingFactory(instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 12))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=old.pk).update(status=BookingStatus.CONFIRMED)


def test_long_blocks_are_seen_by_the_bounded_lookup(instrument, tuesday):
    """A 30-day maintenance still clashes with a booking at its very end."""
    start = local(tuesday, 8)
    BookingFactory(instrument=instrument, kind="maintenance", start=start, end=start + timedelta(days=30))
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            instrument=instrument, start=start + timedelta(days=29, hours=23), end=start + timedelta(days=31)
        )
