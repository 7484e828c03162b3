import datetime
from datetime import date

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


def on_site(name: str, headcount: int | None, *, since=date(2020, 1, 1), left=None):
    from biocluster.directory.models import Organisation
    from biocluster.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name=name, kind="sme", headcount=headcount)
    Organisation.objects.filter(pk=organisation.pk).update(on_site_since=since, left_site_on=left)
    return organisation


def people_on_site_2025():
    """Four organisations on site at the end of 2025 (one left in 2025, one never there); the
    2025 survey validated two headcounts, a third answer is only submitted."""
    declared = on_site("Declared", 40)  # the directory says 40, the survey 12
    zero = on_site("Declared zero", 8)  # a validated 0 is an answer, not a gap
    submitted = on_site("Submitted only", 5)
    on_site("Directory only", 7)
    on_site("No headcount", None)
    gone = on_site("Gone", 100, left=date(2025, 6, 1))
    on_site("Never on site", 1000, since=None)
    campaign = CampaignFactory(year=2025, state="closed")
    for organisation, number, state in (
        (declared, 12, "validated"),
        (zero, 0, "validated"),
        (submitted, 30, "submitted"),
        (gone, 90, "validated"),  # left the site before 31 December: not counted
    ):
        answer(
            ResponseFactory(campaign=campaign, organisation=organisation, state=state), "headcount", number
        )
    return campaign
