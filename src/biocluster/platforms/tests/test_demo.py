"""The platforms' demo loads on its own (creating missing platform organisations) and loads once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from biocluster.core.demo import DemoContext
from biocluster.directory.models import Organisation
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    CampusFactory,
    OrganisationFactory,
    PersonFactory,
)
from biocluster.platforms import demo, todo
from biocluster.platforms.demo_catalogue import CATALOGUE
from biocluster.platforms.demo_rooms import ROOMS, ROOMS_PLATFORM
from biocluster.platforms.models import (
    Booking,
    Instrument,
    Platform,
    Qualification,
    Statement,
    Tariff,
    UsageRecord,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_history(monkeypatch):
    monkeypatch.setattr(demo, "HISTORY_DAYS", 70)
    monkeypatch.setattr(demo, "AHEAD_DAYS", 3)
    monkeypatch.setattr(demo, "CATALOGUE", dict(list(CATALOGUE.items())[:3]))


def test_the_demo_loads_without_the_directorys_demo_and_only_once(short_history):
    lab = OrganisationFactory(kind="research_lab", campus=CampusFactory(name="Campus 1"), source="synthetic")
    for _ in range(5):
        AffiliationFactory(person=PersonFactory(source="synthetic"), organisation=lab)
    context = DemoContext(verbosity=0)
    demo.load(context)
    assert Platform.objects.count() == 3 + 1  # and the rooms platform
    assert Organisation.objects.filter(kind="platform", source="synthetic").count() == 3
    instruments = sum(len(spec["instruments"]) for spec in demo.CATALOGUE.values())
    assert Instrument.objects.count() == instruments + len(ROOMS)
    assert Tariff.objects.filter(instrument__isnull=False).count() == instruments * 5
    rooms = Instrument.objects.filter(platform__organisation__name=ROOMS_PLATFORM)
    assert rooms.get(name="Auditorium").description_en == "700 seats."
    assert not rooms.filter(requires_qualification=True).exists()
    assert not rooms.filter(requires_check_in=True).exists()
    assert Booking.objects.exists() and UsageRecord.objects.exists()
    assert Statement.objects.exists()  # the month before last is issued
    researcher = context.logins[-1]
    assert researcher.email == "researcher@demo.biocluster"
    trained = Qualification.objects.filter(user__email=researcher.email).count()
    assert trained == Instrument.objects.filter(requires_qualification=True).count()
    # One of the demo logins' trainings ends soon: their home page lists it.
    user = Qualification.objects.filter(user__email=researcher.email).first().user
    assert [t.due for t in todo.expiring_trainings(user)] == [
        timezone.localdate() + timedelta(days=demo.EXPIRING_TRAINING_DAYS)
    ]
    assert (
        not Qualification.objects.filter(expires_on__isnull=False)
        .exclude(user__email__endswith="@demo.biocluster")
        .exists()
    )
    counts = (
        Booking.objects.count(),
        UsageRecord.objects.count(),
        Tariff.objects.count(),
        Platform.objects.count(),
    )
    demo.load(DemoContext(verbosity=0))
    assert (
        Booking.objects.count(),
        UsageRecord.objects.count(),
        Tariff.objects.count(),
        Platform.objects.count(),
    ) == counts


def test_flush_empties_the_platforms(short_history):
    demo.load(DemoContext(verbosity=0))
    demo.flush(DemoContext(verbosity=0))
    assert not Platform.objects.exists() and not Booking.objects.exists()


def test_loading_again_gives_an_older_demos_instruments_steps_that_fit_their_turnover(short_history):
    demo.load(DemoContext(verbosity=0))
    sorter = Instrument.objects.get(name="Cell sorter (BSL2)")
    assert (sorter.slot_minutes, sorter.buffer_minutes) == (30, 30)
    Instrument.objects.filter(pk=sorter.pk).update(slot_minutes=60)  # as loaded before the rule
    demo.load(DemoContext(verbosity=0))
    sorter.refresh_from_db()
    assert sorter.slot_minutes == 30
    assert all(i.buffer_minutes % i.slot_minutes == 0 for i in Instrument.objects.all())
