"""Steps and turnovers that never leave an instrument idle: a turnover is a whole number of steps.

A booking ending at 11:00 with a 30-minute turnover frees the instrument at 11:30; with 60-minute
steps the next booking could only start at 12:00, half an hour lost after every booking.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from biocluster.core.tests.admin_forms import form_data
from biocluster.platforms import services
from biocluster.platforms.demo_catalogue import CATALOGUE

pytestmark = pytest.mark.django_db

IDLE = "The turnover (30 minutes) must be a whole number of steps (60 minutes)"


def test_the_service_refuses_a_turnover_that_is_not_a_whole_number_of_steps(platform, manager):
    with pytest.raises(ValidationError) as caught:
        services.create_instrument(
            actor=manager,
            platform=platform,
            name="Sorter",
            slot_minutes=60,
            min_minutes=60,
            buffer_minutes=30,
        )
    message = caught.value.message_dict["buffer_minutes"][0]
    assert message.startswith(IDLE)
    assert "idle 30 minutes" in message and "0, 60, 120" in message and "30-minute steps" in message
    assert services.create_instrument(
        actor=manager, platform=platform, name="Sorter", slot_minutes=30, min_minutes=60, buffer_minutes=30
    )


def test_changing_the_step_under_a_turnover_is_refused_too(manager, instrument):
    services.update_instrument(actor=manager, instrument=instrument, buffer_minutes=60)
    with pytest.raises(ValidationError) as caught:
        services.update_instrument(actor=manager, instrument=instrument, slot_minutes=45, min_minutes=45)
    assert "must be a whole number of steps (45 minutes)" in caught.value.message_dict["buffer_minutes"][0]
    instrument.refresh_from_db()
    assert instrument.slot_minutes == 30


def test_the_instrument_form_shows_the_rule_on_the_turnover(client, manager, instrument):
    client.force_login(manager)
    url = reverse("platforms:instrument_edit", args=[instrument.pk])
    data = {
        "name": instrument.name,
        "slot_minutes": 60,
        "min_minutes": 60,
        "max_minutes": 240,
        "buffer_minutes": 30,
        "max_days_ahead": 60,
        "is_active": "on",
        "tariff_unit": "hour",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["buffer_minutes"][0].startswith(IDLE)
    instrument.refresh_from_db()
    assert (instrument.slot_minutes, instrument.buffer_minutes) == (30, 0)


def test_the_admin_shows_the_rule_on_the_turnover(administrator, instrument):
    client = Client()
    client.force_login(administrator)
    url = reverse("admin:platforms_instrument_change", args=[instrument.pk])
    data = form_data(client.get(url).content.decode()) | {
        "slot_minutes": "60",
        "min_minutes": "60",
        "buffer_minutes": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["buffer_minutes"][0].startswith(IDLE)
    instrument.refresh_from_db()
    assert instrument.slot_minutes == 30


def test_no_demo_instrument_stands_idle_after_its_turnover():
    rules = [rule for spec in CATALOGUE.values() for *_, rule in spec["instruments"]]
    assert rules and all(r["buffer_minutes"] % r["slot_minutes"] == 0 for r in rules)
