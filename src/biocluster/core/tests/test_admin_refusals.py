"""A service's refusal in the admin: the form comes back with what was typed and the error on its field."""

import pytest
from django.test import Client
from django.urls import reverse

from biocluster.events.models import Event
from biocluster.events.tests.factories import EventFactory

from .admin_forms import form_data


@pytest.fixture
def administrator_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def test_a_refused_change_shows_the_typed_input_and_the_error_on_its_field(administrator_client):
    event = EventFactory(title_en="Synthetic biology day")
    url = reverse("admin:events_event_change", args=[event.pk])
    data = form_data(administrator_client.get(url).content.decode())
    # A delegation received takes no registrations: the service refuses a capacity (the form does not).
    data |= {"title_en": "Typed, not yet saved", "kind": "delegation", "capacity": "12"}

    response = administrator_client.post(url, data)

    assert response.status_code == 200  # the form again, not a redirect that drops what was typed
    form = response.context["adminform"].form
    assert form.errors["kind"] == [
        "A delegation received takes no registrations: leave the capacities empty."
    ]
    assert form["title_en"].value() == "Typed, not yet saved"
    assert b"Typed, not yet saved" in response.content
    assert b"A delegation received takes no registrations" in response.content
    event.refresh_from_db()
    assert event.title_en == "Synthetic biology day"


def test_a_refused_creation_shows_the_typed_input_and_the_error_on_its_field(administrator_client):
    model = EventFactory()
    data = form_data(
        administrator_client.get(reverse("admin:events_event_change", args=[model.pk])).content.decode()
    )
    data |= {"time_zone": "Europe/Nowhere", "venue": "Typed venue, not yet saved"}

    response = administrator_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["time_zone"] == ["Unknown time zone."]
    assert form["venue"].value() == "Typed venue, not yet saved"
    assert Event.objects.count() == 1


def test_an_accepted_change_still_saves(administrator_client):
    event = EventFactory(title_en="Synthetic biology day")
    url = reverse("admin:events_event_change", args=[event.pk])
    data = form_data(administrator_client.get(url).content.decode()) | {"title_en": "Renamed"}

    response = administrator_client.post(url, data)

    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title_en == "Renamed"
