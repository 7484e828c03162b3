"""Factories of the calls area. `open_call()` and `closed_call()` give ready-to-use calls."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from biocluster.accounts.models import Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.calls.formdef.schema import clean_definition
from biocluster.calls.models import Call, Decision, Proposal, ProposalMember, Review, ReviewerProfile

FORM = {
    "sections": [
        {
            "key": "project",
            "title_en": "The project",
            "title_fr": "Le projet",
            "fields": [
                {
                    "key": "abstract",
                    "type": "text",
                    "label_en": "Abstract",
                    "label_fr": "Résumé",
                    "required": True,
                    "max_length": 500,
                    "multiline": True,
                },
                {
                    "key": "duration",
                    "type": "number",
                    "label_en": "Duration (months)",
                    "label_fr": "Durée (mois)",
                    "min": 1,
                    "max": 36,
                },
                {
                    "key": "theme",
                    "type": "choice",
                    "label_en": "Theme",
                    "label_fr": "Thème",
                    "choices": [
                        {"value": "genomics", "label_en": "Genomics", "label_fr": "Génomique"},
                        {"value": "biotherapies", "label_en": "Biotherapies", "label_fr": "Biothérapies"},
                    ],
                },
                {"key": "start", "type": "date", "label_en": "Start", "label_fr": "Début"},
            ],
        },
        {
            "key": "money",
            "title_en": "Budget",
            "title_fr": "Budget",
            "fields": [
                {
                    "key": "budget",
                    "type": "budget",
                    "label_en": "Budget",
                    "label_fr": "Budget",
                    "categories": [
                        {"value": "equipment", "label_en": "Equipment", "label_fr": "Équipement"},
                        {"value": "staff", "label_en": "Staff", "label_fr": "Personnel"},
                    ],
                    "max_rows": 3,
                },
                {
                    "key": "quote",
                    "type": "file",
                    "label_en": "Supplier quote",
                    "label_fr": "Devis",
                    "extensions": ["pdf"],
                    "max_size_mb": 1,
                },
            ],
        },
    ]
}

RUBRIC = {
    "scale": {"min": 0, "max": 5},
    "criteria": [
        {"key": "excellence", "label_en": "Excellence", "label_fr": "Excellence", "weight": 2},
        {"key": "impact", "label_en": "Impact", "label_fr": "Impact", "weight": 1},
    ],
}


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    kind = "equipment"
    title_en = factory.Sequence(lambda n: f"Shared-equipment call {n}")
    title_fr = factory.Sequence(lambda n: f"Appel équipements mi-lourds {n}")
    summary_en = "Funds shared equipment for the platforms."
    summary_fr = "Finance des équipements partagés pour les plateformes."
    opens_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=10))
    budget_envelope = Decimal("100000.00")
    reference_prefix = factory.Sequence(lambda n: f"EQ{n}")
    status = "published"
    form_definition = factory.LazyFunction(lambda: clean_definition(FORM))
    rubric = factory.LazyFunction(lambda: RUBRIC)

    @factory.post_generation
    def managers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.managers.set(extracted)


def closed_call(**kwargs) -> Call:
    now = timezone.now().replace(microsecond=0)
    return CallFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1), **kwargs)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    summary = "A public summary of the project."
    requested_amount = Decimal("40000.00")
    answers = factory.LazyFunction(lambda: {"abstract": "What we will do."})


def submitted(**kwargs) -> Proposal:
    proposal = ProposalFactory(status="submitted", submitted_at=timezone.now(), **kwargs)
    proposal.number = proposal.pk
    proposal.save(update_fields=["number"])
    return proposal


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalMember

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)


def reviewer_user(**kwargs):
    user = UserFactory(**kwargs)
    grant_role(actor=None, user=user, role=Role.REVIEWER)
    return user


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(ProposalFactory)
    reviewer = factory.LazyFunction(reviewer_user)


class ReviewerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewerProfile

    user = factory.LazyFunction(reviewer_user)


def scored(proposal, score: int, reviewer=None) -> Review:
    """A submitted review giving `score` on every criterion of the factories' rubric."""
    return ReviewFactory(
        proposal=proposal,
        reviewer=reviewer or reviewer_user(),
        conflict="none",
        status="submitted",
        scores={"excellence": score, "impact": score},
        weighted_score=Decimal(score),
        comment_to_applicant=f"Comment scoring {score}.",
        submitted_at=timezone.now(),
    )


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    proposal = factory.SubFactory(ProposalFactory)
    outcome = "rejected"
    amount = Decimal(0)
