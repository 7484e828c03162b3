from decimal import Decimal

import pytest

from biocluster.core import indicators as ind


def _fixed(values: dict, **result):
    """A computation whose value is what the test says for each year (None: not computed)."""

    def compute(period, by=None):
        return ind.Result(values.get(period.end.year), ind.Records(), **result)

    return compute


@pytest.fixture
def registered():
    """Indicators registered for the test only, with values set per year: `registered(code, {2022: 7})`."""
    added = []

    def register(code: str, values: dict, *, unit=ind.COUNT, period_kind=ind.YEAR, since=None, **result):
        indicator = ind.register(
            ind.Indicator(
                code=code,
                name=f"Test figure {code}",
                definition="A figure for the tests.",
                unit=unit,
                period_kind=period_kind,
                compute=_fixed({year: Decimal(value) for year, value in values.items()}, **result),
                since=since,
            )
        )
        added.append(code)
        return indicator

    yield register
    for code in added:
        ind._registry.pop(code, None)
