"""Every booking rule, through the service pages and API call: each failure a clear message."""

from datetime import time, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.platforms import services
from biocluster.platforms.models import Booking, BookingStatus, UsageRecord
from biocluster.platforms.services.policy import error_code
from biocluster.platforms.tests.conftest import local, next_weekday
from biocluster.platforms.tests.factories import (
    BookingFactory,
    ClosureFactory,
    InstrumentFactory,
    QualificationFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def book(actor, instrument, start, end, **kwargs):
    return services.create_booking(actor=actor, instrument=instrument, start=start, end=end, **kwargs)


def refused(actor, instrument, start, end, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        book(actor, instrument, start, end, **kwargs)
    return caught.value


def test_a_qualified_member_books_a_free_slot(scientist, instrument, lab, tuesday):
    booking = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12), purpose="Imaging organoids")
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.organisation == lab
    assert booking.category == "cluster_academic"
    assert booking.blocked_until == booking.end
    assert AuditEvent.objects.filter(action="platforms.booking.created", object_id=str(booking.pk)).exists()


def test_ending_before_it_starts_is_refused(scientist, instrument, tuesday):
    error = refused(scientist, instrument, local(tuesday, 12), local(tuesday, 10))
    assert error_code(error) == "ends_before_start"
    assert error.message_dict["end"] == ["The booking must end after it starts."]


def test_outside_opening_hours_is_refused_and_says_the_hours(scientist, instrument, tuesday):
    error = refused(scientist, instrument, local(tuesday, 19), local(tuesday, 21))
    assert error_code(error) == "closed_hours"
    assert "Outside opening hours" in error.messages[0]
    assert "Tue 08:00\u201320:00" in error.messages[0]


def test_a_closed_weekend_is_outside_opening_hours(scientist, instrument):
    saturday = next_weekday(5)
    assert (
        error_code(refused(scientist, instrument, local(saturday, 10), local(saturday, 12))) == "closed_hours"
    )


def test_too_long_and_too_short_are_refused(scientist, instrument, tuesday):
    error = refused(scientist, instrument, local(tuesday, 8), local(tuesday, 17))
    assert error_code(error) == "too_long"
    assert "at most 8 hours" in error.messages[0]
    instrument.min_minutes = 60
    instrument.save()
    error = refused(scientist, instrument, local(tuesday, 10), local(tuesday, 10, 30))
    assert error_code(error) == "too_short"
    assert "at least 60 minutes" in error.messages[0]


def test_too_far_ahead_is_refused_but_not_for_a_manager(scientist, manager, instrument):
    far = next_weekday(1, weeks=20)
    error = refused(scientist, instrument, local(far, 10), local(far, 12))
    assert error_code(error) == "too_far_ahead"
    assert "at most 90 days ahead" in error.messages[0]
    booking = book(manager, instrument, local(far, 10), local(far, 12), user=scientist)
    assert booking.user == scientist


