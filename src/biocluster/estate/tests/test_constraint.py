"""The database itself refuses a unit let twice for overlapping periods, whatever writes the row."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from biocluster.estate import constraints
from biocluster.estate.models import AgreementUnit

from .factories import AgreementFactory, UnitFactory, line

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_guarantee_is_installed():
    assert constraints.is_installed(connection)


@pytest.mark.parametrize(
    ("start", "end"),
    [(D(2026, 6, 1), D(2027, 6, 1)), (D(2025, 1, 1), D(2026, 1, 1)), (D(2026, 12, 31), D(2026, 12, 31))],
)
def test_an_overlapping_active_line_is_refused(start, end):
    unit = UnitFactory()
    line(AgreementFactory(), unit)  # 2026-01-01 to 2026-12-31, both days included
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        line(AgreementFactory(), unit, start=start, end=end)
    assert constraints.is_overlap_error(caught.value)


def test_touching_inactive_or_other_units_lines_are_accepted():
    unit = UnitFactory()
    line(AgreementFactory(), unit)
    line(AgreementFactory(), unit, start=D(2027, 1, 1), end=D(2027, 6, 30))
    line(AgreementFactory(), unit, active=False)
    line(AgreementFactory(), UnitFactory())
    assert AgreementUnit.objects.count() == 4


def test_an_update_into_an_overlap_or_a_reactivation_over_another_is_refused():
    unit = UnitFactory()
    line(AgreementFactory(), unit)
    later = line(AgreementFactory(), unit, start=D(2027, 1, 1), end=D(2027, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementUnit.objects.filter(pk=later.pk).update(start=D(2026, 12, 1))
    cancelled = line(AgreementFactory(), unit, start=D(2026, 3, 1), end=D(2026, 3, 31), active=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementUnit.objects.filter(pk=cancelled.pk).update(active=True)


def test_a_long_lease_is_seen_at_its_very_end():
    unit = UnitFactory()
    line(AgreementFactory(), unit, start=D(2001, 1, 1), end=D(2049, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        line(AgreementFactory(), unit, start=D(2049, 12, 31), end=D(2050, 12, 31))
