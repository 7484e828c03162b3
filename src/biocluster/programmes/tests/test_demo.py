"""The programmes' demo: three programmes, cohorts over the years, fund raises far below the
seeds' EUR 649M, founder logins that see their own enrolment, and loading twice adds nothing."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Sum

from biocluster.core.demo import DemoContext, demo_email
from biocluster.programmes.models import Cohort, Enrolment, Milestone, Programme, Session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _december():
    """The demo is dated from today, and its project holder asks for a renewal only while her
    Shaker enrolment runs (from July to January): the test loads it on a fixed December day."""
    with time_machine.travel(datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Europe/Paris")), tick=True):
        yield


def test_the_demo_holds_the_programmes_and_loads_once():
    from biocluster.directory.demo.loader import load as load_directory
    from biocluster.programmes.demo import load

    context = DemoContext(verbosity=0)
    load_directory(context)
    load(context)
    assert set(Programme.objects.values_list("code", flat=True)) == {"shaker", "booster", "growth-hub"}
    booster = Programme.objects.get(code="booster")
    assert (booster.duration_months, booster.renewal_months, booster.days_quota) == (12, 12, Decimal(20))
    assert Cohort.objects.filter(intake_call__kind="programme_intake").exists()
    assert Enrolment.objects.filter(organisation__name="Synsight").exists()
    assert (
        Enrolment.objects.filter(status="graduated").exists()
        and Enrolment.objects.filter(status="active").exists()
    )
    raised = Milestone.objects.filter(kind="fund_raise").aggregate(total=Sum("amount"))["total"]
    assert Decimal(4_000_000) < raised < Decimal(200_000_000)
    assert Milestone.objects.filter(kind="fund_raise", source="synthetic").count() == (
        Milestone.objects.filter(kind="fund_raise").count() - 1  # Endodiag's, from seed 001
    )
    for enrolment in Enrolment.objects.exclude(cohort__programme__days_quota=None):
        assert sum(s.hours for s in enrolment.sessions.all()) <= enrolment.cohort.programme.quota_hours
    founder = Enrolment.objects.visible_to(_user("founder"))
    assert founder.count() == 1 and founder.get().is_active and founder.get().sessions.exists()
    assert Enrolment.objects.visible_to(_user("project-founder")).get().renewals.get().status == "requested"
    counts = (
        Enrolment.objects.count(),
        Session.objects.count(),
        Milestone.objects.count(),
        Cohort.objects.count(),
    )
    load(context)
    assert counts == (
        Enrolment.objects.count(),
        Session.objects.count(),
        Milestone.objects.count(),
        Cohort.objects.count(),
    )


def _user(local):
    from biocluster.accounts.models import User

    return User.objects.get(email=demo_email(local))
