"""The demo's rent roll: notices and payments of the last year, some arrears, marked, loaded once."""

import datetime

import pytest
import time_machine

from biocluster.core.demo import DemoContext
from biocluster.directory.demo import loader as directory_demo
from biocluster.estate import demo, demo_rent_roll, demo_tenant_requests, rent_roll
from biocluster.estate.models import Notice, Payment, TenantRequest

pytestmark = pytest.mark.django_db


def test_the_demo_rent_roll_has_payments_and_arrears_and_loads_once():
    with time_machine.travel("2026-03-12 12:00 +0100", tick=False):
        directory_demo.load(DemoContext(verbosity=0))
        demo.load(DemoContext(verbosity=0))
        context = DemoContext(verbosity=0)
        demo_rent_roll.load(context)
        demo_tenant_requests.load(context)
    assert context.counts["tenant requests"] == 6
    assert {row.status for row in TenantRequest.objects.filter(source="synthetic")} == {
        "open",
        "assigned",
        "closed",
    }
    assert context.counts["payment notices"] > 10 and context.counts["payments"] > 5
    assert set(Notice.objects.values_list("source", flat=True)) == {"synthetic"}
    assert set(Payment.objects.values_list("source", flat=True)) == {"synthetic"}
    owing = rent_roll.arrears_at(datetime.date(2026, 3, 12))
    assert owing and any(row.balance.buckets["90+"] for row in owing)
    before = (Notice.objects.count(), Payment.objects.count(), TenantRequest.objects.count())
    with time_machine.travel("2026-04-20 12:00 +0100", tick=False):
        again = DemoContext(verbosity=0)
        demo_rent_roll.load(again)
        demo_tenant_requests.load(again)
    assert (
        again.counts == {}
        and (Notice.objects.count(), Payment.objects.count(), TenantRequest.objects.count()) == before
    )
