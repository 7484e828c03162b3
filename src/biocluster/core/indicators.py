"""The indicator registry: every figure the cluster publishes, each computed from records.

Core knows no app: each app registers its indicators from its `AppConfig.ready()`, in its
own `indicators.py`::

    from biocluster.core import indicators

    indicators.register(indicators.Indicator(
        code="calls.proposals", name=_("Proposals"), definition=_("Proposals submitted..."),
        unit=indicators.COUNT, period_kind=indicators.YEAR, breakdowns=(indicators.BY_YEAR,),
        compute=proposals,  # (period, by=None) -> Result
    ))

A computation returns the value, the records behind it (listed lazily: a count and pages,
never the whole table at once) and, asked `by` a breakdown, the value per group. For an
additive indicator the records' values add up to the value, and the groups of a
partitioning breakdown too. `measure` builds all three from one `Source` (a queryset and
the paths to read in it) with aggregate queries. The `indicators` app keeps the
definitions' versions and the historical figures; a snapshot will freeze a `Result`'s
value and records (`Result.records` can be walked in chunks for that).
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .arithmetic import AT, CUMULATIVE, YEAR, Number, Period, group_totals, period_for

__all__ = ["AT", "CUMULATIVE", "YEAR", "Period", "period_for"]

# Units (how the value is written).
COUNT, EUR, M2, HOURS, PERCENT, DAYS, YEARS = "count", "EUR", "m2", "hours", "percent", "days", "years"
UNITS = {
    COUNT: _("number"),
    EUR: _("euros"),
    M2: _("square metres"),
    HOURS: _("hours"),
    PERCENT: _("percent"),
    DAYS: _("days"),
    YEARS: _("years"),
}
PERIOD_KINDS = {AT: _("at a date"), YEAR: _("over a year"), CUMULATIVE: _("cumulative since a date")}

# Breakdowns: the groups a value can be split into.
BY_YEAR = "year"
BY_PROGRAMME = "programme"
BY_COHORT = "cohort"
BY_CAMPUS = "campus"
BY_TECHNOLOGY_FIELD = "technology_field"
BY_ORGANISATION_KIND = "organisation_kind"
BY_COUNTRY = "country"
BY_USER_CATEGORY = "user_category"
BY_UNIT_KIND = "unit_kind"  # the estate's kinds of unit (office, BSL2 lab...)
BREAKDOWNS = {
    BY_YEAR: _("year"),
    BY_PROGRAMME: _("programme"),
    BY_COHORT: _("cohort"),
    BY_CAMPUS: _("campus"),
    BY_TECHNOLOGY_FIELD: _("technology field"),
    BY_ORGANISATION_KIND: _("kind of organisation"),
    BY_COUNTRY: _("country"),
    BY_USER_CATEGORY: _("user category"),
    BY_UNIT_KIND: _("kind of unit"),
}

# Where a value comes from. The registry computes; the others are stored values.
COMPUTED = "computed"  # from the records, now
HISTORICAL = "historical"  # published before the system existed, entered with its source
DECLARED = "declared"  # declared by the company (the survey)
VALIDATED = "validated"  # declared, then checked by staff
ESTIMATED = "estimated"  # estimated, with the method stated
PROVENANCES = {
    COMPUTED: _("computed from records"),
    HISTORICAL: _("historical figure, with its source"),
    DECLARED: _("declared by the company"),
    VALIDATED: _("validated by staff"),
    ESTIMATED: _("estimated"),
}

NO_GROUP = "—"  # the group of records without one (no campus, no country...)
SELF = "self"  # a Source whose records are organisations


@dataclass(frozen=True)
class Record:
    """One record behind a value: what it is, when, how much it counts, where to open it."""

    type: str  # "app.model"
    id: int
    label: str
    date: date | None
    value: Number
    url: str
    organisation: str = ""
    organisation_id: int | None = None
    target: int | None = None  # the id in `url`: of the record, or of what it belongs to (`Source.url`)


@dataclass(frozen=True)
class Group:
    """A breakdown read from a field path; `labels` names its raw values (choices, countries)."""

    path: str
    labels: Mapping | Callable[[str], str] | None = None
    partition: bool = True  # each record in exactly one group (not so through a many-to-many)

    def label(self, key) -> str:
        if key is None or key == "":
            return NO_GROUP
        if callable(self.labels):
            return str(self.labels(key))
        if self.labels is not None:
            return str(self.labels.get(key, key))
        return str(key)


@dataclass(frozen=True)
class Source:
    """The rows of one model behind a value (`queryset`, already limited to the period)."""

    type: str
    queryset: object  # a QuerySet
    label: str  # field path of what a person reads
    date: str  # field path of the record's date (a date or a datetime)
    url: tuple[str, str]  # the route of the record's page and the path of its argument ("pk")
    value: str | None = None  # field path of the amount; None: each record counts one
    organisation: str | None = "organisation"  # path to its organisation; SELF: it is one
    groups: Mapping[str, Group] = field(default_factory=dict)

    def aggregate(self):
        return Sum(self.value) if self.value else Count("pk")

    def _fields(self) -> list[str]:
        names = ["pk", self.label, self.date, self.url[1]]
        if self.value:
            names.append(self.value)
        if self.organisation and self.organisation != SELF:
            names += [f"{self.organisation}__name", f"{self.organisation}_id"]
        return list(dict.fromkeys(names))

    def _organisation(self, row: dict) -> tuple[str, int | None]:
        if self.organisation == SELF:
            return str(row[self.label] or ""), row["pk"]
        if self.organisation:
            return row.get(f"{self.organisation}__name") or "", row.get(f"{self.organisation}_id")
        return "", None

    def record(self, row: dict) -> Record:
        day = row[self.date]
        if isinstance(day, datetime):
            day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
        organisation, organisation_id = self._organisation(row)
        return Record(
            type=self.type,
            id=row["pk"],
            label=str(row[self.label] or ""),
            date=day,
            value=(row[self.value] or 0) if self.value else 1,
            url=record_url(self.url[0], row[self.url[1]]),
            organisation=organisation,
            organisation_id=organisation_id,
            target=row[self.url[1]] if isinstance(row[self.url[1]], int) else None,
        )

    def target_model(self):
        """The model of the page `url` opens: the record's own, or the one its path leads to."""
        model = self.queryset.model
        for name in self.url[1].split("__"):
            if name != "pk":
                model = model._meta.get_field(name.removesuffix("_id")).related_model
        return model


