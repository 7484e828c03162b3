"""Use and what it costs: check-in/out, no-shows, reminders, statements, statistics, the tick command."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.platforms import services, stats
from biocluster.platforms.models import Booking, BookingStatus, Statement, UsageRecord
from biocluster.platforms.services.billing import month_bounds
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import BookingFactory, TariffFactory, UsageRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _afternoon():
    """Uses booked "180 minutes ago" and statements of "this month" are of one day and one month
    only from the afternoon on: the tests run on a fixed afternoon, not at the wall clock's hour
    (at 00:30 a booking 180 minutes ago was yesterday's, at a tariff not yet in force)."""
    with time_machine.travel(datetime(2026, 6, 16, 15, 0, tzinfo=ZoneInfo("Europe/Paris")), tick=True):
        yield


def _now_booking(instrument, user, lab, minutes_ago=0, hours=2, **kwargs):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=minutes_ago)
    return BookingFactory(
        instrument=instrument,
        user=user,
        organisation=lab,
        category="cluster_academic",
        start=start,
        end=start + timedelta(hours=hours),
        **kwargs,
    )


def test_check_in_too_early_and_check_out_before_in_are_refused(scientist, instrument, lab):
    booking = _now_booking(instrument, scientist, lab, minutes_ago=-60)
    with pytest.raises(ValidationError) as caught:
        services.check_in(actor=scientist, booking=booking)
    assert "Too early" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        services.check_out(actor=scientist, booking=booking)


def test_only_the_user_or_a_manager_checks_in(scientist, colleague, manager, instrument, lab):
    booking = _now_booking(instrument, scientist, lab)
    with pytest.raises(PermissionDenied):
        services.check_in(actor=colleague, booking=booking)
    assert services.check_in(actor=manager, booking=booking).status == BookingStatus.CHECKED_IN


def test_check_out_charges_the_time_used_rounded_up_to_the_slot(scientist, instrument, lab):
    booking = _now_booking(instrument, scientist, lab, minutes_ago=50)
    services.check_in(actor=scientist, booking=booking)
    Booking.objects.filter(pk=booking.pk).update(checked_in_at=timezone.now() - timedelta(minutes=50))
    record = services.check_out(actor=scientist, booking=booking)
    assert record.quantity == Decimal("1.00")  # 50 minutes → two 30-minute slots
    assert record.unit_price == 30 and record.amount == 30


def test_the_tariff_in_force_on_the_day_applies(scientist, manager, instrument, lab):
    TariffFactory(
        instrument=instrument, category="cluster_academic", price=40, valid_from=timezone.localdate()
    )
    booking = _now_booking(instrument, scientist, lab, minutes_ago=180)
    record = services.record_use(
        actor=manager, booking=booking, start=booking.start, end=booking.start + timedelta(hours=2)
    )
    assert record.unit_price == 40 and record.amount == 80


def test_a_missing_tariff_charges_nothing_and_says_so(manager, instrument, lab, scientist):
    instrument.tariffs.all().delete()
    booking = _now_booking(instrument, scientist, lab, minutes_ago=180)
    record = services.record_use(
        actor=manager, booking=booking, start=booking.start, end=booking.start + timedelta(hours=1)
    )
    assert record.amount == 0 and "No tariff" in record.note


def test_recording_twice_replaces_and_a_billed_use_is_fixed(scientist, manager, instrument, lab):
    booking = _now_booking(instrument, scientist, lab, minutes_ago=180)
    services.record_use(
        actor=manager, booking=booking, start=booking.start, end=booking.start + timedelta(hours=1)
    )
    services.record_use(
        actor=manager, booking=booking, start=booking.start, end=booking.start + timedelta(hours=2)
    )
    assert UsageRecord.objects.get().amount == 60
    services.issue_statement(
        actor=manager, platform=instrument.platform, organisation=lab, month=timezone.localdate()
    )
    with pytest.raises(ValidationError) as caught:
        services.record_use(
            actor=manager, booking=booking, start=booking.start, end=booking.start + timedelta(hours=1)
        )
    assert "issued statement" in caught.value.messages[0]


