"""An event's meeting requests: the page and `/api/meeting-requests` take the same filters (one
FilterSet) and the page is in pages, never cut short."""

import pytest
from django.test import Client

from biocluster.accounts.models import ApiToken
from biocluster.partnering import services
from biocluster.partnering.tests.factories import participant

pytestmark = pytest.mark.django_db


def test_requests_are_filtered_alike_and_in_pages(client, event, alice, alice_user):
    senders = [participant(event) for _ in range(55)]
    for sender in senders:
        services.send_request(sender=sender, recipient=alice, actor=None)
    declined = services.send_request(sender=participant(event), recipient=alice, actor=None)
    services.decline(request=declined, actor=alice_user)
    client.force_login(alice_user)
    url = f"/partnering/events/{event.pk}/requests/"

    first, second = client.get(url).context["received"], client.get(url, {"received": 2}).context["received"]
    assert first.paginator.count == 56
    assert len(first) + len(second) == 56

    page = client.get(url, {"status": "declined"}).context["received"]
    headers = {"Authorization": f"Bearer {ApiToken.issue(alice_user)[1]}"}
    api = (
        Client()
        .get(f"/api/meeting-requests?event={event.pk}&status=declined&box=received", headers=headers)
        .json()
    )
    assert [r.pk for r in page] == [r["id"] for r in api["items"]] == [declined.pk]


def test_participants_are_filtered_alike_and_in_pages(client, event, alice, bob, carol, alice_user):
    for _ in range(30):
        participant(event, organisation__kind="sme")
    client.force_login(alice_user)
    url = f"/partnering/events/{event.pk}/participants/"

    first, second = client.get(url).context["page"], client.get(url, {"page": 2}).context["page"]
    assert first.paginator.count == 33
    assert len(first) + len(second) == 33

    page = client.get(url, {"kind": "investor", "event": 0}).context["page"]  # the address names the event
    headers = {"Authorization": f"Bearer {ApiToken.issue(alice_user)[1]}"}
    api = Client().get(f"/api/participants?event={event.pk}&kind=investor", headers=headers).json()
    assert [p.pk for p in page] == [p["id"] for p in api["items"]] == [carol.pk]
