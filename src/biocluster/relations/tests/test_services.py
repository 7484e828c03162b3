"""The rules of the staff's relations, and their audit trail."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from biocluster.accounts.tests.factories import UserFactory
from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from biocluster.relations import services
from biocluster.relations.models import Interaction, Task

from .factories import InteractionFactory, TaskFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 12)
NOON = "2026-03-12 12:00 +0100"


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def _actions(obj, pk=None) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(pk or obj.pk), action__startswith="relations.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_an_interaction_is_logged_with_its_people_and_author_and_audited(clock, staff_user):
    organisation = OrganisationFactory(name="Cellia")
    ours = AffiliationFactory(organisation=organisation).person
    elsewhere = PersonFactory(last_name="Dupré")
    interaction = services.log_interaction(
        actor=staff_user,
        organisation=organisation,
        kind="meeting",
        happened_on=TODAY,
        people=[ours, elsewhere],
        notes="  Needs a lab of 50 m².  ",
    )
    assert interaction.author == staff_user
    assert interaction.notes == "Needs a lab of 50 m²."
    assert set(interaction.people.all()) == {ours, elsewhere}
    event = AuditEvent.objects.get(action="relations.interaction.logged")
    assert event.actor == staff_user
    assert sorted(event.changes["people"][1]) == sorted([str(ours), str(elsewhere)])


def test_an_interaction_is_logged_once_it_happened(clock, staff_user):
    with pytest.raises(ValidationError) as error:
        services.log_interaction(
            actor=staff_user,
            organisation=OrganisationFactory(),
            kind="visit",
            happened_on=TODAY + datetime.timedelta(days=1),
        )
    assert "happened_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.log_interaction(
            actor=staff_user, organisation=OrganisationFactory(), kind="lunch", happened_on=TODAY
        )
    assert "kind" in error.value.message_dict
    assert not Interaction.objects.exists()


def test_changing_and_deleting_an_interaction_are_audited_and_its_tasks_stay(clock, staff_user):
    interaction = InteractionFactory(happened_on=TODAY)
    person = PersonFactory()
    services.update_interaction(
        actor=staff_user, interaction=interaction, kind="call", people=[person], notes="Called back."
    )
    interaction.refresh_from_db()
    assert (interaction.kind, list(interaction.people.all())) == ("call", [person])
    event = AuditEvent.objects.get(action="relations.interaction.updated")
    assert event.changes["kind"] == ["meeting", "call"]
    with pytest.raises(ValidationError):
        services.update_interaction(
            actor=staff_user, interaction=interaction, organisation=OrganisationFactory()
        )
    task = TaskFactory(organisation=interaction.organisation, interaction=interaction, owner=staff_user)
    pk = interaction.pk
    services.delete_interaction(actor=staff_user, interaction=interaction)
    task.refresh_from_db()
    assert task.interaction is None
    assert _actions(interaction, pk) == [
        "relations.interaction.updated",
        "relations.interaction.deleted",
    ]


def test_a_task_is_owned_by_staff_and_follows_an_interaction_of_its_organisation(clock, staff_user):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.add_task(
            actor=staff_user, organisation=organisation, title="Call back", due_on=TODAY, owner=UserFactory()
        )
    assert "owner" in error.value.message_dict
    elsewhere = InteractionFactory()
    with pytest.raises(ValidationError) as error:
        services.add_task(
            actor=staff_user,
            organisation=organisation,
            title="Call back",
            due_on=TODAY,
            owner=staff_user,
            interaction=elsewhere,
        )
    assert "interaction" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_task(
            actor=staff_user, organisation=organisation, title=" ", due_on=TODAY, owner=staff_user
        )
    assert "title" in error.value.message_dict
    assert not Task.objects.exists()


def test_done_and_undone_say_who_and_when(clock, staff_user, other_staff):
    task = services.add_task(
        actor=staff_user,
        organisation=OrganisationFactory(),
        title="Send the lease offer",
        due_on=TODAY,
        owner=other_staff,
    )
    services.complete_task(actor=other_staff, task=task)
    task.refresh_from_db()
    assert task.done_by == other_staff
    assert task.done_at.isoformat() == "2026-03-12T11:00:00+00:00"
    with pytest.raises(ValidationError):
        services.complete_task(actor=other_staff, task=task)
    services.reopen_task(actor=staff_user, task=task)
    task.refresh_from_db()
    assert (task.done_at, task.done_by) == (None, None)
    with pytest.raises(ValidationError):
        services.reopen_task(actor=staff_user, task=task)
    assert _actions(task) == ["relations.task.created", "relations.task.completed", "relations.task.reopened"]


def test_a_task_is_overdue_the_day_after_its_due_date(staff_user):
    due = TaskFactory(owner=staff_user, due_on=TODAY, title="Due today")
    late = TaskFactory(owner=staff_user, due_on=TODAY - datetime.timedelta(days=1), title="Due yesterday")
    TaskFactory(owner=staff_user, due_on=TODAY - datetime.timedelta(days=5), done_at="2026-03-01T10:00Z")
    TaskFactory(due_on=TODAY)  # someone else's
    assert services.open_tasks_of(staff_user, today=TODAY) == [(late, True), (due, False)]
    assert services.open_tasks_of(staff_user, today=TODAY + datetime.timedelta(days=1)) == [
        (late, True),
        (due, True),
    ]
    assert services.open_tasks_of(UserFactory(), today=TODAY) == []


def test_a_segment_keeps_the_directory_s_filters_without_the_page(staff_user):
    segment = services.save_segment(
        actor=staff_user,
        name=" Start-ups in therapy ",
        query="kind=startup&kind=sme&q=&page=3&field=gene-therapy",
    )
    assert segment.name == "Start-ups in therapy"
    assert segment.query == "kind=startup&kind=sme&field=gene-therapy"
    assert segment.owner == staff_user
    assert _actions(segment) == ["relations.segment.saved"]
    for query, field in (("kind=spaceship", "query"), ("colour=blue", "query")):
        with pytest.raises(ValidationError) as error:
            services.save_segment(actor=staff_user, name="Wrong", query=query)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.save_segment(actor=staff_user, name="", query="")
    assert "name" in error.value.message_dict
