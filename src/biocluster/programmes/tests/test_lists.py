"""The enrolments' page and API list take the same filters (one FilterSet) and are in pages."""

import pytest
from django.test import Client

from biocluster.accounts.models import ApiToken
from biocluster.accounts.tests.factories import UserFactory
from biocluster.programmes.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_enrolments_are_filtered_alike_and_in_pages(client):
    for _ in range(55):
        EnrolmentFactory()
    graduated = EnrolmentFactory(status="graduated")
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)

    first, second = client.get("/programmes/enrolments/"), client.get("/programmes/enrolments/", {"page": 2})
    assert first.context["page"].paginator.count == 56
    assert len(first.context["enrolments"]) + len(second.context["enrolments"]) == 56

    page = client.get("/programmes/enrolments/", {"status": "graduated"}).context["enrolments"]
    headers = {"Authorization": f"Bearer {ApiToken.issue(admin)[1]}"}
    api = Client().get("/api/enrolments?status=graduated", headers=headers).json()
    assert [e.pk for e in page] == [e["id"] for e in api["items"]] == [graduated.pk]
