"""The demo: the last three full years frozen and published, the last year's report in both
languages (synthetic text); a second load changes nothing."""

import pytest

from biocluster.core.demo import DemoContext
from biocluster.publishing import demo
from biocluster.publishing.models import Section, Snapshot

pytestmark = pytest.mark.django_db


def test_the_last_years_are_frozen_published_and_reported_once(clock, staff_user):
    first = DemoContext(verbosity=0)
    demo.load(first)
    assert first.counts == {"years frozen": 3, "years published": 3, "report sections": len(demo.SECTIONS)}
    assert sorted(Snapshot.objects.published().values_list("year", flat=True)) == [2023, 2024, 2025]
    sections = Section.objects.filter(snapshot__year=2025)
    assert all(section.title_fr and section.body_fr and section.source == "synthetic" for section in sections)
    assert all(section.codes for section in sections)
    second = DemoContext(verbosity=0)
    demo.load(second)
    assert second.counts == {}
    assert Section.objects.count() == len(demo.SECTIONS) and Snapshot.objects.count() == 3
