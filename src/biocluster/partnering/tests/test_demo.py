"""The BIO 2022 partnering demo: 53 participants, about 100 meetings scheduled and published, loaded once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from biocluster.core.demo import DemoContext
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.events.models import Event
from biocluster.partnering import analytics, demo
from biocluster.partnering.models import Meeting, Profile, ScheduleRun

pytestmark = pytest.mark.django_db
LA = ZoneInfo("America/Los_Angeles")


def test_skipped_quietly_without_the_event():
    context = DemoContext(verbosity=1, write=lambda message: messages.append(message))
    messages: list[str] = []
    demo.load(context)
    assert "skipped" in messages[0] and not Profile.objects.exists()


def test_the_programme_loads_scheduled_and_published_once():
    OrganisationFactory(name="Synsight", kind="sme", source="004")
    event = Event.objects.create(
        title_en="BIO International Convention 2022",
        kind="abroad",
        status="published",
        starts_at=datetime(2022, 6, 13, 9, tzinfo=LA),
        ends_at=datetime(2022, 6, 16, 18, tzinfo=LA),
        time_zone="America/Los_Angeles",
        has_partnering=True,
    )
    context = DemoContext(verbosity=0)
    demo.load(context)
    profiles = Profile.objects.filter(event=event)
    assert profiles.count() == 53
    assert {k: profiles.filter(kind=k).count() for k in ("cluster_company", "corporation", "investor")} == {
        "cluster_company": 8,
        "corporation": 25,
        "investor": 20,
    }
    synsight = profiles.get(registration__organisation__name="Synsight")
    assert synsight.registration.user.email == "partnering@demo.biocluster"
    assert synsight.registration.organisation.source == "004"  # the directory's, not a copy
    run = ScheduleRun.objects.get(event=event)
    assert run.status == "done" and run.meetings == 100 and run.placed == 100
    assert run.objective == run.upper_bound
    assert Meeting.objects.filter(event=event, published_at__isnull=False).count() == 100
    report = analytics.report(event)
    assert report.totals.requested == 120 and report.totals.accepted == 100 and report.totals.held > 80
    demo.load(DemoContext(verbosity=0))
    assert Profile.objects.filter(event=event).count() == 53 and ScheduleRun.objects.count() == 1
    demo.flush(context)
    assert not Meeting.objects.exists() and not Profile.objects.exists()