def test_no_shows_are_released_charged_and_the_slot_offered(
    scientist, colleague, instrument, lab, django_capture_on_commit_callbacks, mailoutbox
):
    late = _now_booking(instrument, scientist, lab, minutes_ago=45)
    fresh = _now_booking(instrument, colleague, lab, minutes_ago=-180)  # later today: untouched
    services.join_waitlist(actor=colleague, instrument=instrument, start=late.start, end=late.end)
    with django_capture_on_commit_callbacks(execute=True):
        released = services.release_no_shows()
    assert released == [late]
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert late.status == BookingStatus.RELEASED and fresh.status == BookingStatus.CONFIRMED
    charge = UsageRecord.objects.get(booking=late)
    assert charge.kind == "no_show" and charge.rate == 100 and charge.amount == 60
    subjects = {(m.to[0], m.subject.split(":")[0]) for m in mailoutbox}
    assert (scientist.email, "Booking released") in subjects
    assert (colleague.email, "A slot freed on Confocal LSM 980") in {(m.to[0], m.subject) for m in mailoutbox}
    assert services.release_no_shows() == []  # once only


def test_a_no_show_used_after_all_is_recorded_and_the_charge_withdrawn(scientist, manager, instrument, lab):
    booking = _now_booking(instrument, scientist, lab, minutes_ago=90)
    services.release_no_shows()
    services.record_use(
        actor=manager, booking=booking, start=booking.start, end=booking.start + timedelta(hours=1)
    )
    kinds = list(UsageRecord.objects.filter(booking=booking).values_list("kind", flat=True))
    assert kinds == ["use"]


def test_reminders_go_once(scientist, instrument, lab, django_capture_on_commit_callbacks, mailoutbox):
    _now_booking(instrument, scientist, lab, minutes_ago=-120)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
    assert any(m.subject.startswith("Reminder") for m in mailoutbox)
    assert services.send_reminders() == 0


def test_the_tick_command(scientist, instrument, lab):
    _now_booking(instrument, scientist, lab, minutes_ago=60)
    call_command("platforms_tick", stdout=io.StringIO())
    assert Booking.objects.get().status == BookingStatus.RELEASED


def test_statements_per_organisation_and_month(manager, platform, lab):
    other = OrganisationFactory()
    month = timezone.localdate().replace(day=1)
    UsageRecordFactory(platform=platform, organisation=lab, day=month, amount=100)
    UsageRecordFactory(platform=platform, organisation=lab, day=month, amount=50)
    UsageRecordFactory(platform=platform, organisation=other, day=month, amount=70)
    previous = month - timedelta(days=1)
    UsageRecordFactory(
        platform=platform, organisation=lab, day=previous, amount=5
    )  # a late entry of last month
    issued = services.issue_month(actor=manager, platform=platform, month=month)
    totals = {s.organisation_id: s.total for s in issued}
    assert totals == {lab.pk: Decimal(155), other.pk: Decimal(70)}
    assert not UsageRecord.objects.filter(statement__isnull=True).exists()
    with pytest.raises(ValidationError):
        services.issue_month(actor=manager, platform=platform, month=month)


def test_statements_need_a_manager_and_a_begun_month(scientist, manager, platform, lab):
    UsageRecordFactory(platform=platform, organisation=lab)
    with pytest.raises(PermissionDenied):
        services.issue_statement(
            actor=scientist, platform=platform, organisation=lab, month=timezone.localdate()
        )
    with pytest.raises(ValidationError):
        services.issue_statement(
            actor=manager,
            platform=platform,
            organisation=lab,
            month=timezone.localdate() + timedelta(days=40),
        )
    assert not Statement.objects.exists()


def test_month_bounds():
    assert month_bounds(date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))


def test_stats_hours_utilisation_and_revenue(scientist, manager, instrument, lab, tuesday):
    monday = tuesday - timedelta(days=1)
    BookingFactory(
        instrument=instrument,
        user=scientist,
        organisation=lab,
        category="cluster_academic",
        start=local(tuesday, 10),
        end=local(tuesday, 14),
    )
    UsageRecordFactory(
        platform=instrument.platform,
        instrument=instrument,
        organisation=lab,
        category="cluster_academic",
        day=tuesday,
        start=local(tuesday, 10),
        end=local(tuesday, 13),
        amount=90,
    )
    report = stats.platform_report(instrument.platform, monday, monday + timedelta(days=6))
    row = report.by_instrument[0]
    assert row.hours_booked == 4 and row.hours_used == 3
    assert row.hours_open == 60  # Monday to Friday, 12 hours a day
    assert row.utilisation == 0.05
    assert report.by_category[0].key == "cluster_academic" and report.by_category[0].revenue == 90
    assert report.by_organisation[0].label == lab.name
    assert report.totals.revenue == 90
    figures = stats.key_figures(tuesday.year)
    assert figures["platforms"] == 1 and figures["revenue"] >= 90
