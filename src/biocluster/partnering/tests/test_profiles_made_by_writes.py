"""Profiles are made by writes (a registration confirmed, partnering switched on), never by reading a page."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biocluster.audit.models import AuditEvent
from biocluster.events import services as events
from biocluster.events.models import Event
from biocluster.partnering.models import Profile
from biocluster.partnering.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def switched_on_without_profiles(db):
    """Confirmed registrations to an event whose partnering was switched on behind the services'
    back (as rows made before profiles followed the switch)."""
    event = EventFactory(has_partnering=False)
    registrations = RegistrationFactory.create_batch(2, event=event)
    Event.objects.filter(pk=event.pk).update(has_partnering=True)
    event.refresh_from_db()
    return event, registrations


def test_the_organiser_page_writes_nothing(client, staff_user, switched_on_without_profiles):
    event, _registrations = switched_on_without_profiles
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/partnering/events/{event.pk}/manage/").status_code == 200
    assert _writes(queries.captured_queries) == []
    assert not Profile.objects.filter(event=event).exists()


def test_switching_partnering_on_makes_the_profiles_in_the_organisers_name(staff_user):
    event = EventFactory(has_partnering=False)
    registrations = RegistrationFactory.create_batch(2, event=event)
    assert not Profile.objects.filter(event=event).exists()

    events.update_event(event=event, actor=staff_user, has_partnering=True)

    assert set(Profile.objects.filter(event=event).values_list("registration", flat=True)) == {
        r.pk for r in registrations
    }
    made = AuditEvent.objects.filter(action="partnering.profile.created")
    assert made.count() == 2 and {e.actor_id for e in made} == {staff_user.pk}


def test_a_confirmed_registration_still_gets_its_profile(db):
    registration = RegistrationFactory(event=EventFactory(has_partnering=True))
    assert Profile.objects.filter(registration=registration).exists()


def test_the_upgrade_command_makes_the_missing_profiles_once(switched_on_without_profiles):
    event, registrations = switched_on_without_profiles
    out = io.StringIO()
    call_command("partnering_profiles", stdout=out)
    call_command("partnering_profiles", stdout=out)
    assert out.getvalue().splitlines() == ["Made 2 partnering profile(s).", "Made 0 partnering profile(s)."]
    assert Profile.objects.filter(event=event).count() == len(registrations)
