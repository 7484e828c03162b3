"""The demo loads the three calls of the seeds through the services, once; the reminder command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from biocluster.calls import eligibility
from biocluster.calls.facts import applicant_facts
from biocluster.calls.models import Award, Call, Proposal, Review
from biocluster.calls.tests.factories import ReviewFactory, closed_call, submitted
from biocluster.core.demo import DemoContext

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_three_calls_and_loads_once():
    from biocluster.calls.demo import load
    from biocluster.directory.demo.loader import load as load_directory

    context = DemoContext(write=lambda message: None)
    load_directory(context)
    load(context)
    phases = {c.reference_prefix: c.phase() for c in Call.objects.all()}
    assert phases == {"EQ25": "decided", "PD26": "closed", "AT26": "open"}
    assert Award.objects.count() == 3
    declared = Review.objects.get(conflict="declared")
    assert declared.reviewer.email == "reviewer@demo.biocluster"
    # The reviewer who once worked on a platform was never assigned to its proposals.
    assert not Review.objects.filter(
        reviewer__email="reviewer-3@demo.biocluster",
        proposal__organisation__kind="platform",
        proposal__organisation__affiliations__person__user__email="reviewer-3@demo.biocluster",
    ).exists()
    # Every demo applicant meets the rules of the call they apply to, as the directory stands.
    for proposal in Proposal.objects.select_related("call", "applicant", "organisation"):
        facts = applicant_facts(proposal.applicant, proposal.organisation)
        unmet = eligibility.unmet(eligibility.evaluate(proposal.call.eligibility, facts))
        assert unmet == [], (proposal.call.reference_prefix, proposal.applicant.email, unmet)
    counts = (Call.objects.count(), Review.objects.count())
    load(context)
    assert (Call.objects.count(), Review.objects.count()) == counts


def test_remind_reviewers(django_capture_on_commit_callbacks):
    call = closed_call()
    review = ReviewFactory(proposal=submitted(call=call), due_at=timezone.now() + timedelta(days=2))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_reviewers", stdout=out)
    assert out.getvalue().strip() == "1 reminders sent."
    assert mail.outbox[0].to == [review.reviewer.email]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_reviewers", stdout=StringIO())
    assert len(mail.outbox) == 1  # not again within a few days
