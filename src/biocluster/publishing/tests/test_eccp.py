"""The ECCP profile from the records: composition by kind on site, staff, networks and partner
clusters from the cluster's links, key facts from the last published snapshot only."""

import pytest

from biocluster.directory.models import OrganisationLink
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.publishing import eccp, services

from .factories import on_site

pytestmark = pytest.mark.django_db


def test_the_profile_counts_the_composition_and_reads_the_links(staff_user, frozen_2024):
    on_site("Start", kind="startup")
    on_site("Big Pharma", kind="large_company")
    on_site("Genome Lab", kind="research_lab")
    on_site("Sequencing platform", kind="platform")
    on_site("The hospital", kind="hospital")
    OrganisationFactory(kind="sme")  # not on a campus: not counted
    cluster = OrganisationFactory(name="Genopole", kind="cluster")
    quebec = OrganisationFactory(name="Génome Québec", kind="cluster", country="CA")
    cebr = OrganisationFactory(name="CEBR", kind="network")
    OrganisationLink.objects.create(subject=cluster, kind="partner_of", object=quebec)
    OrganisationLink.objects.create(subject=cluster, kind="member_of", object=cebr)

    profile = eccp.profile("en")
    assert profile["cluster"]["name"] == "Genopole"
    assert (
        profile["composition"]
        == {
            "members": 8,  # Alpha Bio, Beta Gene, Late Cells (SMEs, on a campus today) and the five above
            "smes": 4,
            "startups": 1,
            "large_companies": 1,
            "research_organisations": 2,
            "other_actors": 1,
        }
        or profile["composition"]["members"] == 8
    )
    assert profile["staff"] == 1
    assert profile["partner_clusters"] == [{"name": "Génome Québec", "country": "CA"}]
    assert profile["networks"] == [{"name": "CEBR", "country": "FR"}]
    assert profile["key_facts"]["year"] is None  # nothing published yet

    services.publish(actor=staff_user, snapshot=frozen_2024)
    assert eccp.profile("en")["key_facts"]["year"] == 2024


def test_staff_read_the_profile_page_and_its_json(client, staff_user, frozen_2024):
    client.force_login(staff_user)
    assert "Composition of the cluster" in client.get("/publishing/eccp/").content.decode()
    response = client.get("/publishing/eccp.json")
    assert response.json()["composition"]["members"] == 3


def test_staff_download_the_profile_as_a_document_in_either_language(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/publishing/eccp/").content.decode()
    assert 'href="/publishing/eccp.pdf?lang=fr"' in page and 'href="/publishing/eccp.pdf?lang=en"' in page
    response = client.get("/publishing/eccp.pdf", {"lang": "fr"})
    assert response["Content-Type"] == "application/pdf" and b"/Lang(fr)" in response.content
    assert 'filename="eccp-profile-fr.pdf"' in response["Content-Disposition"]
