"""The anonymous week calendar comes from a page rendered once with tokens (core/frames.py):
it must read exactly as the page rendered for the request, and every change must show at once."""

import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.core import frames
from biocluster.platforms.tests.conftest import local
from biocluster.platforms.tests.factories import BookingFactory, InstrumentFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def _page(client, instrument, **query) -> str:
    response = client.get(reverse("platforms:instrument_calendar", args=[instrument.pk]), query)
    assert response.status_code == 200
    return CSRF.sub(r"\1…", response.content.decode())


@pytest.mark.parametrize("viewer", ["anonymous", "scientist", "manager", "administrator"])
@pytest.mark.parametrize("view", ["week", "day"])
def test_the_shared_page_reads_as_the_page_rendered_for_the_request(
    request, client, monkeypatch, scientist, instrument, tuesday, view, viewer
):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    instrument.name = 'Confocal <LSM> & "980"'
    instrument.save()
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    # The clock stands still: the past slots and the line at "now" move with it, between two renders.
    with time_machine.travel(local(tuesday, 9, 29), tick=False):
        for day in (tuesday, tuesday.replace(year=tuesday.year - 1)):  # a week with now in it, one without
            shared = [_page(client, instrument, date=day.isoformat(), view=view) for _ in range(2)]
            monkeypatch.setattr(frames, "shareable", lambda request: False)
            rendered = _page(client, instrument, date=day.isoformat(), view=view)
            monkeypatch.undo()
            assert shared[0] == shared[1] == rendered
    assert "Confocal &lt;LSM&gt; &amp; &quot;980&quot;" in rendered


def test_the_frame_is_shared_between_instruments_and_filled_with_each_ones_values(
    client, instrument, tuesday
):
    other = InstrumentFactory(platform=instrument.platform, name="Cryo-EM Krios")
    first = client.get(reverse("platforms:instrument_calendar", args=[instrument.pk]), {"date": tuesday})
    assert first.templates  # rendered once...
    second = client.get(reverse("platforms:instrument_calendar", args=[other.pk]), {"date": tuesday})
    assert not second.templates  # ...then filled in
    page = second.content.decode()
    assert "Cryo-EM Krios" in page and "Confocal" not in page
    assert f'value="{reverse("platforms:instrument_calendar", args=[other.pk])}?date={tuesday}"' in page
    assert reverse("platforms:instrument_detail", args=[other.pk]) in page


def test_each_visitor_gets_their_own_csrf_token(client, instrument, tuesday):
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    client.get(url)
    token = client.cookies["csrftoken"].value
    client.cookies.clear()
    page = client.get(url, {"date": tuesday}).content.decode()
    assert client.cookies["csrftoken"].value != token
    assert frames._MARK not in page


def test_a_value_spelling_a_token_stays_as_typed(client, instrument, tuesday):
    instrument.name = frames._token("platform_name")
    instrument.save()
    client.get(reverse("platforms:instrument_calendar", args=[instrument.pk]))  # the frame, kept
    page = client.get(reverse("platforms:instrument_calendar", args=[instrument.pk]), {"date": tuesday})
    assert f"<h1>{frames._token('platform_name')}</h1>" in page.content.decode()


def test_people_who_see_the_same_menus_share_a_frame_each_with_their_own_name(
    client, scientist, colleague, manager, instrument, tuesday
):
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    client.force_login(scientist)
    first = client.get(url, {"date": tuesday})
    assert first.templates and "scientist@example.org" in first.content.decode()
    client.force_login(colleague)  # a member of the same lab: the same menus
    second = client.get(url, {"date": tuesday})
    page = second.content.decode()
    assert not second.templates  # filled in, not rendered
    assert "colleague@example.org" in page and "scientist@example.org" not in page
    client.force_login(manager)  # the platform's manager has menus of their own
    third = client.get(url, {"date": tuesday})
    assert third.templates and "manager@example.org" in third.content.decode()


def test_a_page_with_a_message_is_rendered_for_its_request(client, scientist, instrument, tuesday):
    from biocluster.accounts.tests.factories import PASSWORD

    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    client.force_login(scientist)
    client.get(url, {"date": tuesday})  # the frame, kept
    client.logout()
    client.post(reverse("account_login"), {"login": scientist.email, "password": PASSWORD})
    page = client.get(url, {"date": tuesday})
    assert page.templates and "Successfully signed in" in page.content.decode()
    assert "Successfully signed in" not in client.get(url, {"date": tuesday}).content.decode()


