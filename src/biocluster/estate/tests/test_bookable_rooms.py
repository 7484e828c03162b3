"""A meeting room or the auditorium is booked through the booking engine: its page says where."""

import pytest
from django.urls import reverse

from biocluster.platforms.tests.factories import InstrumentFactory

from .factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_bookable_room_links_to_its_calendar_and_a_lettable_unit_does_not(client):
    room = InstrumentFactory(name="Auditorium", requires_qualification=False, requires_check_in=False)
    auditorium = UnitFactory(kind="auditorium", capacity=700, bookable_as=room)
    office = UnitFactory(kind="office")
    calendar = reverse("platforms:instrument_calendar", args=[room.pk])
    assert calendar in client.get(reverse("estate:unit_detail", args=[auditorium.pk])).content.decode()
    assert (
        "Book this room" not in client.get(reverse("estate:unit_detail", args=[office.pk])).content.decode()
    )
