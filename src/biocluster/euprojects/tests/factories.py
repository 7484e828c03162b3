"""Rows written directly, without the services' rules: for arranging tests."""

import datetime
from decimal import Decimal

import factory

from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.euprojects.models import (
    Deliverable,
    DeliverableStep,
    Effort,
    Milestone,
    Participant,
    Project,
    ReportingPeriod,
    Task,
    WorkPackage,
)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    title = factory.Sequence(lambda n: f"A European project {n}")
    programme = "Horizon Europe"
    call = "Cluster Go International"
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2027, 12, 31)  # 24 months
    source = "synthetic"

    @factory.post_generation
    def staff(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.staff.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="cluster")
    role = "partner"
    budget = Decimal("200000")
    eu_contribution = Decimal("150000")
    source = "synthetic"


class WorkPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPackage

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Management"
    leader = factory.SubFactory(OrganisationFactory)
    start_month = 1
    end_month = 12
    source = "synthetic"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    work_package = factory.SubFactory(WorkPackageFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Coordination"
    start_month = 1
    end_month = 6
    source = "synthetic"


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    work_package = factory.SubFactory(WorkPackageFactory)
    project = factory.SelfAttribute("work_package.project")
    number = factory.Sequence(lambda n: f"D1.{n + 1}")
    title = "Market study"
    due_month = 6
    owner = factory.SelfAttribute("work_package.leader")
    dissemination = "PU"
    source = "synthetic"


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliverableStep

    deliverable = factory.SubFactory(DeliverableFactory)
    status = "draft"
    moved_on = datetime.date(2026, 1, 5)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Strategy agreed"
    month = 12
    verification = "Strategy document approved by the consortium"
    source = "synthetic"


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    project = factory.SubFactory(ProjectFactory)
    number = 1
    start_month = 1
    end_month = 12
    source = "synthetic"


class EffortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Effort

    participant = factory.SubFactory(ParticipantFactory)
    period = factory.SubFactory(PeriodFactory, project=factory.SelfAttribute("..participant.project"))
    planned = Decimal("6")
    declared = None
    source = "synthetic"


def consortium(*, staff=(), partners=1, **project):
    """A project with the cluster as coordinator, `partners` partners and one work package led by the first."""
    project = ProjectFactory(staff=list(staff), **project)
    cluster = ParticipantFactory(project=project, role="coordinator", is_cluster=True)
    others = [ParticipantFactory(project=project) for _ in range(partners)]
    wp = WorkPackageFactory(project=project, number=1, leader=(others or [cluster])[0].organisation)
    return project, cluster, others, wp
