"""The rules of the EU projects' services: the plan's checks, the review chain, refusals."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from biocluster.accounts.tests.factories import UserFactory
from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from biocluster.euprojects import services
from biocluster.euprojects.models import Deliverable, Participant, Project, WorkPackage

from .factories import (
    DeliverableFactory,
    EffortFactory,
    PeriodFactory,
    TaskFactory,
    WorkPackageFactory,
    consortium,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 12)


@pytest.fixture
def clock():
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False) as traveller:
        yield traveller


def _member_of(organisation):
    user = UserFactory()
    AffiliationFactory(person=PersonFactory(user=user), organisation=organisation)
    return user


def test_a_project_is_created_with_the_cluster_in_its_consortium(international):
    genopole = OrganisationFactory(name="Genopole", kind="cluster")
    project = services.create_project(
        actor=international,
        acronym=" GEN.ERA ",
        title="diGital gENomic Alliance",
        programme="COSME",
        call="Cluster Go International",
        starts_on=datetime.date(2020, 5, 1),
        ends_on=datetime.date(2022, 6, 14),
        cluster=genopole,
        cluster_role="coordinator",
        budget=Decimal("100000"),
        eu_contribution=Decimal("75000"),
    )
    assert project.acronym == "GEN.ERA"
    assert project.months == 26
    cluster = project.participants.get()
    assert (cluster.organisation, cluster.role, cluster.is_cluster) == (genopole, "coordinator", True)
    assert list(project.staff.all()) == [international]
    actions = list(
        AuditEvent.objects.filter(action__startswith="euprojects.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["euprojects.project.created", "euprojects.participant.added"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"acronym": ""}, "acronym"),
        ({"ends_on": datetime.date(2019, 1, 1)}, "ends_on"),
        ({"cluster_role": "sponsor"}, "cluster_role"),
        ({"eu_contribution": Decimal("200")}, "eu_contribution"),
        ({"budget": Decimal("-1")}, "budget"),
        ({"staff": ["not a user"]}, "staff"),
    ],
)
def test_bad_input_is_refused_with_its_field_and_nothing_is_saved(international, changes, field):
    arguments = {
        "actor": international,
        "acronym": "COBIOE",
        "title": "Growing Connection for Bio Ecosystems",
        "programme": "Horizon Europe",
        "starts_on": datetime.date(2023, 1, 1),
        "ends_on": datetime.date(2024, 12, 31),
        "cluster": OrganisationFactory(),
        "cluster_role": "coordinator",
        "budget": Decimal("100"),
        "eu_contribution": Decimal("100"),
    } | changes
    if field == "staff":
        arguments["staff"] = [UserFactory()]  # not cluster staff
    with pytest.raises(ValidationError) as error:
        services.create_project(**arguments)
    assert field in error.value.message_dict
    assert not Project.objects.exists()
    assert not Participant.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="euprojects.").exists()


def test_months_outside_the_project_and_duplicates_are_refused(international):
    project, _cluster, (partner,), wp = consortium(staff=[international])
    leader = partner.organisation
    for start, end, field in ((0, 3, "start_month"), (3, 25, "end_month"), (6, 5, "end_month")):
        with pytest.raises(ValidationError) as error:
            services.add_work_package(
                actor=international,
                project=project,
                number=2,
                title="Dissemination",
                leader=leader,
                start_month=start,
                end_month=end,
            )
        assert field in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_work_package(
            actor=international,
            project=project,
            number=1,
            title="Again",
            leader=leader,
            start_month=1,
            end_month=2,
        )
    assert "number" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_deliverable(
            actor=international,
            project=project,
            work_package=wp,
            number="D1.1",
            title="Study",
            due_month=3,
            owner=OrganisationFactory(),  # not in the consortium
        )
    assert "owner" in error.value.message_dict
    assert WorkPackage.objects.count() == 1
    assert not Deliverable.objects.exists()
    # A shorter project would leave the plan's M12 behind.
    with pytest.raises(ValidationError) as error:
        services.update_project(actor=international, project=project, ends_on=datetime.date(2026, 6, 30))
    assert "ends_on" in error.value.message_dict


def test_each_plan_check_shows_as_a_warning(international):
    project, _cluster, (partner,), wp = consortium(staff=[international])
    assert services.warnings(project) == []
    DeliverableFactory(work_package=wp, number="D1.9", due_month=14)
    TaskFactory(work_package=wp, number=3, start_month=10, end_month=15)
    period = PeriodFactory(project=project, number=1, start_month=1, end_month=12)
    EffortFactory(participant=partner, period=period, planned=Decimal("6"), declared=Decimal("7.5"))
    WorkPackageFactory(project=project, number=2, leader=OrganisationFactory(name="Outsider"))
    assert services.warnings(project) == [
        "D1.9 is due in M14, after WP1 ends (M12).",
        "T1.3 runs M10-M15, outside WP1 (M1-M12).",
        f"{partner.organisation.name} declared 7.5 person-months in RP1, above the 6 planned.",
        "WP2 is led by an organisation that is not in the consortium.",
    ]


def test_the_review_chain_keeps_each_step_with_its_date_and_who(clock, international):
    project, _cluster, (partner,), wp = consortium(staff=[international])
    author = _member_of(partner.organisation)
    deliverable = services.add_deliverable(
        actor=author,
        project=project,
        work_package=wp,
        number="D1.1",
        title="Market study",
        due_month=6,
        owner=partner.organisation,
        on=datetime.date(2026, 3, 1),
    )
    services.move_deliverable(
        actor=author, deliverable=deliverable, status="review", on=datetime.date(2026, 3, 2)
    )
    services.move_deliverable(
        actor=international, deliverable=deliverable, status="final", on=datetime.date(2026, 3, 5)
    )
    services.move_deliverable(actor=international, deliverable=deliverable, status="submitted")
    deliverable.refresh_from_db()
    assert deliverable.status == "submitted"
    steps = [(s.status, s.moved_on, s.moved_by) for s in deliverable.steps.all()]
    assert steps == [
        ("draft", datetime.date(2026, 3, 1), author),
        ("review", datetime.date(2026, 3, 2), author),
        ("final", datetime.date(2026, 3, 5), international),
        ("submitted", TODAY, international),
    ]
    moves = AuditEvent.objects.filter(action="euprojects.deliverable.moved").order_by("id")
    assert [event.changes["status"] for event in moves] == [
        ["draft", "review"],
        ["review", "final"],
        ["final", "submitted"],
    ]


def test_refused_moves_say_why(clock, international):
    project, _cluster, (partner,), wp = consortium(staff=[international])
    author = _member_of(partner.organisation)
    deliverable = services.add_deliverable(
        actor=author,
        project=project,
        work_package=wp,
        number="D1.1",
        title="Study",
        due_month=6,
        owner=partner.organisation,
        on=datetime.date(2026, 3, 3),
    )

    def refused(actor, status, field, **more):
        with pytest.raises(ValidationError) as error:
            services.move_deliverable(actor=actor, deliverable=deliverable, status=status, **more)
        return " ".join(error.value.message_dict[field])

    assert (
        refused(author, "accepted", "status")
        == "From “Draft”, a deliverable goes to in review, not to “Accepted”."
    )
    assert "cannot be in the future" in refused(
        author, "review", "moved_on", on=TODAY + datetime.timedelta(days=1)
    )
    assert "2026-03-03" in refused(author, "review", "moved_on", on=datetime.date(2026, 3, 2))
    services.move_deliverable(actor=author, deliverable=deliverable, status="review")
    assert "Say why" in refused(international, "draft", "note")
    services.move_deliverable(actor=author, deliverable=deliverable, status="final")
    # The partner wrote it; submitting to the funder is the coordinator's.
    assert "coordinator" in refused(author, "submitted", "status")
    deliverable.refresh_from_db()
    assert deliverable.status == "final"
    assert [s.status for s in deliverable.steps.all()] == ["draft", "review", "final"]


def test_effort_is_recorded_once_per_partner_and_period(international):
    project, _cluster, (partner,), _wp = consortium(staff=[international])
    period = PeriodFactory(project=project)
    services.record_effort(actor=international, participant=partner, period=period, planned=Decimal("6"))
    services.record_effort(
        actor=international, participant=partner, period=period, planned=Decimal("6"), declared=Decimal("5.5")
    )
    effort = partner.efforts.get()
    assert (effort.planned, effort.declared) == (Decimal("6.00"), Decimal("5.50"))
    with pytest.raises(ValidationError) as error:
        services.record_effort(actor=international, participant=partner, period=period, planned="lots")
    assert "planned" in error.value.message_dict
    other = PeriodFactory(project=consortium()[0])
    with pytest.raises(ValidationError) as error:
        services.record_effort(actor=international, participant=partner, period=other, planned=1)
    assert "period" in error.value.message_dict


def test_the_cluster_stays_and_an_owner_of_deliverables_too(international):
    project, cluster, (partner,), wp = consortium(staff=[international])
    DeliverableFactory(work_package=wp, owner=partner.organisation)
    for participant in (cluster, partner):
        with pytest.raises(ValidationError):
            services.remove_participant(actor=international, participant=participant)
    assert project.participants.count() == 2


def test_deliverables_due_within_sixty_days_across_the_projects_one_sees(
    international, member, member_organisation
):
    _project, _cluster, (partner,), wp = consortium(starts_on=datetime.date(2026, 1, 1))
    ours, _c, _p, our_wp = consortium(starts_on=datetime.date(2026, 1, 1))
    ParticipantFactory = type(partner)
    ParticipantFactory.objects.create(project=ours, organisation=member_organisation)
    soon = DeliverableFactory(work_package=wp, number="D1.1", due_month=4)  # due 30 April
    DeliverableFactory(work_package=wp, number="D1.2", due_month=6)  # 30 June: beyond 60 days
    DeliverableFactory(work_package=wp, number="D1.3", due_month=4, status="submitted")
    mine = DeliverableFactory(work_package=our_wp, number="D1.1", due_month=3)  # 31 March
    due = services.due_deliverables(international, today=TODAY)
    assert [(d, day) for d, day in due] == [
        (mine, datetime.date(2026, 3, 31)),
        (soon, datetime.date(2026, 4, 30)),
    ]
    assert [d for d, _day in services.due_deliverables(member, today=TODAY)] == [mine]
