from datetime import UTC, datetime

import pytest
import time_machine

from biocluster.core import indicators as ind
from biocluster.publishing import services

from .factories import HEADCOUNT, register_headcount

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    """Early March 2026: 2024 and 2025 are over and may be frozen."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def headcount():
    indicator = register_headcount()
    yield indicator
    ind._registry.pop(HEADCOUNT, None)


@pytest.fixture
def frozen_2024(db, clock, headcount, staff_user):
    from .factories import on_site

    on_site("Alpha Bio", headcount=10)
    on_site("Beta Gene", headcount=5)
    on_site("Late Cells", year=2025, headcount=7)  # not in 2024
    return services.freeze(actor=staff_user, year=2024)
