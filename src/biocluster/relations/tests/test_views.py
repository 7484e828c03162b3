"""The staff's relations on the organisation's page, the home page's to-do list and the segments' pages."""

import pytest
import time_machine
from django.urls import reverse

from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from biocluster.relations.models import Interaction, Segment, Task

from .factories import InteractionFactory, SegmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _page(client, organisation) -> str:
    return client.get(reverse("directory:organisation_detail", args=[organisation.pk])).content.decode()


def test_staff_read_the_interactions_newest_first_on_the_organisation_s_page(client, staff_user, member):
    organisation = OrganisationFactory(name="Cellia")
    InteractionFactory(organisation=organisation, happened_on="2026-01-05", notes="First contact by phone.")
    InteractionFactory(organisation=organisation, happened_on="2026-02-10", notes="Visit of the incubator.")
    TaskFactory(organisation=organisation, owner=staff_user, title="Send the lease offer")
    client.force_login(staff_user)
    page = _page(client, organisation)
    assert 'id="relations"' in page
    assert page.index("Visit of the incubator.") < page.index("First contact by phone.")
    assert "Send the lease offer" in page
    client.force_login(member)
    page = _page(client, organisation)
    assert 'id="relations"' not in page
    assert "Visit of the incubator." not in page
    client.logout()
    assert "Visit of the incubator." not in _page(client, organisation)


def test_an_interaction_logged_through_htmx_redraws_the_section(client, staff_user):
    organisation = OrganisationFactory()
    person = AffiliationFactory(organisation=organisation).person
    other = PersonFactory(email="Zoé.Lefèvre@example.org")
    client.force_login(staff_user)
    url = reverse("relations:interaction_create", args=[organisation.pk])
    form = client.get(url, **HTMX).content.decode()
    assert "<html" not in form and str(person) in form
    response = client.post(
        url,
        {
            "kind": "meeting",
            "happened_on": "2020-03-04",
            "people": [person.pk],
            "others": [other.pk],
            "notes": "Wants a lab.",
        },
        **HTMX,
    )
    assert response["HX-Retarget"] == "#relations"
    assert "Wants a lab." in response.content.decode()
    interaction = Interaction.objects.get()
    assert (interaction.author, set(interaction.people.all())) == (staff_user, {person, other})


def test_a_refused_interaction_shows_the_form_with_the_error(client, staff_user):
    organisation = OrganisationFactory()
    client.force_login(staff_user)
    url = reverse("relations:interaction_create", args=[organisation.pk])
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        response = client.post(url, {"kind": "call", "happened_on": "2026-03-11", "others": [999999]}, **HTMX)
    page = response.content.decode()
    assert "HX-Retarget" not in response
    assert "Select a valid choice. 999999 is not one of the available choices." in page
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        response = client.post(url, {"kind": "call", "happened_on": "2026-03-13"}, **HTMX)
    assert "cannot be in the future" in response.content.decode()
    assert not Interaction.objects.exists()


def test_a_follow_up_is_added_marked_done_and_its_owner_sees_it_at_home(client, staff_user, other_staff):
    organisation = OrganisationFactory(name="Genethon Labs")
    client.force_login(staff_user)
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        client.post(
            reverse("relations:task_create", args=[organisation.pk]),
            {"title": "Send the brochure", "due_on": "2026-03-11", "owner": other_staff.pk},
        )
        task = Task.objects.get()
        assert "Send the brochure" not in client.get(reverse("home")).content.decode()
        client.force_login(other_staff)
        home = client.get(reverse("home")).content.decode()
        assert "Send the brochure — Genethon Labs" in home
        assert "overdue" in home
        response = client.post(reverse("relations:task_done", args=[task.pk]))
        assert response.status_code == 302
        task.refresh_from_db()
        assert task.done_by == other_staff
        assert "Send the brochure" not in client.get(reverse("home")).content.decode()


def test_save_as_segment_is_offered_to_staff_with_the_list_s_filters(client, staff_user, member):
    client.force_login(member)
    assert (
        reverse("relations:segment_create")
        not in client.get(reverse("directory:organisation_list")).content.decode()
    )
    client.force_login(staff_user)
    page = client.get(reverse("directory:organisation_list") + "?kind=startup&page=2").content.decode()
    assert f'href="{reverse("relations:segment_create")}?kind=startup&amp;page=2"' in page
    form = client.get(reverse("relations:segment_create") + "?kind=startup&page=2").content.decode()
    assert 'value="kind=startup"' in form
    response = client.post(
        reverse("relations:segment_create"), {"name": "Start-ups", "query": "kind=startup"}
    )
    segment = Segment.objects.get()
    assert response.url == reverse("relations:segment_detail", args=[segment.pk])
    assert segment.owner == staff_user


def test_a_segment_s_page_counts_before_exporting(client, staff_user):
    startup = OrganisationFactory(kind="startup")
    AffiliationFactory(organisation=startup, person=PersonFactory(contact_consent=True))
    AffiliationFactory(organisation=startup, person=PersonFactory(contact_consent=False))
    AffiliationFactory(
        organisation=OrganisationFactory(kind="sme"), person=PersonFactory(contact_consent=True)
    )
    segment = SegmentFactory(owner=staff_user, query="kind=startup")
    client.force_login(staff_user)
    page = client.get(reverse("relations:segment_detail", args=[segment.pk])).content.decode()
    assert "1 organisation." in page
    assert "1 contact consented and has an e-mail address." in page
    assert "1 person did not consent and is left out." in page
    assert "Export 1 contact (CSV)" in page
    assert f'href="{reverse("directory:organisation_list")}?kind=startup"' in page


def test_the_task_form_offers_staff_only_as_owners(client, staff_user, other_staff, member):
    client.force_login(staff_user)
    form = client.get(reverse("relations:task_create", args=[OrganisationFactory().pk])).content.decode()
    assert "Élodie Marchand" in form
    assert "member@example.org" not in form


def test_a_task_done_twice_says_so_and_nothing_else(client, staff_user):
    task = TaskFactory(owner=staff_user, done_at="2026-03-01T10:00Z")
    client.force_login(staff_user)
    response = client.post(reverse("relations:task_done", args=[task.pk]), follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert said == ["This task is already done."]
