import datetime
from decimal import Decimal

import factory

from biocluster.cooperation.models import (
    AgreementActivity,
    Label,
    Membership,
    Mission,
    Pack,
    PackSubscription,
    PartnershipAgreement,
    SoftLanding,
    TalentVisa,
)
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.events.tests.factories import EventFactory


class PartnerFactory(OrganisationFactory):
    kind = "cluster"
    country = "CA"


class AgreementFactory(factory.django.DjangoModelFactory):
    """A row written directly, without the services' rules: for arranging tests."""

    class Meta:
        model = PartnershipAgreement

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Cooperation agreement {n}")
    kind = "cooperation"
    scopes = ["soft_landing", "joint_rd"]
    status = "signed"
    signed_on = datetime.date(2024, 3, 1)
    expires_on = datetime.date(2027, 2, 28)
    renewal = "on_request"
    source = "synthetic"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementActivity
        skip_postgeneration_save = True

    agreement = factory.SubFactory(AgreementFactory)
    kind = "webinar"
    happened_on = datetime.date(2025, 5, 6)
    title = factory.Sequence(lambda n: f"Webinar {n}")
    source = "synthetic"

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organisations.set(extracted)


class SoftLandingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SoftLanding

    name = factory.Sequence(lambda n: f"Landing Bio {n}")
    country = "US"
    direction = "inbound"
    stage = "lead"
    stage_changed_on = datetime.date(2025, 1, 6)
    source = "synthetic"


class VisaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentVisa

    soft_landing = factory.SubFactory(SoftLandingFactory)
    person_name = "Ada Founder"
    kind = "founder"
    status = "preparing"


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    event = factory.SubFactory(EventFactory, kind="abroad", country="US", status="published")
    kind = "stand"
    source = "synthetic"


class PackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pack

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Pack {n}")
    price = Decimal("2500.00")
    content = "Meetings arranged with corporations."


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PackSubscription

    pack = factory.SubFactory(PackFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="startup")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(OrganisationFactory, kind="network", country="BE")
    role = "Member"
    since = datetime.date(2019, 1, 1)
    renewal_on = datetime.date(2027, 1, 1)
    source = "synthetic"


class LabelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Label

    scheme = "ESCA cluster management excellence"
    level = "Bronze"
    awarded_on = datetime.date(2018, 6, 1)
    source = "synthetic"
