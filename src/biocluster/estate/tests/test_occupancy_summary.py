"""The occupancy summary the services keep agrees exactly with the figures computed from the rows.

Random operations through the services (sign, renew, terminate, cancel, early move-out, a status
set by hand, a unit's area or kind changed, divide, combine), then: the summary equals a rebuild
from the rows, the series read from it equals the series computed from the status rows and
lines (in total, by campus, by kind, filtered), and `occupancy()` from the agreements and from
the status history on the first of some months. Hypothesis draws the operations."""

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.estate import lineage, moves, occupancy_summary, services
from biocluster.estate.models import Agreement, OccupancyMonth, Unit, UnitOccupancy, UnitStatus
from biocluster.estate.occupancy import Occupancy, occupancy, occupancy_by
from biocluster.estate.occupancy_steps import unit_steps
from biocluster.estate.series import computed_series_by, series, series_by

from .factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date
FIRST, LAST = D(2018, 1, 1), D(2024, 12, 1)
DAYS = (LAST - FIRST).days


def _day(offset: int) -> datetime.date:
    return FIRST + datetime.timedelta(days=offset % DAYS)


OPERATIONS = st.one_of(
    st.tuples(st.just("sign"), st.integers(0, 7), st.integers(0, DAYS), st.integers(0, 900), st.booleans()),
    st.tuples(st.just("renew"), st.integers(0, 40), st.integers(1, 400)),
    st.tuples(st.just("terminate"), st.integers(0, 40), st.integers(0, 900)),
    st.tuples(st.just("cancel"), st.integers(0, 40)),
    st.tuples(st.just("move_out"), st.integers(0, 40), st.integers(0, 900)),
    st.tuples(
        st.just("status"),
        st.integers(0, 7),
        st.sampled_from(["available", "under_works", "planned"]),
        st.integers(0, DAYS),
        st.integers(1, 400),
    ),
    st.tuples(st.just("area"), st.integers(0, 7), st.integers(10, 3000)),
    st.tuples(st.just("kind"), st.integers(0, 7), st.sampled_from(["office", "mixed", "meeting_room"])),
    st.tuples(st.just("divide"), st.integers(0, 7), st.integers(0, DAYS)),
    st.tuples(st.just("combine"), st.integers(0, 7), st.integers(0, DAYS)),
)


def _apply(operation, *, actor, units, tenant) -> None:
    name, *args = operation
    live = list(Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("pk"))
    agreements = list(Agreement.objects.order_by("pk"))
    if name == "sign":
        index, offset, length, two = args
        chosen = [live[index % len(live)]]
        if two:
            chosen += [u for u in live if u.building_id == chosen[0].building_id and u != chosen[0]][:1]
        start = _day(offset)
        services.create_agreement(
            actor=actor, organisation=tenant, units=chosen, start=start,
            end=start + datetime.timedelta(days=length), kind="lease",
        )  # fmt: skip
        return
    if name in ("renew", "terminate", "cancel", "move_out"):
        if not agreements:
            return
        agreement = agreements[args[0] % len(agreements)]
        if name == "renew":
            services.renew_agreement(
                actor=actor, agreement=agreement, end=agreement.end + datetime.timedelta(days=args[1])
            )
        elif name == "terminate":
            on = agreement.start + datetime.timedelta(
                days=args[1] % max(1, (agreement.end - agreement.start).days)
            )
            services.terminate_agreement(actor=actor, agreement=agreement, on=on, reason="closed")
        elif name == "cancel":
            services.cancel_agreement(actor=actor, agreement=agreement)
        else:
            on = agreement.start + datetime.timedelta(
                days=args[1] % ((agreement.end - agreement.start).days + 1)
            )
            moves.record_move_out(actor=actor, agreement=agreement, on=on, reason="outgrew", site_dates=False)
        return
    unit = live[args[0] % len(live)]
    if name == "status":
        _index, status, offset, delivery = args
        since = _day(offset)
        services.set_unit_status(
            actor=actor, unit=unit, status=status, since=since,
            delivery_on=since + datetime.timedelta(days=delivery) if status == "planned" else None,
        )  # fmt: skip
    elif name == "area":
        services.update_unit(actor=actor, unit=unit, area=Decimal(args[1]) / 10)
    elif name == "kind":
        services.update_unit(actor=actor, unit=unit, kind=args[1])
    elif name == "divide":
        half = (unit.area / 2).quantize(Decimal("0.1"))
        parts = [{"code": f"{unit.code}a", "area": half}, {"code": f"{unit.code}b", "area": unit.area - half}]
        units += [*lineage.divide_unit(actor=actor, unit=unit, on=_day(args[1]), parts=parts).results.all()]
    elif name == "combine":
        same_floor = [u for u in live if u.floor_id == unit.floor_id and u.building_id == unit.building_id]
        if len(same_floor) > 1:
            code = "C" + "-".join(str(u.pk) for u in same_floor[:2])
            units.append(
                lineage.combine_units(actor=actor, units=same_floor[:2], on=_day(args[1]), code=code)
            )


