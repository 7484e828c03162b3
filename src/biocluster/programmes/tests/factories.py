"""Factories of the programmes: a Shaker-like programme, cohorts, enrolments, experts."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import OrganisationFactory, PersonFactory
from biocluster.programmes.dates import programme_end
from biocluster.programmes.models import Cohort, Enrolment, Expert, Milestone, Programme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = "shaker"
    name_en = "Shaker"
    name_fr = "Shaker"
    summary_en = "Pre-incubation for project holders."
    summary_fr = "Pré-incubation pour porteurs de projet."
    target = "project_holders"
    duration_months = 6
    renewal_months = 6
    days_quota = None
    shared_lab_access = True


def booster(**kwargs) -> Programme:
    values = {
        "code": "booster",
        "name_en": "Booster",
        "name_fr": "Booster",
        "target": "young_companies",
        "duration_months": 12,
        "renewal_months": 12,
        "days_quota": Decimal(20),
        "shared_lab_access": False,
        "office_or_lab_space": True,
        "fund_raising_support": True,
        "position": 1,
    }
    values.update(kwargs)
    return ProgrammeFactory(**values)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    start_date = factory.LazyAttribute(lambda o: o.cohort.start_date)
    initial_end_date = factory.LazyAttribute(
        lambda o: programme_end(o.start_date, o.cohort.programme.duration_months)
    )
    end_date = factory.LazyAttribute(lambda o: o.initial_end_date)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    person = factory.SubFactory(PersonFactory)
    kind = "expert"
    expertise_en = "Regulatory affairs"
    expertise_fr = "Affaires réglementaires"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    enrolment = factory.SubFactory(EnrolmentFactory)
    kind = "fund_raise"
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    title = "Seed round"
    evidence = "https://example.org/press"
    amount = Decimal("500000")
    round = "seed"
    status = "declared"


def entreprises_staff(**kwargs):
    user = UserFactory(**kwargs)
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.ENTREPRISES)
    return user
