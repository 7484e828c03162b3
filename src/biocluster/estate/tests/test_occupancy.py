"""Occupancy at a date, computed from the agreements and from the units' status history: they agree."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.estate import services
from biocluster.estate.occupancy import monthly, occupancy, occupancy_by
from biocluster.estate.series import series

from .factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_figures_at_a_date(staff_user, tenant, building, unit, other_unit):
    UnitFactory(building=building, kind="meeting_room", area=Decimal("500"))  # booked, not let: left out
    UnitFactory(building=building, status="planned", area=Decimal("1000"))  # not in service: left out
    services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
        kind="licence",
    )
    figures = occupancy(D(2026, 6, 1))
    assert figures.as_dict() == {
        "area_total": 100.0,
        "area_let": 40.0,
        "rate": 40.0,
        "units_total": 2,
        "units_let": 1,
    }
    assert occupancy(D(2027, 1, 1)).units_let == 0
    assert {key: f.units_let for key, f in occupancy_by(D(2026, 6, 1), "kind").items()} == {
        "bsl1_lab": 0,
        "bsl2_lab": 1,
    }


def test_occupancy_from_agreements_and_from_status_history_agree(staff_user):
    """Random leases, renewals, terminations and cancellations over ten years on two campuses."""
    rng = random.Random(14)
    units = [
        UnitFactory(
            building=BuildingFactory(campus=campus),
            kind=rng.choice(["office", "bsl1_lab", "bsl2_lab", "mixed"]),
            area=Decimal(rng.randrange(9, 300)),
        )
        for campus in (CampusFactory(name="North"), CampusFactory(name="South"))
        for _ in range(8)
    ]
    tenants = [OrganisationFactory() for _ in range(5)]
    signed = []
    for _ in range(60):
        start = D(2015, 1, 1) + datetime.timedelta(days=rng.randrange(0, 3650))
        end = start + datetime.timedelta(days=rng.randrange(30, 1500))
        unit = rng.choice(units)
        try:
            signed.append(
                services.create_agreement(
                    actor=staff_user,
                    organisation=rng.choice(tenants),
                    units=[unit],
                    start=start,
                    end=end,
                    kind="lease",
                )
            )
        except ValidationError:
            continue
    for agreement in rng.sample(signed, 8):
        action = rng.choice(["terminate", "cancel", "renew"])
        try:
            if action == "terminate" and agreement.end > agreement.start:
                services.terminate_agreement(
                    actor=staff_user,
                    agreement=agreement,
                    on=agreement.start,
                    reason="closed",
                    early_release="Closed down",
                )
            elif action == "cancel":
                services.cancel_agreement(actor=staff_user, agreement=agreement)
            else:
                services.renew_agreement(
                    actor=staff_user, agreement=agreement, end=agreement.end + datetime.timedelta(days=200)
                )
        except ValidationError:
            continue
    assert len(signed) > 20
    for day, figures in monthly(D(2015, 1, 1), D(2025, 12, 1)):
        assert occupancy(day, from_statuses=True) == figures, day
        for by in ("campus", "kind"):
            assert occupancy_by(day, by, from_statuses=True) == occupancy_by(day, by), (day, by)
    assert any(figures.units_let for _day, figures in monthly(D(2015, 1, 1), D(2025, 12, 1)))
    assert series(D(2015, 1, 1), D(2025, 12, 1)) == monthly(D(2015, 1, 1), D(2025, 12, 1))
