import datetime
from decimal import Decimal

import factory

from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.funders.models import (
    FundedProject,
    FunderContract,
    Instalment,
    Objective,
    ReportingDeadline,
    Target,
)


class FunderFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    kind = "funder"


class ContractFactory(factory.django.DjangoModelFactory):
    """A row written directly, without the services' rules: for arranging tests."""

    class Meta:
        model = FunderContract

    funder = factory.SubFactory(FunderFactory)
    title = factory.Sequence(lambda n: f"Objectives contract {n}")
    reference = factory.Sequence(lambda n: f"COM-{n:04d}")
    amount = Decimal("25000000")
    start_year = 2021
    end_year = 2023
    language = "fr"
    source = "synthetic"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    contract = factory.SubFactory(ContractFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = "Grow the bio-industries"
    title_fr = "Développer les bio-industries"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    objective = factory.SubFactory(ObjectiveFactory)
    indicator = "calls.proposals"
    year = 2022
    value = Decimal("10")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundedProject

    contract = factory.SubFactory(ContractFactory)
    title = "Biofoundry"
    amount = Decimal("1000000")


class InstalmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instalment

    contract = factory.SubFactory(ContractFactory)
    expected_on = datetime.date(2021, 6, 30)
    amount = Decimal("5000000")


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingDeadline

    contract = factory.SubFactory(ContractFactory)
    due_on = datetime.date(2022, 3, 31)
    what = "Annual activity report 2021"
