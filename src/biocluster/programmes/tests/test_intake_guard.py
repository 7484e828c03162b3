"""A company enrolled over an intake's enrolment period cannot apply to it; a programme's page
links to its open intake call."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from biocluster.accounts.models import ApiToken
from biocluster.calls import services as calls
from biocluster.calls.models import Proposal
from biocluster.calls.tests.factories import CallFactory, ProposalFactory
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(shaker, programmes_staff):
    """An open intake call of the Shaker whose cohort starts in 60 days (six months' enrolment)."""
    call = CallFactory(kind="programme_intake", title_en="Shaker next intake", managers=[programmes_staff])
    CohortFactory(
        programme=shaker,
        intake_call=call,
        name="Shaker next",
        start_date=timezone.localdate() + timedelta(days=60),
    )
    return call


def test_an_enrolled_company_cannot_start_an_application_and_is_told_which_enrolment(
    intake, enrolment, member
):
    with pytest.raises(ValidationError) as caught:
        calls.start_proposal(actor=member, call=intake)
    (message,) = caught.value.message_dict["organisation"]
    assert message.startswith("Member Bio cannot apply to Shaker next intake: it is already enrolled in ")
    assert "Shaker spring" in message and "which overlaps this intake" in message
    assert not Proposal.objects.exists()


def test_a_company_whose_enrolment_ended_before_the_intake_may_apply(
    intake, cohort, member, member_organisation
):
    EnrolmentFactory(
        cohort=cohort,
        organisation=member_organisation,
        start_date=timezone.localdate() - timedelta(days=400),
        initial_end_date=timezone.localdate() - timedelta(days=220),
        end_date=timezone.localdate() - timedelta(days=220),
    )
    proposal = calls.start_proposal(actor=member, call=intake)
    calls.save_draft(actor=member, proposal=proposal, organisation=member_organisation)
    assert Proposal.objects.get().organisation == member_organisation


def test_choosing_or_submitting_with_an_enrolled_company_is_refused(
    intake, enrolment, member, member_organisation
):
    proposal = ProposalFactory(call=intake, applicant=member)
    with pytest.raises(ValidationError) as caught:
        calls.save_draft(actor=member, proposal=proposal, organisation=member_organisation)
    assert "already enrolled in" in caught.value.message_dict["organisation"][0]
    proposal.refresh_from_db()
    assert proposal.organisation is None

    proposal.organisation = member_organisation
    proposal.save()
    with pytest.raises(ValidationError) as caught:
        calls.submit_proposal(actor=member, proposal=proposal)
    assert "which overlaps this intake" in caught.value.message_dict["organisation"][0]
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_other_calls_ignore_enrolments(enrolment, member):
    assert calls.start_proposal(actor=member, call=CallFactory()).pk


def test_the_api_refuses_the_start_with_a_422_on_the_organisation(client, intake, enrolment, member):
    response = client.post(
        f"/api/calls/{intake.pk}/proposals",
        {"title": "Again"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {ApiToken.issue(member)[1]}"},
    )
    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert detail["loc"] == ["body", "organisation"] and "already enrolled" in detail["msg"]


def test_the_programme_page_links_to_its_open_intake_call(client, shaker, intake):
    html = client.get(reverse("programmes:programme_detail", args=[shaker.pk])).content.decode()
    assert f'href="{reverse("calls:call_detail", args=[intake.pk])}"' in html
    assert "Apply: Shaker next intake" in html
    deadline = timezone.localtime(intake.closes_at, intake.zone)
    assert f"deadline {deadline.day} " in html and "Europe/Paris" in html


def test_the_programme_page_offers_no_closed_or_upcoming_intake(client, shaker, intake):
    now = timezone.now().replace(microsecond=0)
    intake.closes_at = now - timedelta(seconds=1)
    intake.save()
    upcoming = CallFactory(kind="programme_intake", opens_at=now + timedelta(days=1))
    CohortFactory(programme=shaker, intake_call=upcoming)
    html = client.get(reverse("programmes:programme_detail", args=[shaker.pk])).content.decode()
    assert "Apply:" not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_follows_the_programme_page_to_its_open_intake(page, shaker, intake):
    from playwright.sync_api import expect

    page.goto(reverse("programmes:programme_detail", args=[shaker.pk]))
    page.get_by_role("link", name="Apply: Shaker next intake").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shaker next intake")
