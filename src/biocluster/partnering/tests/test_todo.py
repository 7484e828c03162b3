"""Partnering's to-dos on the home page: the meeting requests a participant has to answer, per event."""

from datetime import timedelta

import pytest

from biocluster.accounts.tests.factories import UserFactory
from biocluster.core.tests.clock import NOW, TODAY, frozen  # noqa: F401 - the fixture
from biocluster.partnering import todo
from biocluster.partnering.models import MeetingRequest
from biocluster.partnering.tests.factories import EventFactory, participant

pytestmark = pytest.mark.usefixtures("frozen")


def _request(sender, recipient, **kwargs):
    return MeetingRequest.objects.create(event=sender.event, sender=sender, recipient=recipient, **kwargs)


def test_a_participant_answers_requests_received_and_times_proposed_to_them(
    event, alice, bob, carol, alice_user, django_assert_num_queries
):
    _request(bob, alice, expires_at=NOW + timedelta(days=2))
    _request(carol, alice, expires_at=NOW + timedelta(days=5))
    _request(alice, carol, status="countered")  # carol proposed another time: alice answers
    # Not to do: answered, expired, sent and waiting for the other side, between others.
    _request(bob, alice, status="accepted")
    _request(carol, alice, expires_at=NOW - timedelta(minutes=1))
    _request(alice, bob)
    _request(bob, carol)
    # Another event, over: nothing left to answer there.
    past = EventFactory(starts_at=NOW - timedelta(days=30), ends_at=NOW - timedelta(days=27))
    mine_then = participant(past, user=alice_user)
    _request(participant(past), mine_then)

    with django_assert_num_queries(3):  # the profiles, the counts per event, the events
        todos = todo.requests_to_answer(alice_user)

    assert [(t.title, t.url, t.count, t.due) for t in todos] == [
        (
            f"3 meeting requests to answer for {event.title_en}",
            f"/partnering/events/{event.pk}/requests/",
            3,
            NOW + timedelta(days=2),
        )
    ]
    assert todo.requests_to_answer(UserFactory()) == []
