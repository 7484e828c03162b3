"""Many people taking the last places of an event at the same moment: never more confirmed than places.

Real threads, each with its own connection and committed transaction, released together by a
barrier. PostgreSQL only: the lock on the event row (SELECT … FOR UPDATE) is what is tested;
pytest-django's in-memory SQLite database does not let threads wait for each other.
"""

import threading

import pytest
from django.db import connection, connections

from biocluster.accounts.tests.factories import UserFactory
from biocluster.events import services
from biocluster.events.models import Registration
from biocluster.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE, PLACES = 8, 3


def test_last_places_taken_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections are tested on PostgreSQL")
    event = EventFactory(capacity=PLACES)
    users = [UserFactory(email=f"rush{i}@example.org") for i in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def take(user):
        try:
            barrier.wait(timeout=30)
            services.register(event=event, user=user, actor=user)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == PLACES
    assert statuses.count("waiting") == PEOPLE - PLACES
