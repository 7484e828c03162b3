"""The demo's EU projects: the seeds' facts with their source, synthetic filler marked, loaded once."""

import datetime

import pytest
import time_machine

from biocluster.audit.models import AuditEvent
from biocluster.core.demo import DemoContext, demo_email
from biocluster.directory.demo import loader as directory_demo
from biocluster.euprojects import demo, services
from biocluster.euprojects.models import Deliverable, Effort, Milestone, Participant, Project, WorkPackage
from biocluster.euprojects.todo import deliverables_due

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(Project.objects.values_list("acronym", "starts_on", "ends_on")),
        sorted(Participant.objects.values_list("project__acronym", "organisation__name", "role", "budget")),
        sorted(Deliverable.objects.values_list("project__acronym", "number", "due_month", "status")),
        Effort.objects.count(),
        AuditEvent.objects.count(),
    )


def test_gen_era_and_cobioe_with_their_sources_loaded_once():
    with time_machine.travel("2026-11-20 12:00 +0100", tick=False):
        directory_demo.load(DemoContext(verbosity=0))
        context = DemoContext(verbosity=0)
        demo.load(context)
    assert context.counts["EU projects"] == 2
    assert context.counts["consortium partners"] == 8
    genera = Project.objects.get(acronym="GEN.ERA")
    assert (genera.programme, genera.call, genera.starts_on) == (
        "COSME",
        "Cluster Go International",
        datetime.date(2020, 5, 1),
    )
    assert "001_0200059356227e4c.txt" in genera.source and "Tartu BT Park" in genera.source
    assert sorted(
        genera.participants.filter(is_cluster=False).values_list("organisation__name", flat=True)
    ) == [
        "Campania Bioscience",
        "East-Netherlands Development Agency",
        "Tartu BT Park",
        "Turku Science Park",
    ]
    assert genera.participants.get(is_cluster=True).role == "coordinator"
    closing = Milestone.objects.get(project=genera, title="Closing event at Tartu BT Park")
    assert closing.month == 26 and "004_d8d48f5feeb4f35b.txt" in closing.source
    cobioe = Project.objects.get(acronym="COBIOE")
    assert cobioe.signed_on == datetime.date(2022, 12, 27)
    assert cobioe.objectives.count("\n") == 3  # an introduction and its three objectives
    assert sorted(
        cobioe.participants.filter(is_cluster=False).values_list("organisation__name", flat=True)
    ) == [
        "Council of European BioRegions",
        "EIT Health",
        "Health Cluster Portugal",
        "ScanBalt",
    ]
    # What the seeds do not give is synthetic, and said so.
    assert set(WorkPackage.objects.values_list("source", flat=True)) == {"synthetic"}
    assert set(Deliverable.objects.values_list("source", flat=True)) == {"synthetic"}
    assert all("synthetic" in p.source for p in Participant.objects.all())
    assert "synthetic" in cobioe.source
    # The plan shows its checks: one partner declared more than planned.
    assert any("person-months" in warning for warning in services.warnings(genera))
    staff = genera.staff.get()
    assert staff.email == demo_email("staff-international")
    todos = deliverables_due(staff, today=datetime.date(2026, 11, 20))
    assert [todo.title for todo in todos] == ["COBIOE D1.2 — Final report"]
    before = _state()
    with time_machine.travel("2026-12-20 12:00 +0100", tick=False):
        again = DemoContext(verbosity=0)
        demo.load(again)
    assert again.counts == {}
    assert _state() == before