def test_a_rename_and_a_breakdown_show_at_once(client, instrument, tuesday):
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    assert "Out of order" not in client.get(url).content.decode()
    instrument.name = "Renamed microscope"
    instrument.is_down = True
    instrument.save()
    organisation = instrument.platform.organisation
    organisation.name = "Renamed platform"
    organisation.save()
    page = client.get(url).content.decode()
    assert "Renamed microscope" in page and "Renamed platform" in page and "Out of order" in page


@pytest.mark.parametrize("viewer", ["anonymous", "colleague", "scientist", "manager", "administrator"])
def test_a_booking_shows_on_the_next_read_for_every_viewer(
    request, client, viewer, scientist, instrument, tuesday
):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    assert "10:00\u201312:00" not in client.get(url, {"date": tuesday}).content.decode()
    BookingFactory(instrument=instrument, user=scientist, start=local(tuesday, 10), end=local(tuesday, 12))
    page = client.get(url, {"date": tuesday}).content.decode()
    assert "10:00\u201312:00" in page
    assert ("Ada Lovelace" in page) == (viewer in ("scientist", "manager", "administrator"))


def test_an_anonymous_week_costs_one_statement_reading_each_table_it_shows(client, instrument, tuesday):
    """The instrument (with its platform), its opening hours, bookings, closures and breakdowns,
    in one statement: nothing for the page around them."""
    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    client.get(url, {"date": tuesday})
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"date": tuesday.replace(year=tuesday.year - 1)})
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]
    tables = set(re.findall(r"FROM \"?(\w+)", queries.captured_queries[0]["sql"]))
    assert tables == {
        "platforms_instrument",
        "platforms_openinghours",
        "platforms_booking",
        "platforms_closure",
        "platforms_outage",
    }, tables


def test_the_frames_csrf_token_is_accepted_and_a_wrong_one_refused(instrument, tuesday):
    """The shared frame draws its CSRF token itself (core.frames.csrf_token): Django checks it."""
    from django.test import Client

    url = reverse("platforms:instrument_calendar", args=[instrument.pk])
    for sent, expected in (("page", 302), ("wrong", 403)):
        client = Client(enforce_csrf_checks=True)
        page = client.get(url, {"date": tuesday}).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page).group(1)
        assert len(token) == 64
        if sent == "wrong":
            token = token[:32] + token[32:][::-1]
        response = client.post(
            reverse("set_language"), {"language": "fr", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == expected


@pytest.mark.parametrize("viewer", ["anonymous", "scientist", "colleague", "manager", "administrator"])
def test_whose_names_the_calendar_shows_is_the_rule_asked_booking_by_booking(
    request, viewer, scientist, colleague, manager, instrument, tuesday
):
    """The calendars and feeds ask `platforms.manage_platform` once for the platform, and the
    booking's half of `platforms.see_booker` without `has_perm`: the answers must be the rule's."""
    from django.contrib.auth.models import AnonymousUser

    from biocluster.platforms.rules import sees_bookers

    user = AnonymousUser() if viewer == "anonymous" else request.getfixturevalue(viewer)
    bookings = [
        BookingFactory(
            instrument=instrument,
            user=booker,
            created_by=author,
            start=local(tuesday, hour),
            end=local(tuesday, hour + 1),
        )
        # The colleague booked the 16:00 slot for the scientist: both may see who holds it.
        for booker, author, hour in (
            (scientist, scientist, 9),
            (colleague, colleague, 11),
            (scientist, scientist, 14),
            (scientist, colleague, 16),
        )
    ]
    sees = sees_bookers(user, instrument.platform)
    answers = [sees(booking) for booking in bookings]
    assert answers == [user.has_perm("platforms.see_booker", booking) for booking in bookings]
    expected = {
        "anonymous": [False] * 4,
        "scientist": [True, False, True, True],
        "colleague": [False, True, False, True],
        "manager": [True] * 4,
    }
    assert viewer not in expected or answers == expected[viewer]