def test_a_closed_day_is_refused_with_its_reason(scientist, instrument, tuesday):
    ClosureFactory(
        platform=instrument.platform, start_date=tuesday, end_date=tuesday, reason_en="Annual audit"
    )
    error = refused(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    assert error_code(error) == "closed_day"
    assert "Closed on" in error.messages[0] and "Annual audit" in error.messages[0]


def test_times_off_the_slot_grid_are_refused(scientist, instrument, tuesday):
    error = refused(scientist, instrument, local(tuesday, 10, 10), local(tuesday, 12))
    assert error_code(error) == "slot"
    assert error.message_dict["start"] == [
        "Bookings of Confocal LSM 980 start and end on 30-minute steps: instead of 10:10, choose 10:00 or 10:30."
    ]
    error = refused(scientist, instrument, local(tuesday, 10), local(tuesday, 11, 45))
    assert error.message_dict["end"] == [
        "Bookings of Confocal LSM 980 start and end on 30-minute steps: instead of 11:45, choose 11:30 or 12:00."
    ]


def test_the_past_is_refused(scientist, instrument):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    assert error_code(refused(scientist, instrument, local(monday, 10), local(monday, 12))) == "past"


def test_only_qualified_people_book(lab, instrument, tuesday):
    untrained = member_of(lab)
    error = refused(untrained, instrument, local(tuesday, 10), local(tuesday, 12))
    assert error_code(error) == "not_qualified"
    assert "Only trained people" in error.messages[0]


def test_an_expired_qualification_says_so(lab, instrument, tuesday):
    user = member_of(lab)
    QualificationFactory(
        instrument=instrument,
        user=user,
        qualified_on=tuesday - timedelta(days=400),
        expires_on=tuesday - timedelta(days=1),
    )
    error = refused(user, instrument, local(tuesday, 10), local(tuesday, 12))
    assert error_code(error) == "not_qualified"
    assert "expired" in error.messages[0]


def test_instruments_without_training_need_no_qualification(lab, platform, tuesday):
    instrument = InstrumentFactory(platform=platform, requires_qualification=False)
    assert book(member_of(lab), instrument, local(tuesday, 10), local(tuesday, 12)).pk


def test_the_weekly_cap_counts_the_persons_hours_that_week(scientist, instrument, tuesday):
    instrument.weekly_cap_hours = 6
    instrument.save()
    book(scientist, instrument, local(tuesday, 8), local(tuesday, 12))
    error = refused(
        scientist, instrument, local(tuesday + timedelta(days=1), 8), local(tuesday + timedelta(days=1), 11)
    )
    assert error_code(error) == "weekly_cap"
    assert "6 hours per person per week" in error.messages[0] and "4 hours" in error.messages[0]
    # The next week starts afresh.
    assert book(
        scientist, instrument, local(tuesday + timedelta(days=7), 8), local(tuesday + timedelta(days=7), 11)
    )


def test_an_overlap_is_refused_naming_the_booking_in_the_way(scientist, colleague, instrument, tuesday):
    book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    error = refused(colleague, instrument, local(tuesday, 11), local(tuesday, 13))
    assert error_code(error) == "conflict"
    assert "is booked" in error.messages[0] and "10:00\u201312:00" in error.messages[0]
    # Back to back is fine.
    assert book(colleague, instrument, local(tuesday, 12), local(tuesday, 13))


def test_the_buffer_keeps_turnover_time_free(scientist, colleague, instrument, tuesday):
    instrument.buffer_minutes = 30
    instrument.save()
    first = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    assert first.blocked_until == local(tuesday, 12, 30)
    error = refused(colleague, instrument, local(tuesday, 12), local(tuesday, 13))
    assert "30 minutes are kept free" in error.messages[0]
    assert book(colleague, instrument, local(tuesday, 12, 30), local(tuesday, 13, 30))
    # Nor may a booking end less than its buffer before the next one starts.
    error = refused(colleague, instrument, local(tuesday, 9), local(tuesday, 10))
    assert error_code(error) == "conflict"


def test_cancelled_bookings_free_their_slot(scientist, colleague, instrument, tuesday):
    first = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    services.cancel_booking(actor=scientist, booking=first)
    assert book(colleague, instrument, local(tuesday, 10), local(tuesday, 12))


def test_approval_needed_leaves_a_request_that_holds_the_slot(
    scientist, colleague, manager, instrument, tuesday
):
    instrument.requires_approval = True
    instrument.save()
    booking = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    assert booking.status == BookingStatus.REQUESTED
    assert error_code(refused(colleague, instrument, local(tuesday, 10), local(tuesday, 11))) == "conflict"
    with pytest.raises(PermissionDenied):
        services.decide_booking(actor=colleague, booking=booking, approve=True)
    assert (
        services.decide_booking(actor=manager, booking=booking, approve=True).status
        == BookingStatus.CONFIRMED
    )
    # The manager's own bookings need no approval.
    own = book(manager, instrument, local(tuesday, 14), local(tuesday, 15), user=colleague)
    assert own.status == BookingStatus.CONFIRMED


def test_a_declined_request_frees_the_slot(scientist, colleague, manager, instrument, tuesday):
    instrument.requires_approval = True
    instrument.save()
    booking = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    services.decide_booking(actor=manager, booking=booking, approve=False, reason="Service day")
    assert (
        book(colleague, instrument, local(tuesday, 10), local(tuesday, 12)).status == BookingStatus.REQUESTED
    )


def test_only_managers_book_for_someone_else(scientist, colleague, manager, instrument, tuesday):
    with pytest.raises(PermissionDenied):
        book(colleague, instrument, local(tuesday, 10), local(tuesday, 12), user=scientist)
    booking = book(manager, instrument, local(tuesday, 10), local(tuesday, 12), user=scientist)
    assert booking.user == scientist and booking.created_by == manager


def test_the_person_booked_for_must_be_qualified_even_by_a_manager(lab, manager, instrument, tuesday):
    untrained = member_of(lab)
    error = refused(manager, instrument, local(tuesday, 10), local(tuesday, 12), user=untrained)
    assert error_code(error) == "not_qualified"


def test_a_person_without_organisation_cannot_be_billed(instrument, tuesday):
    from biocluster.accounts.tests.factories import UserFactory

    loner = UserFactory()
    QualificationFactory(instrument=instrument, user=loner)
    error = refused(loner, instrument, local(tuesday, 10), local(tuesday, 12))
    assert error_code(error) == "no_organisation"


def test_the_organisation_billed_must_be_ones_own(scientist, instrument, tuesday):
    stranger = OrganisationFactory()
    error = refused(scientist, instrument, local(tuesday, 10), local(tuesday, 12), organisation=stranger)
    assert "cannot charge" in error.messages[0]


def test_the_category_follows_the_organisation(instrument, platform, tuesday):
    company = OrganisationFactory(kind="startup", campus=platform.organisation.campus)
    user = member_of(company)
    QualificationFactory(instrument=instrument, user=user)
    assert book(user, instrument, local(tuesday, 10), local(tuesday, 12)).category == "cluster_company"
    own = member_of(platform.organisation)
    QualificationFactory(instrument=instrument, user=own)
    assert book(own, instrument, local(tuesday, 14), local(tuesday, 15)).category == "own_lab"
    outsider = member_of(OrganisationFactory(kind="university", campus=None))
    QualificationFactory(instrument=instrument, user=outsider)
    assert book(outsider, instrument, local(tuesday, 16), local(tuesday, 17)).category == "external_academic"


def test_an_inactive_instrument_cannot_be_booked(scientist, instrument, tuesday):
    instrument.is_active = False
    instrument.save()
    assert error_code(refused(scientist, instrument, local(tuesday, 10), local(tuesday, 12))) == "inactive"


def test_a_breakdown_stops_bookings_until_resolved(
    scientist, colleague, manager, instrument, tuesday, django_capture_on_commit_callbacks, mailoutbox
):
    booked = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    # Reported the day before the booking: an outage of unknown end tells those booked in the
    # next seven days, and "next Tuesday" seen just after midnight on a Tuesday is seven days on.
    with (
        time_machine.travel(local(tuesday - timedelta(days=1), 9), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        outage = services.report_outage(
            actor=colleague, instrument=instrument, kind="breakdown", description="Laser fault"
        )
    instrument.refresh_from_db()
    assert instrument.is_down
    error = refused(colleague, instrument, local(tuesday, 14), local(tuesday, 15))
    assert error_code(error) == "down" and "out of order" in error.messages[0]
    told = {m.to[0] for m in mailoutbox}
    assert {manager.email, booked.user.email} <= told
    services.resolve_outage(actor=manager, outage=outage, resolution="Laser replaced")
    instrument.refresh_from_db()
    assert not instrument.is_down
    assert book(colleague, instrument, local(tuesday, 14), local(tuesday, 15))


def test_a_safety_issue_is_logged_without_stopping_the_instrument(scientist, instrument):
    services.report_outage(actor=scientist, instrument=instrument, kind="safety", description="Loose cable")
    instrument.refresh_from_db()
    assert not instrument.is_down


def test_maintenance_cancels_the_bookings_in_the_way_and_tells_them(
    scientist, colleague, manager, instrument, tuesday, django_capture_on_commit_callbacks, mailoutbox
):
    booked = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    with django_capture_on_commit_callbacks(execute=True):
        _maintenance, cancelled = services.schedule_maintenance(
            actor=manager,
            instrument=instrument,
            start=local(tuesday, 9),
            end=local(tuesday, 13),
            reason="Annual service",
        )
    assert cancelled == [booked]
    booked.refresh_from_db()
    assert booked.status == BookingStatus.CANCELLED
    assert not UsageRecord.objects.exists()  # never charged
    assert any("cancelled" in m.subject for m in mailoutbox if m.to == [scientist.email])
    error = refused(colleague, instrument, local(tuesday, 12), local(tuesday, 14))
    assert "under maintenance" in error.messages[0]
    with pytest.raises(PermissionDenied):
        services.schedule_maintenance(
            actor=colleague, instrument=instrument, start=local(tuesday, 14), end=local(tuesday, 15)
        )


def test_an_early_cancellation_is_free_a_late_one_is_charged(scientist, instrument, platform):
    soon = timezone.localtime(timezone.now() + timedelta(hours=3)).replace(minute=0, second=0, microsecond=0)
    late = BookingFactory(
        instrument=instrument,
        user=scientist,
        start=soon,
        end=soon + timedelta(hours=2),
        category="cluster_academic",
    )
    services.cancel_booking(actor=scientist, booking=late)
    charge = UsageRecord.objects.get(booking=late)
    assert charge.kind == "late_cancellation"
    assert charge.rate == 50 and charge.amount == 30  # 2 h at 30 €, half of it
    tuesday = next_weekday(1, weeks=1)
    early = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    services.cancel_booking(actor=scientist, booking=early)
    assert not UsageRecord.objects.filter(booking=early).exists()


def test_others_cannot_cancel_and_a_started_booking_cannot_be_cancelled_by_its_user(scientist, instrument):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=10)
    started = BookingFactory(
        instrument=instrument, user=scientist, start=start, end=start + timedelta(hours=1)
    )
    with pytest.raises(ValidationError):
        services.cancel_booking(actor=scientist, booking=started)


def test_moving_a_booking_keeps_the_rules(scientist, colleague, instrument, tuesday):
    first = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    book(colleague, instrument, local(tuesday, 14), local(tuesday, 16))
    moved = services.update_booking(
        actor=scientist, booking=first, start=local(tuesday, 11), end=local(tuesday, 13)
    )
    assert moved.start == local(tuesday, 11)
    with pytest.raises(ValidationError) as caught:
        services.update_booking(
            actor=scientist, booking=first, start=local(tuesday, 13), end=local(tuesday, 15)
        )
    assert error_code(caught.value) == "conflict"
    first.refresh_from_db()
    assert first.start == local(tuesday, 11)  # unchanged


def test_opening_hours_can_run_to_midnight_and_across_it(scientist, platform, lab, tuesday):
    instrument = InstrumentFactory(
        platform=platform,
        requires_qualification=False,
        max_minutes=720,
        hours=[(1, time(18), time(0)), (2, time(0), time(8))],
    )
    user = member_of(lab)
    booking = book(user, instrument, local(tuesday, 20), local(tuesday + timedelta(days=1), 6))
    assert booking.hours == 10


def test_waiting_list_is_told_when_the_slot_frees(
    scientist, colleague, instrument, tuesday, django_capture_on_commit_callbacks, mailoutbox
):
    booking = book(scientist, instrument, local(tuesday, 10), local(tuesday, 12))
    entry = services.join_waitlist(
        actor=colleague, instrument=instrument, start=local(tuesday, 10), end=local(tuesday, 11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(actor=scientist, booking=booking)
    entry.refresh_from_db()
    assert entry.notified_at is not None
    message = next(m for m in mailoutbox if m.to == [colleague.email])
    assert "A slot freed" in message.subject
    assert Booking.objects.active().count() == 0
