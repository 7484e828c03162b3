"""The occupancy summary kept up to date by the services (models in `models_occupancy.py`).

Every service that writes a unit's status rows or agreement lines, or changes a unit's kind or
area, calls `refresh(units)` in its transaction: each unit's steps (`occupancy_steps`) are
computed again from its rows, the old ones subtracted from the per-month totals and the new
ones added (an `INSERT … ON CONFLICT DO UPDATE` adding to the row: two writers never lose each
other's change). `rebuild()` writes it all again from the rows (the `estate_occupancy_summary`
command, the data migration). `series.series_by` reads it: one grouped query of a few hundred
rows whatever the number of leases.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connections, router

from .occupancy_steps import unit_steps

BATCH = 500


def _models(apps=None):
    if apps is None:
        from .models import AgreementUnit, OccupancyMonth, Unit, UnitOccupancy, UnitStatus
    else:
        AgreementUnit, OccupancyMonth, Unit, UnitOccupancy, UnitStatus = (
            apps.get_model("estate", name)
            for name in ("AgreementUnit", "OccupancyMonth", "Unit", "UnitOccupancy", "UnitStatus")
        )
    return AgreementUnit, OccupancyMonth, Unit, UnitOccupancy, UnitStatus


def _tenths(area) -> int:
    return int((area * 10).to_integral_value())


def refresh(units: Iterable, *, apps=None) -> None:
    """Write again the steps of `units` (units or their ids) and the months they change."""
    ids = sorted({getattr(unit, "pk", unit) for unit in units})
    for index in range(0, len(ids), BATCH):
        _refresh(ids[index : index + BATCH], _models(apps))


def _refresh(ids: list[int], models) -> None:
    from .models import IN_SERVICE, LETTABLE_KINDS

    AgreementUnit, OccupancyMonth, Unit, UnitOccupancy, UnitStatus = models
    found = Unit.objects.filter(pk__in=ids).values_list("pk", "building__campus_id", "kind", "area")
    units = {pk: (campus, kind, area) for pk, campus, kind, area in found}
    statuses, lines = defaultdict(list), defaultdict(list)
    rows = UnitStatus.objects.filter(unit_id__in=ids).order_by("unit_id", "since", "id")
    for unit_id, since, status in rows.values_list("unit_id", "since", "status"):
        statuses[unit_id].append((since, str(status)))
    rows = AgreementUnit.objects.filter(unit_id__in=ids, active=True)
    for unit_id, start, end in rows.values_list("unit_id", "start", "end"):
        lines[unit_id].append((start, end))
    old = {row.unit_id: row for row in UnitOccupancy.objects.filter(unit_id__in=ids)}
    deltas = defaultdict(lambda: [0, 0, 0, 0])
    written, gone = [], []
    for pk in ids:
        previous = old.get(pk)
        new = None
        if pk in units:
            campus, kind, area = units[pk]
            steps = []
            if kind in LETTABLE_KINDS:
                steps = unit_steps(statuses[pk], lines[pk], _tenths(area), IN_SERVICE)
            new = UnitOccupancy(unit_id=pk, campus_id=campus, kind=kind, steps=steps)
        if (
            previous is not None
            and new is not None
            and ((previous.campus_id, previous.kind, previous.steps) == (new.campus_id, new.kind, new.steps))
        ):
            continue
        if previous is not None:
            gone.append(pk)
            for month, *values in previous.steps:
                delta = deltas[previous.campus_id, previous.kind, month]
                for index, value in enumerate(values):
                    delta[index] -= value
        if new is not None:
            written.append(new)
            for month, *values in new.steps:
                delta = deltas[new.campus_id, new.kind, month]
                for index, value in enumerate(values):
                    delta[index] += value
    if gone:
        UnitOccupancy.objects.filter(unit_id__in=gone).delete()
    if written:
        UnitOccupancy.objects.bulk_create(written)
    changes = sorted((key, delta) for key, delta in deltas.items() if any(delta))
    _add_to_months(OccupancyMonth, changes)


def _add_to_months(OccupancyMonth, changes: list) -> None:
    """Add each change to its month's row (made when missing), in one statement per batch. In the
    order of the keys, so that two writers lock the rows they share in the same order."""
    if not changes:
        return
    using = router.db_for_write(OccupancyMonth)
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(OccupancyMonth._meta.db_table)
    columns = ("area_total", "units_total", "area_let", "units_let")
    added = ", ".join(f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}" for name in columns)
    with connection.cursor() as cursor:
        for index in range(0, len(changes), BATCH):
            batch = changes[index : index + BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(batch))
            params = [
                value for (campus, kind, month), delta in batch for value in (campus, kind, month, *delta)
            ]
            # Table and column names are the model's, quoted; every value is a parameter.
            names = ", ".join(map(quote, columns))
            sql = f"INSERT INTO {table} (campus_id, kind, month, {names}) VALUES {values} "  # noqa: S608
            cursor.execute(sql + f"ON CONFLICT (campus_id, kind, month) DO UPDATE SET {added}", params)


def rebuild(*, apps=None) -> int:
    """The whole summary written again from the status rows and agreement lines; the units counted."""
    _AgreementUnit, OccupancyMonth, Unit, UnitOccupancy, _UnitStatus = _models(apps)
    OccupancyMonth.objects.all().delete()
    UnitOccupancy.objects.all().delete()
    ids = list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    refresh(ids, apps=apps)
    return len(ids)


def differences(*, apps=None) -> list[str]:
    """What the summary says that a recomputation does not (empty when it is right)."""
    _AgreementUnit, OccupancyMonth, _Unit, UnitOccupancy, _UnitStatus = _models(apps)

    def kept() -> dict:
        return {
            (row[0], row[1], row[2]): list(row[3:])
            for row in OccupancyMonth.objects.values_list(
                "campus_id", "kind", "month", "area_total", "units_total", "area_let", "units_let"
            )
            if any(row[3:])
        }

    def unit_rows() -> dict:
        return {
            row[0]: row[1:]
            for row in UnitOccupancy.objects.values_list("unit_id", "campus_id", "kind", "steps")
        }

    before_months, before_units = kept(), unit_rows()
    from django.db import transaction

    found: list[str] = []
    with transaction.atomic():
        rebuild(apps=apps)
        after_months, after_units = kept(), unit_rows()
        for key in sorted(set(before_months) | set(after_months)):
            if before_months.get(key) != after_months.get(key):
                found.append(f"month {key}: kept {before_months.get(key)}, computed {after_months.get(key)}")
        for key in sorted(set(before_units) | set(after_units)):
            if before_units.get(key) != after_units.get(key):
                found.append(f"unit {key}: kept {before_units.get(key)}, computed {after_units.get(key)}")
        transaction.set_rollback(True)
    return found
