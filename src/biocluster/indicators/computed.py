"""Computed values kept a short while, with the moment they were computed.

The dashboard asks every indicator for a year and its trend: six computations a row, some
over a million bookings. A value is kept in the shared cache under its code, definition
version, period and a generation, for `KEPT` seconds at most; each row says when its value was
computed, so a value is never stale silently. Staff who have just changed records ask for
everything again (`recompute`: the generation goes up, every kept value is dropped at once).
The drill-down, the API, the snapshots and the funder contracts compute live.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from biocluster.core import generations
from biocluster.core import indicators as ind
from biocluster.core.arithmetic import Number

KEPT = 600  # seconds: the most a shown value may lag behind its records (the row says it)
GENERATION = "indicators:generation"


@dataclass(frozen=True)
class Computed:
    value: Number | None
    provenance: str
    response_rate: float | None
    computed_at: datetime
    estimated: Number | None = None

    def result(self) -> ind.Result:
        """As a `Result` without its records (read them from `Indicator.evaluate`)."""
        return ind.Result(
            self.value,
            ind.Records(),
            provenance=self.provenance,
            response_rate=self.response_rate,
            estimated=self.estimated,
        )


_GENERATION = generations.Generation(GENERATION)


def generation() -> int:
    return _GENERATION.current()


def recompute() -> None:
    """Drop every kept value: the next request computes afresh."""
    _GENERATION.advance()


def _key(indicator: ind.Indicator, period: ind.Period, generation: int) -> str:
    return f"indicators:value:{generation}:{indicator.code}:v{indicator.version}:{period.kind}:{period.start}:{period.end}"


def values(indicator: ind.Indicator, periods: list[ind.Period]) -> list[Computed]:
    """The value of each period, kept or computed now (one cache read for all)."""
    current = generation()
    keys = [_key(indicator, period, current) for period in periods]
    kept = cache.get_many(keys)
    fresh = {}
    for key, period in zip(keys, periods, strict=True):
        if key not in kept and key not in fresh:
            result = indicator.evaluate(period)
            fresh[key] = Computed(
                result.value, result.provenance, result.response_rate, timezone.now(), result.estimated
            )
    if fresh:
        cache.set_many(fresh, timeout=KEPT)
    return [kept.get(key) or fresh[key] for key in keys]
