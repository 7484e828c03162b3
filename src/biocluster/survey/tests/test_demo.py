"""The survey's demo: a closed 2025 campaign mostly validated, an open 2026 one whose deadline is to
come and whose answers are prefilled from 2025; every row synthetic; loading twice changes nothing."""

import pytest
import time_machine

from biocluster.accreditation import demo as accreditation_demo
from biocluster.audit.models import AuditEvent
from biocluster.core.demo import DemoContext
from biocluster.directory.demo import loader as directory_demo
from biocluster.survey import demo, services
from biocluster.survey.models import Answer, Campaign, Response

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(Campaign.objects.values_list("year", "state", "deadline", "source")),
        sorted(Response.objects.values_list("campaign__year", "organisation__name", "state", "source")),
        Answer.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_demo_s_two_campaigns_are_synthetic_and_load_once():
    with time_machine.travel("2026-12-06 12:00 +0100", tick=False):
        directory_demo.load(DemoContext(verbosity=0))
        accreditation_demo.load(DemoContext(verbosity=0))
        context = DemoContext(verbosity=0)
        demo.load(context)
    closed, opened = Campaign.objects.get(year=2025), Campaign.objects.get(year=2026)
    assert (closed.state, opened.state) == ("closed", "open")
    assert str(opened.deadline) == "2027-03-31"
    assert {closed.source, opened.source} == {"synthetic"}
    assert set(Response.objects.values_list("source", flat=True)) == {"synthetic"}
    assert closed.responses.count() > 10
    assert 0.6 < services.response_rate(closed) < 1
    assert Answer.objects.filter(response__campaign=opened, prefilled_from="last_year").exists()
    assert context.counts["survey campaigns"] == 2
    before = _state()
    with time_machine.travel("2026-12-20 12:00 +0100", tick=False):
        again = DemoContext(verbosity=0)
        demo.load(again)
    assert again.counts == {}
    assert _state() == before
