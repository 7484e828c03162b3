"""The demo's historical figures: each with its source, and a second load changes nothing."""

import pytest

from biocluster.core.demo import DemoContext
from biocluster.indicators import demo
from biocluster.indicators.models import HistoricalValue

pytestmark = pytest.mark.django_db


def test_the_seeds_figures_are_loaded_once_with_their_source():
    first = DemoContext(verbosity=0)
    demo.load(first)
    assert first.counts == {"historical figures with their source": len(demo.FIGURES)}
    funds = HistoricalValue.objects.get(code="programmes.funds_raised_since_founding", year=2017)
    assert funds.value == 623_000_000 and "Cluster Collaboration Platform" in funds.source
    assert HistoricalValue.objects.get(code="directory.companies_on_site", year=2024).value == 78
    assert all(row.source for row in HistoricalValue.objects.all())
    second = DemoContext(verbosity=0)
    demo.load(second)
    assert second.counts == {}
    assert HistoricalValue.objects.count() == len(demo.FIGURES)
