"""The partnering participant's event page gets "Suggested for you" through core.registry's
"partnering.participant" slot (partnering includes no template of this app)."""

import pytest
from django.urls import reverse

from biocluster.partnering.tests.factories import EventFactory, participant, setup_event

pytestmark = pytest.mark.django_db


def test_the_participant_event_page_loads_suggested_for_you_through_its_slot(client):
    event = setup_event(EventFactory(title_en="BIO Convention"), tables=1)
    me = participant(event, organisation__name="Synsight")
    client.force_login(me.registration.user)
    page = client.get(reverse("partnering:event", args=[event.pk])).content.decode()
    assert "Suggested for you" in page
    assert reverse("recommendations:participant", args=[me.pk]) in page
