"""Partnering's pages ask its named rules; reading the settings writes nothing."""

import pytest
from django.urls import reverse

from biocluster.partnering import services
from biocluster.partnering.models import PartneringSettings
from biocluster.partnering.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_event_pages_ask_the_view_rule(client, event, alice, alice_user, rule_denied):
    client.force_login(alice_user)
    url = reverse("partnering:event", args=[event.pk])
    assert client.get(url).status_code == 200
    rule_denied("partnering.view_partnering")
    assert client.get(url).status_code == 404


def test_the_home_lists_every_event_under_the_organisers_rule(client, event, staff_user, rule_denied):
    client.force_login(staff_user)
    assert event.title_en in client.get(reverse("partnering:home")).content.decode()
    rule_denied("partnering.manage_partnering")
    assert event.title_en not in client.get(reverse("partnering:home")).content.decode()


def test_sending_a_request_asks_its_rule(client, event, alice, bob, alice_user, rule_denied):
    rule_denied("partnering.send_request")
    client.force_login(alice_user)
    response = client.post(
        reverse("partnering:request_create", args=[bob.pk]), {"message": "Hi", "priority": 3}
    )
    assert response.status_code == 403


def test_reading_the_settings_writes_nothing():
    event = EventFactory()
    config = services.settings_of(event)
    assert config.pk is None and config.first_day is not None
    assert not PartneringSettings.objects.filter(event=event).exists()
    saved = services.configure(event=event, actor=None, slot_minutes=20)
    assert PartneringSettings.objects.get(event=event) == saved


def test_a_registration_makes_its_profile_in_the_name_of_who_registered(event):
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.audit.models import AuditEvent
    from biocluster.events.services import register

    user = UserFactory(email="newcomer@example.org")
    registration = register(event=event, user=user, actor=user)
    created = AuditEvent.objects.get(action="partnering.profile.created")
    assert created.object_id == str(registration.partnering_profile.pk)
    assert created.actor == user  # the post_save signal made it in nobody's name
