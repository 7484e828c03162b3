"""Recurring bookings: one row per occurrence, wall-clock times kept across summer-time changes."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.platforms import services
from biocluster.platforms.models import Booking, BookingStatus
from biocluster.platforms.services.policy import error_code
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def next_dst_change(after: date, to_summer: bool) -> date:
    """The next last Sunday of March (to summer time) or of October (back), after `after`."""
    year = after.year
    while True:
        month = 3 if to_summer else 10
        last = date(year, month, 31)
        sunday = last - timedelta(days=(last.weekday() + 1) % 7)
        if sunday > after:
            return sunday
        year += 1


@pytest.fixture
def long_horizon(instrument):
    instrument.max_days_ahead = 730
    instrument.save()
    return instrument


def series(user, instrument, day, **kwargs):
    kwargs.setdefault("frequency", "weekly")
    return services.create_series(
        actor=user, instrument=instrument, start=local(day, 10), end=local(day, 12), **kwargs
    )


@pytest.mark.parametrize("to_summer", [True, False], ids=["spring", "autumn"])
def test_a_weekly_series_stays_at_10_across_a_change_of_summer_time(scientist, long_horizon, to_summer):
    change = next_dst_change(timezone.localdate(), to_summer)
    first_tuesday = change - timedelta(days=12)  # two Tuesdays before, two after
    result = series(scientist, long_horizon, first_tuesday, count=4, interval=1)
    assert len(result.bookings) == 4 and not result.skipped
    paris = ZoneInfo("Europe/Paris")
    assert [b.start.astimezone(paris).time() for b in result.bookings] == [time(10)] * 4
    assert [b.end.astimezone(paris).time() for b in result.bookings] == [time(12)] * 4
    utc_hours = [b.start.astimezone(UTC).hour for b in result.bookings]
    assert utc_hours == ([9, 9, 8, 8] if to_summer else [8, 8, 9, 9])
    assert all(b.hours == 2 for b in result.bookings)
    assert {b.series_id for b in result.bookings} == {result.series.pk}


def test_a_booking_through_the_night_of_the_change_lasts_an_hour_less(lab, platform):
    from biocluster.platforms.tests.factories import InstrumentFactory, member_of

    instrument = InstrumentFactory(
        platform=platform, requires_qualification=False, hours=[], max_days_ahead=730, max_minutes=720
    )
    change = next_dst_change(timezone.localdate(), to_summer=True)
    saturday = change - timedelta(days=1)
    booking = services.create_booking(
        actor=member_of(lab), instrument=instrument, start=local(saturday, 22), end=local(change, 6)
    )
    assert booking.hours == 7


def test_taken_dates_stop_the_series_and_are_listed(scientist, colleague, instrument):
    first = next_weekday(1)
    BookingFactory(
        instrument=instrument,
        user=colleague,
        start=local(first + timedelta(days=7), 11),
        end=local(first + timedelta(days=7), 13),
    )
    with pytest.raises(ValidationError) as caught:
        series(scientist, instrument, first, count=3)
    assert error_code(caught.value) == "conflict"
    assert "These dates are not free" in caught.value.messages[0]
    assert Booking.objects.filter(user=scientist).count() == 0  # nothing half-saved


def test_taken_dates_can_be_skipped_and_are_listed(scientist, colleague, instrument):
    first = next_weekday(1)
    taken = first + timedelta(days=7)
    BookingFactory(instrument=instrument, user=colleague, start=local(taken, 11), end=local(taken, 13))
    from biocluster.platforms.tests.factories import ClosureFactory

    closed = first + timedelta(days=14)
    ClosureFactory(platform=instrument.platform, start_date=closed, end_date=closed)
    result = series(scientist, instrument, first, count=4, skip_conflicts=True)
    assert [b.start.date() for b in result.bookings] == [first, first + timedelta(days=21)]
    assert [s.start for s in result.skipped] == [local(taken, 10), local(closed, 10)]
    assert "is booked" in result.skipped[0].reason and "Closed on" in result.skipped[1].reason
    assert len(result.series.skipped) == 2


def test_other_rule_failures_stop_the_whole_series(scientist, instrument):
    first = next_weekday(1, weeks=10)
    with pytest.raises(ValidationError) as caught:
        series(scientist, instrument, first, count=5, skip_conflicts=True)  # the last ones are too far ahead
    assert error_code(caught.value) == "too_far_ahead"
    assert "Too far ahead" in caught.value.messages[0]
    assert (
        caught.value.messages[0].split(":")[0].endswith(str((first + timedelta(days=28)).year))
    )  # names the date
    assert not Booking.objects.exists()


def test_daily_series_until_a_date(scientist, instrument):
    monday = next_weekday(0)
    result = services.create_series(
        actor=scientist,
        instrument=instrument,
        start=local(monday, 9),
        end=local(monday, 10),
        frequency="daily",
        until=monday + timedelta(days=6),
        skip_conflicts=True,
    )
    # Saturday and Sunday are outside opening hours: skipped and listed.
    assert len(result.bookings) == 5
    assert len(result.skipped) == 2 and all("Outside opening hours" in s.reason for s in result.skipped)


def test_a_series_needs_a_count_or_an_end(scientist, instrument):
    with pytest.raises(ValidationError) as caught:
        services.create_series(
            actor=scientist,
            instrument=instrument,
            start=local(next_weekday(1), 9),
            end=local(next_weekday(1), 10),
            frequency="weekly",
        )
    assert "count" in caught.value.message_dict


def test_editing_one_occurrence_leaves_the_others(scientist, instrument):
    result = series(scientist, instrument, next_weekday(1), count=3)
    second = result.bookings[1]
    day = second.start.astimezone(ZoneInfo("Europe/Paris")).date()
    services.update_booking(actor=scientist, booking=second, start=local(day, 14), end=local(day, 15))
    starts = [b.start for b in Booking.objects.filter(series=result.series).order_by("start")]
    assert (
        starts[0] == result.bookings[0].start
        and starts[1] == local(day, 14)
        and starts[2] == result.bookings[2].start
    )


def test_editing_the_rest_of_a_series_moves_this_and_the_following(scientist, instrument):
    first = next_weekday(1)
    result = series(scientist, instrument, first, count=4)
    second = result.bookings[1]
    day = first + timedelta(days=7)
    moved = services.update_following(
        actor=scientist, booking=second, start=local(day, 11), end=local(day, 13)
    )
    assert len(moved) == 3
    paris = ZoneInfo("Europe/Paris")
    rows = list(Booking.objects.filter(series=result.series).order_by("start"))
    assert [r.start.astimezone(paris).hour for r in rows] == [10, 11, 11, 11]
    assert [r.end.astimezone(paris).hour for r in rows] == [12, 13, 13, 13]


def test_moving_the_rest_of_a_daily_series_by_a_day_does_not_trip_on_itself(scientist, instrument):
    monday = next_weekday(0)
    result = services.create_series(
        actor=scientist,
        instrument=instrument,
        start=local(monday, 9),
        end=local(monday, 17),
        frequency="daily",
        count=3,
    )
    moved = services.update_following(
        actor=scientist,
        booking=result.bookings[0],
        start=local(monday + timedelta(days=1), 9),
        end=local(monday + timedelta(days=1), 17),
    )
    assert [b.start for b in moved] == [local(monday + timedelta(days=d), 9) for d in (1, 2, 3)]


def test_a_conflict_while_moving_the_rest_moves_nothing(scientist, colleague, instrument):
    first = next_weekday(1)
    result = series(scientist, instrument, first, count=3)
    last_day = first + timedelta(days=14)
    BookingFactory(instrument=instrument, user=colleague, start=local(last_day, 14), end=local(last_day, 15))
    with pytest.raises(ValidationError) as caught:
        services.update_following(
            actor=scientist, booking=result.bookings[0], start=local(first, 14), end=local(first, 16)
        )
    assert error_code(caught.value) == "conflict"
    assert all(
        b.start.astimezone(ZoneInfo("Europe/Paris")).hour == 10
        for b in Booking.objects.filter(series=result.series)
    )


def test_cancelling_the_rest_of_a_series(scientist, instrument):
    result = series(scientist, instrument, next_weekday(1), count=4)
    cancelled = services.cancel_booking(actor=scientist, booking=result.bookings[1], following=True)
    assert len(cancelled) == 3
    statuses = list(
        Booking.objects.filter(series=result.series).order_by("start").values_list("status", flat=True)
    )
    assert statuses == [BookingStatus.CONFIRMED] + [BookingStatus.CANCELLED] * 3


def test_an_end_before_the_start_or_too_many_dates_are_refused(scientist, instrument):
    first = next_weekday(1)
    with pytest.raises(ValidationError) as caught:
        series(scientist, instrument, first, until=first - timedelta(days=1))
    assert "ends before the first date" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        series(scientist, instrument, first, frequency="daily", until=first + timedelta(days=400))
    assert "at most 104 occurrences" in caught.value.messages[0]
    assert not Booking.objects.exists()
