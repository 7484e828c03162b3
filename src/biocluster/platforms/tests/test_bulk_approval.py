"""A manager decides several booking requests at once (`services.decide_bookings`, the manage page).

The choice, documented in the service: permission is all or nothing (one booking the manager may
not decide and nothing changes); the rules are per booking (one that now breaks them, a closure
or an expired training since the request, stays awaiting approval and is reported; the others
are approved, each audited and told).
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from biocluster.audit.models import AuditEvent
from biocluster.core.tests.clock import NOW, TODAY, frozen  # noqa: F401 - the fixture
from biocluster.platforms import services
from biocluster.platforms.models import Booking, BookingStatus, Qualification
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import (
    BookingFactory,
    ClosureFactory,
    InstrumentFactory,
    PlatformFactory,
    QualificationFactory,
    member_of,
)

pytestmark = pytest.mark.usefixtures("frozen")
THURSDAY, FRIDAY = date(2026, 6, 11), date(2026, 6, 12)


@pytest.fixture
def requests(instrument, scientist, colleague, lab):
    """Three requests awaiting approval: the scientist's Thursday and Friday, the colleague's Thursday."""
    instrument.requires_approval = True
    instrument.save()
    return [
        services.create_booking(
            actor=user, instrument=instrument, start=local(day, start), end=local(day, start + 2)
        )
        for user, day, start in (
            (scientist, THURSDAY, 10),
            (scientist, FRIDAY, 10),
            (colleague, THURSDAY, 14),
        )
    ]


def _statuses(bookings) -> list[str]:
    return [Booking.objects.get(pk=b.pk).status for b in bookings]


def test_several_requests_are_approved_each_audited_and_told(
    requests, manager, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.decide_bookings(actor=manager, bookings=requests, approve=True)
    thursday, friday, colleagues = requests
    assert [b.pk for b in result.decided] == [thursday.pk, colleagues.pk, friday.pk]  # in time order
    assert result.unchanged == []
    assert _statuses(requests) == [BookingStatus.CONFIRMED] * 3
    approved = AuditEvent.objects.filter(action="platforms.booking.approved", actor=manager)
    assert sorted(approved.values_list("object_id", flat=True)) == sorted(str(b.pk) for b in requests)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(b.user.email for b in requests)


def test_a_request_that_now_breaks_a_rule_is_reported_and_the_others_approved(
    requests, manager, instrument, scientist
):
    thursday, friday, colleagues = requests
    ClosureFactory(platform=instrument.platform, start_date=FRIDAY, end_date=FRIDAY, reason_en="Service day")
    # The colleague's training ended after they asked.
    Qualification.objects.filter(user=colleagues.user).update(expires_on=NOW.date())

    result = services.decide_bookings(actor=manager, bookings=requests, approve=True)

    assert [b.pk for b in result.decided] == [thursday.pk]
    assert {u.booking.pk: u.reason for u in result.unchanged} == {
        colleagues.pk: f"The training on {instrument} expired on June 10, 2026: ask the platform to renew it.",
        friday.pk: "Closed on June 12, 2026 (Service day).",
    }
    assert _statuses(requests) == [BookingStatus.CONFIRMED, BookingStatus.REQUESTED, BookingStatus.REQUESTED]
    assert not AuditEvent.objects.filter(
        action="platforms.booking.approved", object_id=str(friday.pk)
    ).exists()


def test_one_booking_the_manager_may_not_decide_refuses_the_whole(requests, manager, lab):
    elsewhere = InstrumentFactory(platform=PlatformFactory(), requires_approval=True)
    QualificationFactory(instrument=elsewhere, user=requests[0].user)
    theirs = BookingFactory(
        instrument=elsewhere, status="requested", start=local(THURSDAY, 10), end=local(THURSDAY, 12)
    )
    with pytest.raises(PermissionDenied):
        services.decide_bookings(actor=manager, bookings=[*requests, theirs], approve=True)
    assert _statuses([*requests, theirs]) == [BookingStatus.REQUESTED] * 4
    assert not AuditEvent.objects.filter(action="platforms.booking.approved").exists()


def test_declining_several_gives_each_the_reason_and_frees_their_slots(requests, manager):
    result = services.decide_bookings(
        actor=manager, bookings=requests[:2], approve=False, reason="Service day"
    )
    assert len(result.decided) == 2
    for booking in requests[:2]:
        booking.refresh_from_db()
        assert (booking.status, booking.cancel_reason, booking.decided_by) == (
            BookingStatus.REJECTED,
            "Service day",
            manager,
        )
    assert _statuses(requests[2:]) == [BookingStatus.REQUESTED]


def test_a_single_approval_checks_the_rules_again_too(requests, manager, instrument):
    ClosureFactory(platform=instrument.platform, start_date=THURSDAY, end_date=THURSDAY)
    with pytest.raises(ValidationError, match="Closed on June 11, 2026"):
        services.decide_booking(actor=manager, booking=requests[0], approve=True)
    # Declining needs no rule: the slot is given back.
    assert services.decide_booking(actor=manager, booking=requests[0], approve=False).status == "rejected"


# --------------------------------------------------------------------------- the page


def test_the_manager_ticks_two_requests_and_approves_them_from_the_page(
    client, requests, manager, instrument
):
    client.force_login(manager)
    page = client.get(reverse("platforms:platform_manage", args=[instrument.platform_id])).content.decode()
    for booking in requests:
        assert f'name="bookings" value="{booking.pk}"' in page
    response = client.post(
        reverse("platforms:bookings_decide", args=[instrument.platform_id]),
        {"bookings": [requests[0].pk, requests[2].pk], "approve": "1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("/manage/#to-approve")
    assert "2 bookings approved; each person is told by email." in response.content.decode()
    assert _statuses(requests) == [BookingStatus.CONFIRMED, BookingStatus.REQUESTED, BookingStatus.CONFIRMED]


def test_the_page_reports_a_request_left_as_it_was(client, requests, manager, instrument):
    ClosureFactory(platform=instrument.platform, start_date=FRIDAY, end_date=FRIDAY)
    client.force_login(manager)
    response = client.post(
        reverse("platforms:bookings_decide", args=[instrument.platform_id]),
        {"bookings": [b.pk for b in requests], "approve": "1"},
        follow=True,
    )
    page = response.content.decode()
    assert "2 bookings approved" in page
    assert (
        f"Not decided, {instrument} June 12, 2026, 10:00\u201312:00: Closed on June 12, 2026 (Public holiday)."
        in page
    )


def test_a_booking_the_manager_does_not_see_is_a_404_and_one_they_may_not_decide_a_403(
    client, requests, manager, instrument, lab
):
    elsewhere = InstrumentFactory(platform=PlatformFactory(), requires_approval=False)
    hidden = BookingFactory(instrument=elsewhere, status="requested")
    own = BookingFactory(
        instrument=elsewhere, status="requested", user=manager, start=NOW + timedelta(days=3)
    )
    client.force_login(manager)
    url = reverse("platforms:bookings_decide", args=[instrument.platform_id])
    assert client.post(url, {"bookings": [requests[0].pk, hidden.pk], "approve": "1"}).status_code == 404
    assert client.post(url, {"bookings": [requests[0].pk, own.pk], "approve": "1"}).status_code == 403
    assert _statuses([*requests, hidden, own]) == [BookingStatus.REQUESTED] * 5
    # Someone who manages no platform cannot post there at all.
    client.force_login(member_of(lab))
    assert client.post(url, {"bookings": [requests[0].pk], "approve": "1"}).status_code == 403


def test_nothing_ticked_is_said_on_the_page(client, requests, manager, instrument):
    client.force_login(manager)
    response = client.post(
        reverse("platforms:bookings_decide", args=[instrument.platform_id]), {"approve": "1"}, follow=True
    )
    assert "Choose at least one booking." in response.content.decode()
    assert _statuses(requests) == [BookingStatus.REQUESTED] * 3
