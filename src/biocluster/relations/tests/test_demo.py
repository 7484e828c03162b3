"""The demo gives the Entreprises staff login a few synthetic interactions and follow-ups, once."""

import datetime

import pytest
import time_machine

from biocluster.audit.models import AuditEvent
from biocluster.core.demo import DemoContext, demo_email
from biocluster.directory.demo import loader as directory_demo
from biocluster.relations import demo, services
from biocluster.relations.models import Interaction, Segment, Task

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(Interaction.objects.values_list("organisation__name", "kind", "happened_on", "source")),
        sorted(Task.objects.values_list("title", "due_on", "owner__email", "source")),
        Segment.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_demo_s_relations_are_synthetic_and_load_once():
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        directory_demo.load(DemoContext(verbosity=0))
        context = DemoContext(verbosity=0)
        demo.load(context)
    assert context.counts == {"interactions": 4, "follow-up tasks": 4, "segments": 1}
    assert set(Interaction.objects.values_list("source", flat=True)) == {"synthetic"}
    assert set(Task.objects.values_list("source", flat=True)) == {"synthetic"}
    assert all(interaction.people.exists() for interaction in Interaction.objects.all())
    staff = Task.objects.first().owner
    assert staff.email == demo_email("staff-entreprises")
    overdue = [overdue for _task, overdue in services.open_tasks_of(staff, today=datetime.date(2026, 3, 12))]
    assert overdue == [True, False, False, False]
    before = _state()
    with time_machine.travel("2026-03-20 12:00 +0100", tick=False):
        again = DemoContext(verbosity=0)
        demo.load(again)
    assert again.counts == {}
    assert _state() == before
