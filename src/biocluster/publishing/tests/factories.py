"""Records for the snapshots' tests: organisations on a campus (the directory's indicators count
them), a test indicator valued at their headcount, and a frozen year."""

from datetime import UTC, date, datetime

import factory

from biocluster.core import indicators as ind
from biocluster.directory.models import Organisation
from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.publishing.models import Section

YEAR = 2024
HEADCOUNT = "publishing_test.headcount"


def on_site(name: str, *, year: int = YEAR, kind: str = "sme", headcount: int | None = None, **fields):
    """A company on a campus, on site and in the directory since `year` (its created_at moved there)."""
    campus = fields.pop("campus", None) or CampusFactory(name="Campus 1")
    organisation = OrganisationFactory(name=name, kind=kind, campus=campus, headcount=headcount, **fields)
    Organisation.objects.filter(pk=organisation.pk).update(
        created_at=datetime(year, 6, 1, 10, tzinfo=UTC), on_site_since=date(year, 6, 1)
    )
    organisation.refresh_from_db()
    return organisation


def _headcount(period, by=None):
    rows = ind.within(
        Organisation.objects.filter(campus__isnull=False, headcount__isnull=False),
        "created_at",
        period,
        moment=True,
    )
    source = ind.Source(
        "directory.organisation",
        rows,
        label="name",
        date="created_at",
        url=("directory:organisation_detail", "pk"),
        value="headcount",
        organisation=ind.SELF,
    )
    return ind.measure(source, by)


def register_headcount(version: int = 1) -> ind.Indicator:
    return ind.register(
        ind.Indicator(
            code=HEADCOUNT,
            name="Headcount on site",
            definition="People employed by the organisations on a campus.",
            unit=ind.COUNT,
            period_kind=ind.AT,
            compute=_headcount,
            version=version,
            order=1,
        )
    )


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    order = factory.Sequence(lambda n: n)
    title_en = factory.Sequence(lambda n: f"Section {n}")
    title_fr = factory.Sequence(lambda n: f"Partie {n}")
    body_en = "What the year brought."
    body_fr = "Ce que l'année a apporté."
    codes = factory.LazyFunction(lambda: ["directory.companies_on_site"])


DECLARED = "publishing_test.declared_sales"


def register_declared() -> ind.Indicator:
    """A figure the companies declare (as the survey's): validated, with a response rate."""

    def compute(period, by=None):
        result = _headcount(period, by)
        result.provenance, result.response_rate = ind.VALIDATED, 0.64
        return result

    return ind.register(
        ind.Indicator(
            code=DECLARED,
            name="Declared sales",
            definition="Sales the companies declared.",
            unit=ind.EUR,
            period_kind=ind.YEAR,
            compute=compute,
            order=2,
        )
    )
