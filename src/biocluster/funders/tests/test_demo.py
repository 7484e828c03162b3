"""The demo: the Region's contract 2021-2023 with its source, a synthetic convention with a
target at risk this year and a report falling due; loading twice changes nothing."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from biocluster.audit.models import AuditEvent
from biocluster.core.demo import DemoContext
from biocluster.directory.demo import loader as directory_demo
from biocluster.funders import demo, services
from biocluster.funders import status as rule
from biocluster.funders.models import FunderContract, Instalment, ReportingDeadline, Target

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(FunderContract.objects.values_list("reference", "amount", "start_year", "end_year")),
        sorted(Target.objects.values_list("objective__number", "indicator", "year", "value")),
        Instalment.objects.count(),
        ReportingDeadline.objects.count(),
        AuditEvent.objects.filter(action__startswith="funders.").count(),
    )


def test_the_region_contract_carries_its_source_and_the_demo_loads_once():
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        directory_demo.load(DemoContext(verbosity=0))
        demo.load(DemoContext(verbosity=0))
        region = FunderContract.objects.get(reference="IDF-COM-2021-2023")
        assert (region.funder.name, region.amount, region.years) == (
            "Région Île-de-France",
            Decimal("25000000.00"),
            [2021, 2022, 2023],
        )
        assert "25 Millions € de la Région Île-de-France pour 2021/2023" in region.source
        assert "seeds/002_5a2f69cf708c9cf5.txt" in region.source
        assert set(Target.objects.values_list("source", flat=True)) == {"synthetic"}
        essonne = FunderContract.objects.get(reference="ESS-CONV-2025")
        assert essonne.is_synthetic
        board = services.dashboard(essonne, datetime.date(2026, 3, 12))
        assert any(entry.at_risk for entry in board.objectives)
        assert board.instalments.overdue_count == 1
        assert [d.what for d in services.deadlines_to_do(datetime.date(2026, 3, 12))] == [
            "Bilan intermédiaire 2026"
        ]
        board = services.dashboard(region, datetime.date(2026, 3, 12))
        assert rule.AT_RISK not in board.counts or board.counts[rule.AT_RISK] == 0  # the years are over
    before = _state()
    with time_machine.travel("2026-03-20 12:00 +0100", tick=False):
        demo.load(DemoContext(verbosity=0))
    assert _state() == before
