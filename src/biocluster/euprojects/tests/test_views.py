"""The EU projects' pages: who sees which project, the plan's forms, the review chain's moves,
the deliverables due soon and the home page's to-dos."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from biocluster.euprojects.models import Deliverable, Participant, Project, WorkPackage

from .factories import DeliverableFactory, ParticipantFactory, TaskFactory, consortium

pytestmark = pytest.mark.django_db


def _member_of(organisation, email=None):
    user = UserFactory(**({"email": email} if email else {}))
    AffiliationFactory(person=PersonFactory(user=user), organisation=organisation)
    return user


def test_a_consortium_partner_sees_its_project_not_others(client, member, member_organisation, staff_user):
    ours, *_rest = consortium(acronym="OURS")
    ParticipantFactory(project=ours, organisation=member_organisation)
    theirs, *_rest = consortium(acronym="THEIRS")
    client.force_login(member)
    listed = client.get(reverse("euprojects:project_list")).content.decode()
    assert "OURS" in listed and "THEIRS" not in listed
    assert client.get(reverse("euprojects:project_detail", args=[ours.pk])).status_code == 200
    assert client.get(reverse("euprojects:project_detail", args=[theirs.pk])).status_code == 404
    assert client.get(f"/api/projects/{theirs.pk}").status_code == 404
    client.force_login(staff_user)
    listed = client.get(reverse("euprojects:project_list")).content.decode()
    assert "OURS" in listed and "THEIRS" in listed


def test_the_project_s_page_shows_its_plan_warnings_and_timeline(client, international):
    project, _cluster, (partner,), wp = consortium(staff=[international], acronym="GEN.ERA")
    TaskFactory(work_package=wp, number=1, title="Market analysis", start_month=2, end_month=14)
    DeliverableFactory(work_package=wp, number="D1.1", title="Target markets", due_month=13)
    client.force_login(international)
    page = client.get(reverse("euprojects:project_detail", args=[project.pk])).content.decode()
    assert "<svg" in page and 'aria-label="Timeline of GEN.ERA"' in page
    assert "D1.1 is due in M13, after WP1 ends (M12)." in page
    assert "T1.1 runs M2-M14, outside WP1 (M1-M12)." in page
    assert partner.organisation.name in page


def test_a_project_created_on_its_page_has_the_cluster_in_it(client, international):
    genopole = OrganisationFactory(name="Genopole", kind="cluster")
    client.force_login(international)
    response = client.post(
        reverse("euprojects:project_create"),
        {
            "acronym": "COBIOE",
            "title": "Growing Connection for Bio Ecosystems",
            "programme": "Horizon Europe",
            "starts_on": "2023-01-01",
            "ends_on": "2024-12-31",
            "cluster": genopole.pk,
            "cluster_role": "coordinator",
            "budget": "1000",
            "eu_contribution": "800",
        },
    )
    project = Project.objects.get()
    assert response.url == reverse("euprojects:project_detail", args=[project.pk])
    assert project.participants.get().organisation == genopole
    assert list(project.staff.all()) == [international]


def test_bad_input_shows_the_field_s_error_and_saves_nothing(client, international):
    project, _cluster, (partner,), wp = consortium(staff=[international])
    client.force_login(international)
    response = client.post(
        reverse("euprojects:work_package_create", args=[project.pk]),
        {"number": 2, "title": "Dissemination", "leader": partner.pk, "start_month": 3, "end_month": 30},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The project runs 24 months: M30 is after its end." in page
    assert WorkPackage.objects.filter(project=project).count() == 1
    response = client.post(
        reverse("euprojects:deliverable_create", args=[project.pk]),
        {
            "number": "D1.1",
            "title": "",
            "work_package": wp.pk,
            "due_month": 3,
            "owner": partner.pk,
            "dissemination": "PU",
        },
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Deliverable.objects.exists()


def test_a_partner_moves_its_own_deliverable_and_the_refusals_say_why(client, international):
    project, _cluster, (partner, other), wp = consortium(staff=[international], partners=2)
    author = _member_of(partner.organisation)
    ours = DeliverableFactory(work_package=wp, number="D1.1", owner=partner.organisation)
    theirs = DeliverableFactory(work_package=wp, number="D1.2", owner=other.organisation)
    client.force_login(author)
    page = client.get(reverse("euprojects:project_detail", args=[project.pk])).content.decode()
    assert page.count('class="move-form"') == 1
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        response = client.post(reverse("euprojects:deliverable_move", args=[ours.pk]), {"status": "review"})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.status == "review"
    assert ours.steps.get().moved_on == datetime.date(2026, 3, 12)
    assert (
        client.post(
            reverse("euprojects:deliverable_move", args=[theirs.pk]), {"status": "review"}
        ).status_code
        == 403
    )
    response = client.post(
        reverse("euprojects:deliverable_move", args=[ours.pk]), {"status": "accepted"}, follow=True
    )
    said = [str(message) for message in response.context["messages"]]
    assert said == ["From “In review”, a deliverable goes to draft, final, not to “Accepted”."]


def test_deliverables_due_soon_are_listed_and_on_their_owner_s_home_page(client, international):
    _project, _cluster, (partner,), wp = consortium(
        staff=[international], acronym="SOON", starts_on=datetime.date(2026, 1, 1)
    )
    author = _member_of(partner.organisation)
    DeliverableFactory(
        work_package=wp, number="D1.1", title="Market study", due_month=3, owner=partner.organisation
    )
    DeliverableFactory(
        work_package=wp, number="D1.2", title="Far away", due_month=12, owner=partner.organisation
    )
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        client.force_login(international)
        page = client.get(reverse("euprojects:due")).content.decode()
        assert "Market study" in page and "Far away" not in page
        assert (
            "SOON D1.1 — Market study" not in client.get(reverse("home")).content.decode()
        )  # not the cluster's
        client.force_login(author)
        home = client.get(reverse("home")).content.decode()
        assert "SOON D1.1 — Market study" in home
        assert "Far away" not in home


def test_removing_a_partner_who_owns_deliverables_is_refused_on_the_page(client, international):
    _project, _cluster, (partner,), wp = consortium(staff=[international])
    DeliverableFactory(work_package=wp, owner=partner.organisation)
    client.force_login(international)
    response = client.post(reverse("euprojects:participant_delete", args=[partner.pk]), follow=True)
    assert "owns deliverables" in " ".join(str(m) for m in response.context["messages"])
    assert Participant.objects.filter(pk=partner.pk).exists()


def test_a_row_s_form_offers_its_deletion_through_the_service(client, international):
    from biocluster.audit.models import AuditEvent

    from .factories import MilestoneFactory

    project, _cluster, _partners, _wp = consortium(staff=[international])
    milestone = MilestoneFactory(project=project, number=1)
    client.force_login(international)
    form = client.get(reverse("euprojects:milestone_edit", args=[milestone.pk])).content.decode()
    delete = reverse("euprojects:milestone_delete", args=[milestone.pk])
    assert f'action="{delete}"' in form
    response = client.post(delete)
    assert response.url == reverse("euprojects:project_detail", args=[project.pk]) + "#milestones"
    assert not project.milestones.exists()
    assert AuditEvent.objects.filter(action="euprojects.milestone.deleted").count() == 1


def test_an_organisation_s_staff_summary_names_its_projects(client, staff_user):
    project, _cluster, (partner,), _wp = consortium(acronym="GEN.ERA")
    client.force_login(staff_user)
    page = client.get(
        reverse("directory:organisation_detail", args=[partner.organisation_id])
    ).content.decode()
    assert "GEN.ERA, partner" in page
    assert reverse("euprojects:project_detail", args=[project.pk]) in page


def test_my_eu_projects_is_in_a_partners_account_menu_at_no_query_of_its_own(
    client, member, member_organisation
):
    """The entry asks "is any of my organisations a partner?" on every signed-in page: the
    directory answers it with the affiliations it reads anyway, in the same query."""
    client.force_login(member)
    client.get("/directory/")  # caches filled once per process
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/directory/").content.decode()
    assert "My EU projects" not in page
    assert not [q for q in queries if "euprojects_participant" in q["sql"] and "affiliation" not in q["sql"]]

    ParticipantFactory(organisation=member_organisation)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/directory/").content.decode()
    assert "My EU projects" in page
    assert not [q for q in queries if "euprojects_participant" in q["sql"] and "affiliation" not in q["sql"]]