def _without_empty(grouped: dict) -> dict:
    return {
        group: months
        for group, months in grouped.items()
        if any(f.units_total or f.units_let for _d, f in months)
    }


def check_summary_agrees() -> None:
    assert occupancy_summary.differences() == []
    campus = BuildingFactory._meta.model.objects.order_by("pk").first().campus
    for by in (None, "campus", "kind"):
        assert _without_empty(series_by(FIRST, LAST, by)) == _without_empty(
            computed_series_by(FIRST, LAST, by)
        ), by
    for units in (
        {"building__campus": campus},
        {"kind": "office"},
        {"building__campus": campus, "kind": "mixed"},
    ):
        computed = computed_series_by(FIRST, LAST, None, **units)
        nothing = Occupancy(Decimal(0), Decimal(0), 0, 0)
        expected = computed[None] if None in computed else [(day, nothing) for day, _f in series(FIRST, LAST)]
        assert series(FIRST, LAST, **units) == expected, units
    for day, figures in series(FIRST, LAST)[::7]:
        assert figures == occupancy(day) == occupancy(day, from_statuses=True), day
        for by in ("campus", "kind"):
            grouped = {
                g: dict(m)[day] for g, m in series_by(day, day, by).items() if dict(m)[day].units_total
            }
            assert grouped == {k: v for k, v in occupancy_by(day, by).items() if v.units_total}, (day, by)


def _world():
    campuses = [CampusFactory(name="North"), CampusFactory(name="South")]
    buildings = [BuildingFactory(campus=campus) for campus in campuses]
    units = []
    for index in range(8):
        building = buildings[index % 2]
        unit = UnitFactory(
            building=building, kind=["office", "mixed"][index % 3 == 0], area=Decimal(20 + index * 7)
        )
        unit.floor = services.floor_of(building, index % 2)
        unit.save(update_fields=["floor"])
        units.append(unit)
    return units, OrganisationFactory()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=18))
def test_the_summary_agrees_after_random_operations(staff_user, operations):
    note(repr(operations))
    with transaction.atomic():
        units, tenant = _world()
        for operation in operations:
            with contextlib.suppress(ValidationError):  # refused: nothing written
                _apply(operation, actor=staff_user, units=units, tenant=tenant)
        check_summary_agrees()
        transaction.set_rollback(True)


