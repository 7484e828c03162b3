import datetime

import factory

from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.survey.catalogue import ensure_standard_questions
from biocluster.survey.models import Answer, Campaign, Question, Response


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"question-{n}")
    label_en = factory.Sequence(lambda n: f"Question {n}")
    label_fr = factory.Sequence(lambda n: f"Question {n} (fr)")
    kind = "integer"
    minimum = 0


class CampaignFactory(factory.django.DjangoModelFactory):
    """A campaign written directly (no companies asked by the rule): for arranging tests."""

    class Meta:
        model = Campaign
        django_get_or_create = ("year",)
        skip_postgeneration_save = True

    year = 2025
    deadline = datetime.date(2026, 3, 31)
    state = "open"
    source = "synthetic"

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if create:
            obj.questions.set(extracted if extracted is not None else ensure_standard_questions())


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    campaign = factory.SubFactory(CampaignFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="startup")
    reason = "accredited"
    source = "synthetic"


def answer(response, code: str, number=None, **fields) -> Answer:
    question = Question.objects.get(code=code)
    return Answer.objects.create(response=response, question=question, number=number, **fields)
