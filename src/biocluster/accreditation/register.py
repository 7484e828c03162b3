"""Reading the register: filters shared by pages, API and export, and the counts per year."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from .models import CLUSTER_FOUNDED_ON, Decision, Status


def filter_register(
    register, *, status: str | None = None, year: int | None = None, decision: str | None = None
):
    """`register` must carry `with_current_status()` for the status filter."""
    if status in Status.values:
        register = register.filter(current_status_value=status)
    if year:
        register = register.filter(decided_on__year=year)
    if decision in Decision.values:
        register = register.filter(decision=decision)
    return register


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int

    @property
    def label(self) -> str:
        return str(self.year)


def counts_per_year(register, last_year: int) -> list[YearCount]:
    """Accepted decisions per year, every year from the cluster's founding to `last_year` (zeros kept)."""
    rows = (
        register.filter(decision=Decision.ACCEPTED)
        .annotate(year=ExtractYear("decided_on"))
        .order_by()
        .values("year")
        .annotate(n=Count("id"))
    )
    found = {row["year"]: row["n"] for row in rows}
    return [YearCount(year, found.get(year, 0)) for year in range(CLUSTER_FOUNDED_ON.year, last_year + 1)]