_ANY_ID = 987654321987  # stands for the id in a route reversed once (`record_url`)


@lru_cache(maxsize=256)
def _around_id(route: str, urlconf, prefix: str, language: str | None) -> tuple[str, str]:
    head, _, tail = reverse(route, args=[_ANY_ID]).partition(str(_ANY_ID))
    return head, tail


def record_url(route: str, arg) -> str:
    """`reverse(route, args=[arg])` for an id, with the route reversed once: a snapshot or an
    export writes tens of thousands of record addresses."""
    if not isinstance(arg, int):
        return reverse(route, args=[arg])
    head, tail = _around_id(route, get_urlconf(), get_script_prefix(), get_language())
    return f"{head}{arg}{tail}"


class Records:
    """The records behind a value, read a page at a time (a Django `Paginator` takes it)."""

    def __init__(self, *sources: Source):
        self.sources = sources
        self._counts: list[int] | None = None

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [source.queryset.count() for source in self.sources]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    __len__ = count

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        rows: list[Record] = []
        offset = 0
        for source, size in zip(self.sources, self.counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                ordered = source.queryset.order_by(f"-{source.date}", "-pk")
                rows += [source.record(row) for row in ordered.values(*source._fields())[low:high]]
            offset += size
        return rows

    def __iter__(self) -> Iterator[Record]:
        """Every record, in chunks (an export, a snapshot): memory stays bounded."""
        for source in self.sources:
            ordered = source.queryset.order_by(f"-{source.date}", "-pk")
            for row in ordered.values(*source._fields()).iterator(chunk_size=2000):
                yield source.record(row)


def openable(records, sources, user) -> set[tuple[str, int]]:
    """The (type, target) of `records` whose page `user` may open, as its model's
    `visible_to(user)` says (a model without it: all): a record links to its page only then, not
    to a page that does not exist for that reader."""
    by_type = {source.type: source for source in sources}
    wanted: dict[str, set[int]] = {}
    for record in records:
        if record.type in by_type and record.target is not None:
            wanted.setdefault(record.type, set()).add(record.target)
    allowed = set()
    for kind, ids in wanted.items():
        rows = by_type[kind].target_model()._default_manager.all()
        if hasattr(rows, "visible_to"):
            ids = set(rows.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        allowed |= {(kind, pk) for pk in ids}
    return allowed


@dataclass
class Result:
    value: Number | None
    records: Records
    groups: dict[str, Number] | None = None  # group label -> value, when asked `by`
    provenance: str = COMPUTED  # DECLARED / VALIDATED for what the companies declare (the survey)
    response_rate: float | None = None  # of a survey: the share of the companies asked behind the value
    # The part of the value that is estimated when only a part is (the method in the definition);
    # a value wholly estimated says so in `provenance`.
    estimated: Number | None = None


def measure(source: Source, by: str | None = None) -> Result:
    """The value (a count or a sum, in one query), its records, and its groups if asked."""
    value = source.queryset.aggregate(value=source.aggregate())["value"] or 0
    return Result(value, Records(source), group(source, by) if by else None)


def measure_all(*sources: Source, by: str | None = None) -> tuple[Result, list[Number]]:
    """`measure` over several sources of records (of different models) added up: the value, the
    records of each source in turn, the groups of all; and the value of each source."""
    parts = [source.queryset.aggregate(value=source.aggregate())["value"] or 0 for source in sources]
    groups = None
    if by:
        pairs = [(key, value) for source in sources for key, value in group(source, by).items()]
        groups = group_totals(pairs, missing=NO_GROUP)
        if NO_GROUP in groups:
            groups[NO_GROUP] = groups.pop(NO_GROUP)
    return Result(sum(parts), Records(*sources), groups), parts


def group(source: Source, by: str) -> dict[str, Number]:
    """The value per group, one aggregate query."""
    if by == BY_YEAR:
        rows = (
            source.queryset.annotate(group_key=ExtractYear(source.date))
            .values("group_key")
            .annotate(group_value=source.aggregate())
            .order_by("group_key")
        )
        return group_totals((row["group_key"], row["group_value"]) for row in rows)
    spec = source.groups[by]
    rows = source.queryset.values(spec.path).annotate(group_value=source.aggregate()).order_by(spec.path)
    groups = group_totals(
        ((spec.label(row[spec.path]), row["group_value"]) for row in rows), missing=NO_GROUP
    )
    if NO_GROUP in groups:  # records without a group come last, whatever the database sorts first
        groups[NO_GROUP] = groups.pop(NO_GROUP)
    return groups


@dataclass(frozen=True)
class Indicator:
    code: str  # "app.name": the app that computes it, then the figure
    name: Promise | str
    definition: Promise | str
    unit: str
    period_kind: str
    compute: Callable[..., Result]  # (period, by=None) -> Result
    breakdowns: tuple[str, ...] = ()
    additive: bool = True
    version: int = 1  # raised by the app when the definition changes
    since: date | None = None  # where a running total starts
    order: int = 100

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"{self.code}: unknown unit {self.unit!r}")
        if self.period_kind not in PERIOD_KINDS:
            raise ValueError(f"{self.code}: unknown period kind {self.period_kind!r}")
        if self.period_kind == CUMULATIVE and self.since is None:
            raise ValueError(f"{self.code}: a running total needs `since`")
        unknown = set(self.breakdowns) - set(BREAKDOWNS)
        if unknown:
            raise ValueError(f"{self.code}: unknown breakdowns {sorted(unknown)}")

    @property
    def area(self) -> str:
        return self.code.split(".", 1)[0]

    def period(self, *, year: int | None = None, at: date | None = None) -> Period:
        return period_for(self.period_kind, year=year, at=at, since=self.since)

    def evaluate(self, period: Period, by: str | None = None) -> Result:
        if by is not None and by not in self.breakdowns:
            raise ValueError(f"{self.code} is not broken down by {by!r}")
        return self.compute(period, by=by)


_registry: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Registering a code again replaces it (ready() may run twice in tests)."""
    _registry[indicator.code] = indicator
    return indicator


def get(code: str) -> Indicator:
    """The indicator of that code; `LookupError` when none is registered."""
    try:
        return _registry[code]
    except KeyError:
        raise LookupError(code) from None


def all_indicators() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda indicator: (indicator.order, indicator.code))


def within(queryset, path: str, period: Period, *, moment: bool = False):
    """The rows whose date (or, with `moment`, datetime: its local day) falls in the period.

    A moment is compared with the local midnights around the period, not through its local
    date: the same rows, and an index on the datetime serves the comparison."""
    if not moment:
        rows = queryset.filter(**{f"{path}__lte": period.end})
        return rows if period.start is None else rows.filter(**{f"{path}__gte": period.start})
    rows = queryset.filter(**{f"{path}__lt": _midnight(period.end + timedelta(days=1))})
    return rows if period.start is None else rows.filter(**{f"{path}__gte": _midnight(period.start)})


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
