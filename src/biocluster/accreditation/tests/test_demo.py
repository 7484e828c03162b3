"""The demo: about 200 companies over 1998-2025, statuses of every kind, and a second load changes nothing."""

import datetime

import pytest

from biocluster.accreditation import demo
from biocluster.accreditation.demo_data import REAL_COMPANIES
from biocluster.accreditation.models import Accreditation, AccreditationStatus, Status
from biocluster.audit.models import AuditEvent
from biocluster.core.demo import DemoContext
from biocluster.directory.demo import loader as directory_demo
from biocluster.directory.models import Organisation

pytestmark = pytest.mark.django_db


def _state():
    return (
        Accreditation.objects.count(),
        AccreditationStatus.objects.count(),
        Organisation.objects.count(),
        AuditEvent.objects.count(),
        sorted(Accreditation.objects.values_list("organisation__name", "decided_on", "decision")),
    )


def test_the_demo_fills_the_register_and_loads_twice_without_change():
    directory_demo.load(DemoContext(verbosity=0))
    demo.load(DemoContext(verbosity=0))
    accepted = Accreditation.objects.accepted()
    assert 190 <= accepted.count() <= 210
    statuses = {status: accepted.with_status(status).count() for status in Status.values}
    assert all(statuses.values()), statuses
    assert statuses[Status.ACTIVE] > statuses[Status.CLOSED]
    assert Accreditation.objects.filter(decision="refused").exists()
    days = accepted.values_list("decided_on", flat=True)
    assert min(days) >= datetime.date(1998, 10, 23)
    assert max(days) <= datetime.date(2025, 12, 31)
    # The directory's real companies are accredited and keep their own source.
    real = accepted.filter(organisation__name__in=REAL_COMPANIES)
    assert real.count() == len(REAL_COMPANIES)
    assert not real.filter(organisation__source="synthetic").exists()
    # Invented past companies are in the directory as synthetic; the closed ones are not listed.
    closed = accepted.with_status(Status.CLOSED)
    assert not closed.filter(organisation__is_listed=True).exists()
    assert set(closed.values_list("organisation__source", flat=True)) == {"synthetic"}
    assert not AccreditationStatus.objects.filter(status="closed", since__year=2020).exists()
    before = _state()
    context = DemoContext(verbosity=0)
    demo.load(context)
    assert _state() == before
    assert context.counts == {}


def test_without_the_directorys_demo_only_the_invented_companies_load():
    context = DemoContext(verbosity=0)
    demo.load(context)
    assert context.counts["past companies added to the directory"] > 100
    assert not Accreditation.objects.filter(organisation__name__in=REAL_COMPANIES).exists()
    demo.flush(context)
    assert not Accreditation.objects.exists()
