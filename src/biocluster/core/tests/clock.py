"""A fixed moment for tests that read the clock: `pytestmark = pytest.mark.usefixtures("frozen")`
with `from biocluster.core.tests.clock import frozen` (a Wednesday, 12:00 in Paris)."""

from datetime import UTC, date, datetime

import pytest
import time_machine

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW
