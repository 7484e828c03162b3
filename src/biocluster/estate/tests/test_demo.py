"""The demo's estate: the seeds' facts with their source, synthetic agreements, loaded once."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum

from biocluster.audit.models import AuditEvent
from biocluster.core.demo import DemoContext
from biocluster.directory.demo import loader as directory_demo
from biocluster.estate import demo
from biocluster.estate.models import Agreement, Building, Move, SpaceRequest, Unit, UnitStatus, Visit
from biocluster.estate.occupancy import occupancy

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(Unit.objects.values_list("building__name", "code", "area", "source")),
        sorted(Agreement.objects.values_list("organisation__name", "start", "end", "kind", "source")),
        UnitStatus.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_demo_estate_carries_its_sources_and_loads_once():
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        directory_demo.load(DemoContext(verbosity=0))
        context = DemoContext(verbosity=0)
        demo.load(context)
    cithera = Unit.objects.filter(building__name="CiTHERA")
    assert cithera.aggregate(area=Sum("area"))["area"] == Decimal("1200")
    assert cithera.get(kind="clean_room").area == Decimal("350")
    assert all("seeds/002" in unit.source for unit in cithera)
    assert Unit.objects.get(code="ARTTG-1").area == Decimal("650")
    assert Unit.objects.get(kind="auditorium").capacity == 700
    assert Building.objects.get(name="New building").units.aggregate(area=Sum("area"))["area"] == Decimal(
        "37000"
    )
    incubator = Unit.objects.filter(building__name="Incubator", kind__in=("bsl1_lab", "bsl2_lab"))
    assert {unit.area for unit in incubator} >= {Decimal("9"), Decimal("100")}
    assert all(unit.source for unit in Unit.objects.all())
    assert context.counts["agreements"] > 5
    assert set(Agreement.objects.values_list("source", flat=True)) == {"synthetic"}
    for year in (2019, 2022, 2025):
        assert 0 < occupancy(datetime.date(year, 6, 1)).rate < 100
    assert set(SpaceRequest.objects.values_list("status", flat=True)) == {"open", "offered", "signed", "lost"}
    assert SpaceRequest.objects.filter(prospect__contains="soft landing").exists()
    assert Visit.objects.exists() and Move.objects.filter(kind="out").exclude(reason="").exists()
    assert {row.source for row in [*SpaceRequest.objects.all(), *Move.objects.all()]} == {"synthetic"}
    before = _state()
    with time_machine.travel("2026-03-20 12:00 +0100", tick=False):
        again = DemoContext(verbosity=0)
        demo.load(again)
    assert again.counts == {}
    assert _state() == before
