"""The ECCP profile from the records: composition by kind on site, staff, networks and partner
clusters from the cluster's links, key facts from the last published snapshot only."""

from datetime import date

import pytest

from biocluster.core import formatting
from biocluster.directory.models import Organisation, OrganisationLink
from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.publishing import eccp, services

from .factories import on_site

pytestmark = pytest.mark.django_db


def test_the_profile_counts_the_composition_and_reads_the_links(staff_user, frozen_2024):
    on_site("Start", kind="startup")
    on_site("Big Pharma", kind="large_company")
    on_site("Genome Lab", kind="research_lab")
    on_site("Sequencing platform", kind="platform")
    on_site("The hospital", kind="hospital")
    OrganisationFactory(kind="sme")  # never on the site: not counted
    cluster = OrganisationFactory(name="Genopole", kind="cluster")
    quebec = OrganisationFactory(name="Génome Québec", kind="cluster", country="CA")
    cebr = OrganisationFactory(name="CEBR", kind="network")
    OrganisationLink.objects.create(subject=cluster, kind="partner_of", object=quebec)
    OrganisationLink.objects.create(subject=cluster, kind="member_of", object=cebr)

    profile = eccp.profile("en")
    assert profile["cluster"]["name"] == "Genopole"
    assert profile["date"] == "2026-03-02"  # nothing published: today (the frozen clock)
    assert profile["composition"] == {
        "members": 8,  # Alpha Bio, Beta Gene, Late Cells (SMEs on site since 2024-2025) and the five above
        "smes": 4,
        "startups": 1,
        "large_companies": 1,
        "research_organisations": 2,
        "other_actors": 1,
    }
    assert profile["staff"] == 1
    assert profile["partner_clusters"] == [{"name": "Génome Québec", "country": "CA"}]
    assert profile["networks"] == [{"name": "CEBR", "country": "FR"}]
    assert profile["key_facts"]["year"] is None  # nothing published yet

    services.publish(actor=staff_user, snapshot=frozen_2024)
    assert eccp.profile("en")["key_facts"]["year"] == 2024


def test_the_composition_is_counted_on_the_profiles_date_not_today(staff_user, frozen_2024):
    """The profile of the published year 2024 counts the organisations on the site on 31 December
    2024: one that arrived in 2025, one that left in 2024 and one whose arrival is unknown are not
    counted; one that left in 2025 still is. Asked on another date, the counts follow it."""
    services.publish(actor=staff_user, snapshot=frozen_2024)
    for name, left in (("Gone in 2025", date(2025, 2, 1)), ("Gone in 2024", date(2024, 9, 1))):
        gone = on_site(name, kind="startup")
        Organisation.objects.filter(pk=gone.pk).update(left_site_on=left)
    on_site("Pharma 2025", kind="large_company", year=2025)
    campus_only = OrganisationFactory(name="Unknown arrival", kind="sme", campus=CampusFactory())
    assert campus_only.on_site_since is None

    profile = eccp.profile("en")
    assert profile["date"] == "2024-12-31"  # the published year's end, not today (2 March 2026)
    # Alpha Bio, Beta Gene (SMEs since June 2024) and the start-up gone in 2025.
    assert profile["composition"] == {
        "members": 3,
        "smes": 3,
        "startups": 1,
        "large_companies": 0,
        "research_organisations": 0,
        "other_actors": 0,
    }
    assert formatting.day(date(2024, 12, 31), language="en") in profile["sources"]["composition"]
    # Today: Late Cells (2025) and Pharma 2025 are on site, the start-up gone in 2025 is not.
    today = eccp.profile("en", at=date(2026, 3, 2))["composition"]
    assert (today["members"], today["smes"], today["startups"], today["large_companies"]) == (4, 3, 0, 1)
    assert eccp.profile("fr")["composition"] == profile["composition"]


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
