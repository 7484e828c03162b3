"""Who booked an instrument is shown where the rule `platforms.see_booker` says, in every view."""

import pytest
from django.urls import reverse

from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import BookingFactory, member_of

pytestmark = pytest.mark.django_db


def test_the_instrument_feed_names_the_booker_to_whom_the_rule_allows(
    client, scientist, manager, lab, instrument, tuesday
):
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    url = reverse("platforms:instrument_feed", args=[instrument.pk])

    def names_the_booker(user) -> bool:
        client.force_login(user)
        return "Lovelace" in client.get(url).content.decode()

    assert names_the_booker(manager)
    assert names_the_booker(scientist)  # the feed named nobody but to managers
    assert not names_the_booker(member_of(lab, email="colleague@example.org"))


def test_the_calendar_names_the_booker_to_who_made_the_booking(client, scientist, lab, instrument, tuesday):
    """A colleague who booked for someone else sees whose booking it is (the page knew only the booker)."""
    colleague = member_of(lab, email="colleague@example.org")
    BookingFactory(
        instrument=instrument,
        user=scientist,
        created_by=colleague,
        start=local(tuesday, 10),
        end=local(tuesday, 12),
    )
    client.force_login(colleague)
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    assert "Lovelace" in client.get(url, {"date": tuesday.isoformat(), "view": "day"}).content.decode()
