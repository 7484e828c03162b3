"""The directory list at scale: the count and the facets depend on the filters, not on the page.

They are cached without `page` (per audience, language and directory version),
so turning pages computes neither again; a change of the directory makes them
stale at once, like the result pages.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biocluster.directory.models import Organisation, TechnologyField
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.directory.views import organisations as views

pytestmark = pytest.mark.django_db


@pytest.fixture
def facet_calls(monkeypatch):
    calls = []
    real = views.facets

    def counted(queryset):
        calls.append(queryset)
        return real(queryset)

    monkeypatch.setattr(views, "facets", counted)
    return calls


def _counts(captured) -> int:
    return sum("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def test_turning_pages_computes_neither_count_nor_facets_again(client, facet_calls):
    OrganisationFactory.create_batch(30, kind="startup")
    OrganisationFactory.create_batch(3, kind="sme")
    first = client.get("/directory/").content.decode()
    assert "33 organisations" in first
    assert len(facet_calls) == 1
    with CaptureQueriesContext(connection) as second:
        page = client.get("/directory/", {"page": 2}).content.decode()
    assert _counts(second) == 0
    assert len(facet_calls) == 1
    assert "33 organisations" in page and "Page 2 of 2" in page
    assert 'class="facet-count">30<' in page  # the facets came from the cache, still shown
    # The same page again is the cached fragment: no query for the results either.
    with CaptureQueriesContext(connection) as again:
        client.get("/directory/", {"page": 2})
    assert not [q for q in again.captured_queries if "directory_organisation" in q["sql"]]


def test_each_filter_has_its_own_count_and_facets(client, facet_calls):
    OrganisationFactory.create_batch(27, kind="startup")
    OrganisationFactory.create_batch(2, kind="sme")
    client.get("/directory/")
    smes = client.get("/directory/", {"kind": "sme"}).content.decode()
    assert "2 organisations" in smes
    assert len(facet_calls) == 2
    page = client.get("/directory/", {"kind": "startup", "page": 2}).content.decode()
    assert "27 organisations" in page and "Page 2 of 2" in page
    client.get("/directory/", {"kind": "startup"})
    assert len(facet_calls) == 3


def test_a_change_makes_count_and_facets_stale_on_every_page(client, facet_calls, staff_user):
    from biocluster.directory import services

    OrganisationFactory.create_batch(26, kind="startup")
    assert "26 organisations" in client.get("/directory/", {"page": 2}).content.decode()
    assert len(facet_calls) == 1
    created = services.create_organisation(actor=staff_user, name="Newcomer Bio", kind="sme")
    page = client.get("/directory/", {"page": 2}).content.decode()
    assert "27 organisations" in page
    assert len(facet_calls) == 2
    assert 'value="sme"' in page
    created.technology_fields.add(TechnologyField.objects.get(code="biofoundry"))  # an m2m change bumps too
    client.get("/directory/", {"page": 2})
    assert len(facet_calls) == 3


def test_members_share_what_they_compute_with_the_people_of_their_organisations_only(
    client, member, member_organisation, organisation_administrator, facet_calls
):
    """A member sees their own unlisted organisation: they share the counts and pages with the
    people of the same organisations holding the same rights there, never with the public."""
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.directory.tests.factories import AffiliationFactory, PersonFactory

    OrganisationFactory.create_batch(26)
    colleague, outsider = (
        UserFactory(email="colleague@example.org"),
        UserFactory(email="outsider@example.org"),
    )
    AffiliationFactory(person=PersonFactory(user=colleague), organisation=member_organisation)
    AffiliationFactory(person=PersonFactory(user=outsider), organisation=OrganisationFactory(is_listed=False))
    client.force_login(member)
    first = client.get("/directory/", {"page": 2}).content.decode()
    client.get("/directory/", {"page": 1})
    assert "Member Bio" in client.get("/directory/", {"q": "Member"}).content.decode()
    assert "27 organisations" in first  # their own unlisted organisation counts for them
    assert len(facet_calls) == 2  # the filters changed once
    client.force_login(colleague)
    assert "27 organisations" in client.get("/directory/", {"page": 2}).content.decode()
    assert len(facet_calls) == 2  # what the member computed
    client.force_login(organisation_administrator)  # the same organisation, administering it
    assert "27 organisations" in client.get("/directory/", {"page": 2}).content.decode()
    assert len(facet_calls) == 3
    client.force_login(outsider)
    page = client.get("/directory/", {"q": "Member"}).content.decode()
    assert "Member Bio" not in page and len(facet_calls) == 4
    client.logout()
    assert "26 organisations" in client.get("/directory/", {"page": 2}).content.decode()


def test_the_rendered_fragments_live_in_process_memory_keyed_by_the_shared_version(client, facet_calls):
    """Read from this process's memory; a new process finds them in the shared cache; another
    process's change raises the shared version: every process's copies are stale."""
    from django.core.cache import caches

    from biocluster.directory import caching

    OrganisationFactory.create_batch(3, kind="startup")
    client.get("/directory/")
    assert len(facet_calls) == 1
    shared, local = caches["default"], caches["local"]
    assert [key for key in local._cache if ":directory:facets:" in key]
    with CaptureQueriesContext(connection) as again:
        client.get("/directory/")
    assert len(facet_calls) == 1
    local.clear()  # as in a new process
    client.get("/directory/")
    assert len(facet_calls) == 1  # found in the shared cache
    shared.incr(caching.KEY)  # as another process does after a change; this one's memory is untouched
    client.get("/directory/")
    assert len(facet_calls) == 2
    assert not [q for q in again.captured_queries if "directory_organisation" in q["sql"]]


DATABASE_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "biocluster_cache"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-version"},
}


def test_the_version_outlives_the_default_timeout_on_the_database_cache(settings):
    """`incr` on the database cache sets the value again with the default timeout (five
    minutes): the version must not expire and fall back to a number already used."""
    import time_machine
    from django.core.cache import caches

    from biocluster.directory import caching

    settings.CACHES = DATABASE_CACHES
    caches["default"].clear()
    with time_machine.travel("2026-03-02 10:00 +0000", tick=False) as traveller:
        caching.bump()
        first = caching.version()
        caching.bump()
        assert caching.version() == first + 1
        traveller.shift(3600)
        assert caching.version() == first + 1


def test_a_page_kept_in_a_process_is_not_served_again_after_the_shared_cache_is_emptied(client):
    """The version starts again when the shared cache is emptied (a Redis restart): from a
    random number, not from 1, under which this process still keeps the pages it rendered."""
    from django.core.cache import caches

    organisation = OrganisationFactory(name="Before Biologics")
    caches["default"].clear()  # the version starts again, with the page below
    assert "Before Biologics" in client.get("/directory/").content.decode()
    Organisation.objects.filter(pk=organisation.pk).update(name="After Biologics")  # no signal: no bump
    caches["default"].clear()
    page = client.get("/directory/").content.decode()
    assert "After Biologics" in page and "Before Biologics" not in page


def test_an_anonymous_visitor_gets_the_whole_page_from_the_cache_with_their_own_csrf_token(
    client, member, facet_calls
):
    import re

    from django.middleware.csrf import _unmask_cipher_token
    from django.test import Client

    from biocluster.directory.views.organisations import CSRF_PLACEHOLDER

    OrganisationFactory.create_batch(3, kind="startup")
    first = client.get("/directory/", {"page": 1})
    again = client.get("/directory/", {"page": 1})
    assert first.templates and not again.templates  # the second one rendered no template
    other = Client().get("/directory/", {"page": 1})
    for response, visitor in ((again, client), (other, None)):
        page = response.content.decode()
        assert CSRF_PLACEHOLDER not in page and "3 organisations" in page
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
        secret = response.cookies["csrftoken"].value if visitor is None else client.cookies["csrftoken"].value
        assert tokens and {_unmask_cipher_token(t) for t in tokens} == {secret}
    client.force_login(member)
    assert member.email in client.get("/directory/", {"page": 1}).content.decode()  # never the anonymous page
