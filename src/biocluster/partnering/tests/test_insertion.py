"""Issue #11: one meeting inserted into the stored schedule by reading and writing only the
change (services.insert_meeting): the whole schedule afterwards passes the scheduler's
independent check, nobody is double-booked (also when two insertions race), and an
impossible insertion says why and writes nothing."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from biocluster.audit.models import AuditEvent
from biocluster.partnering import services
from biocluster.partnering.models import Location, Meeting, Slot
from biocluster.partnering.services import insertion
from biocluster.partnering.tests.factories import participant
from biocluster.partnering.tests.test_services import _meet
from biocluster.scheduling.tests import check_schedule

pytestmark = pytest.mark.django_db


def _slots(event):
    return list(Slot.objects.filter(event=event).order_by("starts_at"))


def _whole_schedule_checked(event) -> None:
    """Every placed meeting of the event, checked as one schedule by scheduling's own checker."""
    data = services.build_instance(event)
    confirmed = {m["id"] for m in data["meetings"]}
    placed = Meeting.objects.confirmed().placed().filter(event=event, pk__in=confirmed)
    assignments = [{"meeting": m.pk, "slot": m.slot_id, "location": m.location_id} for m in placed]
    priority = {m["id"]: m["priority"] for m in data["meetings"]}
    total = sum(priority[a["meeting"]] for a in assignments)
    out = {
        "assignments": assignments,
        "unscheduled": [m for m in confirmed if m not in {a["meeting"] for a in assignments}],
        "objective": total,
        "upper_bound": total,
    }
    check_schedule(data, out)


def test_a_meeting_accepted_after_publication_is_inserted_published_next_to_the_agenda(
    event, alice, bob, carol, django_capture_on_commit_callbacks
):
    kept = _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    services.publish(event=event, actor=None, notify=False)
    kept.refresh_from_db()
    new = _meet(alice, carol)
    with django_capture_on_commit_callbacks(execute=True):
        services.insert_meeting(meeting=new, actor=None)
    new.refresh_from_db()
    assert new.slot is not None and new.slot != kept.slot  # Alice is not double-booked
    assert new.location is not None and new.published_at is not None and new.sequence == 1
    assert abs(_slots(event).index(new.slot) - _slots(event).index(kept.slot)) == 1  # compact
    assert AuditEvent.objects.filter(action="partnering.meeting.inserted", object_id=str(new.pk)).exists()
    _whole_schedule_checked(event)
    from django.core import mail

    assert {m.to[0] for m in mail.outbox} == {alice.registration.email, carol.registration.email}


def test_an_impossible_insertion_says_why_and_writes_nothing(event, alice, bob, carol):
    first = _meet(alice, bob)
    services.set_unavailability(profile=carol, actor=None, slots=_slots(event)[1:])
    services.place_by_hand(meeting=first, slot=_slots(event)[0], actor=None)  # locked
    new = _meet(alice, carol)
    audited = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="one of them already has a meeting that cannot move"):
        services.insert_meeting(meeting=new, actor=None)
    new.refresh_from_db()
    assert new.slot is None and new.sequence == 0 and AuditEvent.objects.count() == audited

    services.set_unavailability(profile=carol, actor=None, slots=_slots(event))
    with pytest.raises(ValidationError, match="never available at the same time"):
        services.insert_meeting(meeting=new, actor=None)


def test_no_table_left_is_said(event, alice, bob, carol):
    dave = participant(event)
    for slot in _slots(event):  # the one table is taken in every slot, by others
        one, two = participant(event), participant(event)
        services.place_by_hand(meeting=_meet(one, two), slot=slot, actor=None)
    new = _meet(alice, dave)
    with pytest.raises(ValidationError, match="No table is left"):
        services.insert_meeting(meeting=new, actor=None)


def test_a_local_repair_moves_an_unpublished_meeting_of_a_participant(event, alice, bob, carol):
    Location.objects.create(event=event, name="Table 2")
    slots = _slots(event)
    services.set_unavailability(profile=carol, actor=None, slots=slots[1:])
    first = _meet(alice, bob)
    services.place_by_hand(meeting=first, slot=slots[0], actor=None)
    Meeting.objects.filter(pk=first.pk).update(locked=False)  # placed, movable
    new = _meet(alice, carol)
    services.insert_meeting(meeting=new, actor=None)
    new.refresh_from_db()
    first.refresh_from_db()
    assert new.slot == slots[0] and first.slot not in (None, slots[0])
    assert AuditEvent.objects.filter(action="partnering.meeting.moved", object_id=str(first.pk)).exists()
    _whole_schedule_checked(event)


def test_a_placed_or_cancelled_meeting_is_refused(event, alice, bob):
    meeting = _meet(alice, bob)
    services.insert_meeting(meeting=meeting, actor=None)
    with pytest.raises(ValidationError, match="already has a time"):
        services.insert_meeting(meeting=meeting, actor=None)
    services.cancel_meeting(meeting=meeting, actor=None)
    with pytest.raises(ValidationError, match="Only a confirmed meeting"):
        services.insert_meeting(meeting=meeting, actor=None)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers anyway"
)
def test_two_insertions_at_once_never_double_book_nor_share_a_table(event, alice, bob, carol, monkeypatch):
    services.publish(event=event, actor=None, notify=False)
    meetings = [_meet(alice, bob), _meet(alice, carol)]
    decide = insertion.delta.insert_one

    def slow(*args, **kwargs):  # both have read the schedule before either writes, unless locked out
        decision = decide(*args, **kwargs)
        time.sleep(0.5)
        return decision

    monkeypatch.setattr(insertion.delta, "insert_one", slow)
    barrier = threading.Barrier(2)
    errors = []

    def insert(meeting):
        from django.db import connections

        barrier.wait()
        try:
            services.insert_meeting(meeting=meeting, actor=None)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=insert, args=(m,)) for m in meetings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    placed = list(
        Meeting.objects.filter(pk__in=[m.pk for m in meetings]).values_list("slot_id", "location_id")
    )
    assert len({slot for slot, _ in placed}) == 2  # Alice in two different slots
    assert len(set(placed)) == 2
    _whole_schedule_checked(event)


def test_organisers_place_a_meeting_through_the_api(client, event, alice, bob, staff_user):
    from biocluster.partnering.tests.test_api import auth

    meeting = _meet(alice, bob)
    url = f"/api/meetings/{meeting.pk}/place"
    assert client.post(url, headers=auth(alice.registration.user)).status_code == 403
    answer = client.post(url, headers=auth(staff_user))
    assert answer.status_code == 200 and answer.json()["slot"] is not None
    again = client.post(url, headers=auth(staff_user))
    assert again.status_code == 422 and "already has a time" in again.content.decode()
