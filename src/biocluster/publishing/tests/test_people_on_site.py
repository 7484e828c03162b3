"""A snapshot keeps the people on site as the survey made them: validated, with the response
rate and the part estimated for the organisations that did not answer."""

from datetime import date

import pytest
import time_machine

from biocluster.publishing import report, services
from biocluster.survey.tests.factories import people_on_site_2025

pytestmark = pytest.mark.django_db


def test_a_snapshot_keeps_the_estimated_part_of_the_people_on_site(staff_user):
    people_on_site_2025()
    with time_machine.travel(date(2026, 3, 2), tick=False):
        snapshot = services.freeze(actor=staff_user, year=2025)
    frozen = snapshot.values.get(code="directory.people_on_site")
    assert (frozen.value, frozen.provenance, frozen.estimated) == (24, "validated", 12)
    assert report.note(frozen) == "validated by staff; response rate 75%; of which estimated for the rest: 12"
