"""The platforms' lists: each page and its API list take the same filters (one FilterSet), and
every list is in pages, never cut short."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from biocluster.accounts.models import ApiToken
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.platforms.models import Booking, Statement
from biocluster.platforms.tests.factories import BookingFactory, InstrumentFactory, PlatformFactory

pytestmark = pytest.mark.django_db


def _api(user, url: str) -> dict:
    response = Client().get(url, headers={"Authorization": f"Bearer {ApiToken.issue(user)[1]}"})
    assert response.status_code == 200, response.content
    return response.json()


def test_the_catalogue_page_and_api_filter_alike_and_page(client):
    for index in range(35):
        PlatformFactory(organisation=OrganisationFactory(kind="platform", name=f"Imaging {index:02}"))
    InstrumentFactory(
        platform=PlatformFactory(organisation=OrganisationFactory(name="Genomics")), name="Nova"
    )
    user = UserFactory()

    page = client.get("/platforms/", {"q": "nova"})
    assert [p.name for p in page.context["platforms"]] == ["Genomics"]
    assert [p["name"] for p in _api(user, "/api/platforms?q=nova")["items"]] == ["Genomics"]

    first, second = client.get("/platforms/"), client.get("/platforms/", {"page": 2})
    assert first.context["page"].paginator.count == 36
    assert len(first.context["platforms"]) + len(second.context["platforms"]) == 36
    assert b"Page 1 of 2" in first.content


def test_my_bookings_are_filtered_as_the_api_and_none_is_cut(client):
    user = UserFactory()
    one, other = InstrumentFactory(), InstrumentFactory()
    start = timezone.now() + timedelta(days=1)
    for index in range(120):  # the page showed the first 100 to come
        BookingFactory(
            instrument=one,
            user=user,
            start=start + timedelta(hours=3 * index),
            end=start + timedelta(hours=3 * index + 1),
        )
    BookingFactory(instrument=other, user=user)
    client.force_login(user)

    pages = [client.get("/platforms/bookings/", {"upcoming": n}).context["upcoming"] for n in (1, 2, 3)]
    assert pages[0].paginator.count == 121
    assert sum(len(page) for page in pages) == 121

    filtered = client.get("/platforms/bookings/", {"instrument": other.pk}).context["upcoming"]
    api = _api(user, f"/api/bookings?instrument={other.pk}&mine=true")
    assert (
        [b.pk for b in filtered]
        == [b["id"] for b in api["items"]]
        == [Booking.objects.get(instrument=other).pk]
    )


def test_my_statements_are_in_pages(client):
    platform = PlatformFactory()
    organisation = OrganisationFactory()
    month = timezone.localdate().replace(day=1)
    for index in range(230):  # the page showed the first 200
        Statement.objects.create(
            platform=platform,
            organisation=organisation,
            month=month - timedelta(days=31 * index),
            number=f"S-{index}",
            issued_at=timezone.now(),
            total=10,
        )
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    pages = [client.get("/platforms/statements/", {"page": n}).context["statements"] for n in range(1, 6)]
    assert sum(len(page) for page in pages) == 230
    only = client.get("/platforms/statements/", {"organisation": organisation.pk, "platform": 0})
    assert only.context["page"].paginator.count == 0