def test_a_fixed_history_month_by_month(staff_user):
    """A plan that cannot pass by chance: a known lease, a unit under works, a division."""
    campus = CampusFactory(name="East")
    building = BuildingFactory(campus=campus)
    unit = UnitFactory(building=building, area=Decimal("100.0"))
    other = UnitFactory(building=building, area=Decimal("50.0"))
    services.create_agreement(
        actor=staff_user, organisation=OrganisationFactory(), units=[unit],
        start=D(2020, 1, 15), end=D(2020, 6, 30), kind="lease",
    )  # fmt: skip
    services.set_unit_status(actor=staff_user, unit=other, status="under_works", since=D(2020, 3, 1))
    services.set_unit_status(actor=staff_user, unit=other, status="available", since=D(2020, 5, 2))
    months = dict(series(D(2020, 1, 1), D(2020, 8, 1)))
    assert [(f.area_total, f.area_let, f.units_let) for f in months.values()] == [
        (Decimal("150.0"), 0, 0),  # the lease starts on the 15th
        (Decimal("150.0"), Decimal("100.0"), 1),
        (Decimal("100.0"), Decimal("100.0"), 1),  # under works from 1 March
        (Decimal("100.0"), Decimal("100.0"), 1),
        (Decimal("100.0"), Decimal("100.0"), 1),  # available again on the 2nd: from June
        (Decimal("150.0"), Decimal("100.0"), 1),
        (Decimal("150.0"), 0, 0),  # ended 30 June
        (Decimal("150.0"), 0, 0),
    ]
    lineage.divide_unit(
        actor=staff_user,
        unit=other,
        on=D(2020, 8, 1),
        parts=[{"code": "A", "area": 20}, {"code": "B", "area": 30}],
    )
    assert dict(series(D(2020, 8, 1), D(2020, 8, 1)))[D(2020, 8, 1)].units_total == 3
    check_summary_agrees()


def test_no_status_history_that_says_free_while_let(staff_user, tenant, unit):
    """What would make the two ways disagree is refused: a status set by hand on a day the unit is
    let (even available), a planned unit delivered during a lease, a renewal over works."""
    agreement = services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],
        start=D(2021, 1, 1),
        end=D(2021, 6, 30),
        kind="lease",
    )
    with pytest.raises(ValidationError) as refused:
        services.set_unit_status(actor=staff_user, unit=unit, status="available", since=D(2021, 3, 1))
    assert "since" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.set_unit_status(
            actor=staff_user, unit=unit, status="planned", since=D(2020, 6, 1), delivery_on=D(2021, 2, 1)
        )
    assert "delivery_on" in refused.value.message_dict
    services.set_unit_status(actor=staff_user, unit=unit, status="under_works", since=D(2021, 9, 1))
    with pytest.raises(ValidationError) as refused:
        services.renew_agreement(actor=staff_user, agreement=agreement, end=D(2021, 12, 31))
    assert "end" in refused.value.message_dict
    services.renew_agreement(actor=staff_user, agreement=agreement, end=D(2021, 8, 31))
    check_summary_agrees()


def test_rows_written_by_hand_are_caught_and_rebuilt(unit, capsys):
    UnitStatus.objects.create(unit=unit, status="under_works", since=D(2021, 1, 1))  # without the services
    assert occupancy_summary.differences()
    with pytest.raises(Exception, match="differences"):
        call_command("estate_occupancy_summary", "--check")
    call_command("estate_occupancy_summary", "--rebuild")
    call_command("estate_occupancy_summary", "--check")
    assert "agrees" in capsys.readouterr().out
    assert UnitOccupancy.objects.count() == 1 and OccupancyMonth.objects.exists()
    assert series(D(2021, 1, 1), D(2021, 1, 1))[0][1].units_total == 0


def test_the_steps_of_one_unit():
    rows = [(D(2019, 12, 31), "available"), (D(2020, 2, 1), "under_works"), (D(2020, 2, 1), "available")]
    # the later row of a day wins; starting on the 31st counts from the 1st of the next month
    assert unit_steps(rows, [(D(2020, 3, 2), D(2020, 3, 31))], 100, ["available", "let"]) == [
        [2020 * 12, 100, 1, 0, 0],
    ]
    assert unit_steps(rows, [(D(2020, 3, 1), D(2020, 4, 30))], 100, ["available", "let"]) == [
        [2020 * 12, 100, 1, 0, 0],
        [2020 * 12 + 2, 0, 0, 100, 1],
        [2020 * 12 + 4, 0, 0, -100, -1],
    ]
