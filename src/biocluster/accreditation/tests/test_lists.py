"""The register's pages, export and API list filter with one FilterSet; a bad value on a page is
left out (the other filters still apply), never an error page."""

import pytest
from django.test import Client

from biocluster.accounts.models import ApiToken
from biocluster.accounts.tests.factories import UserFactory
from biocluster.accreditation.tests.factories import AccreditationFactory

pytestmark = pytest.mark.django_db


def test_the_register_pages_and_api_filter_alike(client):
    in_2012 = AccreditationFactory(decided_on="2012-04-05")
    AccreditationFactory(decided_on="2016-09-10")
    refused = AccreditationFactory(decided_on="2012-06-01", decision="refused")
    staff = UserFactory(is_superuser=True)

    public = client.get("/accreditation/", {"year": 2012}).context["page"]
    assert [a.pk for a in public] == [in_2012.pk]
    assert [a.pk for a in client.get("/accreditation/", {"year": "abc"}).context["page"]] != []

    client.force_login(staff)
    page = client.get("/accreditation/manage/", {"year": 2012, "decision": "refused", "status": "x"})
    headers = {"Authorization": f"Bearer {ApiToken.issue(staff)[1]}"}
    api = Client().get("/api/accreditations?year=2012&decision=refused", headers=headers).json()
    assert [a.pk for a in page.context["page"]] == [a["id"] for a in api["items"]] == [refused.pk]
