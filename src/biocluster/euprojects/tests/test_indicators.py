"""The EU projects' indicators: projects running in a year, the EU contribution to the cluster and
to the companies on its campuses by year of start."""

import datetime
from decimal import Decimal

import pytest

from biocluster.core import indicators as ind
from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory

from .factories import ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_project_runs_in_every_year_it_spans_and_counts_from_the_year_s_first_day():
    ProjectFactory(acronym="LONG", starts_on=datetime.date(2020, 5, 1), ends_on=datetime.date(2022, 6, 14))
    ProjectFactory(
        acronym="LATER", starts_on=datetime.date(2022, 12, 27), ends_on=datetime.date(2024, 12, 31)
    )
    ProjectFactory(acronym="OVER", starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2020, 12, 31))
    running = ind.get("euprojects.running")
    by_year = {
        year: running.evaluate(running.period(year=year)).value for year in (2019, 2020, 2021, 2022, 2023)
    }
    assert by_year == {2019: 1, 2020: 2, 2021: 1, 2022: 2, 2023: 1}
    records = list(running.evaluate(running.period(year=2022)).records)
    assert [(r.label, r.date) for r in records] == [
        ("LATER", datetime.date(2022, 12, 27)),
        ("LONG", datetime.date(2022, 1, 1)),
    ]


def test_the_eu_contribution_counts_the_cluster_and_the_companies_on_campus():
    project = ProjectFactory(starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2026, 12, 31))
    ParticipantFactory(
        project=project, is_cluster=True, role="coordinator", eu_contribution=Decimal("300000")
    )
    on_campus = OrganisationFactory(kind="sme", campus=CampusFactory())
    ParticipantFactory(project=project, organisation=on_campus, eu_contribution=Decimal("120000"))
    ParticipantFactory(
        project=project, organisation=OrganisationFactory(kind="sme"), eu_contribution=Decimal("90000")
    )
    ParticipantFactory(
        project=project, organisation=OrganisationFactory(kind="network"), eu_contribution=Decimal("80000")
    )
    indicator = ind.get("euprojects.eu_contribution")
    result = indicator.evaluate(indicator.period(year=2023))
    assert result.value == Decimal("420000")
    assert indicator.evaluate(indicator.period(year=2024)).value == 0
    groups = indicator.evaluate(indicator.period(year=2023), ind.BY_ORGANISATION_KIND).groups
    assert groups == {"Cluster": Decimal("300000"), "SME": Decimal("120000")}
