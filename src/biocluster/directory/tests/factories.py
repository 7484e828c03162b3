import factory

from biocluster.directory.models import Affiliation, Campus, Organisation, OrganisationLink, Person


class CampusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campus
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Campus {n}")
    city = "Évry-Courcouronnes"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "startup"
    description_en = "A company of the cluster."
    description_fr = "Une entreprise du cluster."
    source = "synthetic"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    source = "synthetic"


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Scientist"


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationLink

    subject = factory.SubFactory(OrganisationFactory)
    object = factory.SubFactory(OrganisationFactory)
    kind = "partner_of"
    source = "synthetic"
