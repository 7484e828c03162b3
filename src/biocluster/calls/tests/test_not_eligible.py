"""Whom a call's page shows "not eligible" can neither start nor submit, on the page and in the API,
and is told which criterion the directory shows unmet."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.calls import services
from biocluster.calls.models import Proposal
from biocluster.calls.tests.factories import CallFactory, ProposalFactory

pytestmark = pytest.mark.django_db

PERMANENT = [{"type": "permanent_position", "params": {}}]
LAB = [{"type": "affiliated_with", "params": {"kinds": ["research_lab"]}}]


def _tenured(member):
    """The member fixture works as a "Scientist" in a start-up: make the role permanent."""
    affiliation = member.person.affiliations.get()
    affiliation.role = "Directeur de recherche"
    affiliation.save()


def test_the_service_refuses_to_start_naming_the_unmet_criterion(member):
    call = CallFactory(eligibility=PERMANENT + LAB)
    with pytest.raises(ValidationError) as caught:
        services.start_proposal(actor=member, call=call)
    messages = caught.value.message_dict["eligibility"]
    assert messages[0] == "You are not eligible for this call."
    assert any(
        m.startswith("Holds a permanent position: ") and "Scientist, Member Bio" in m for m in messages
    )
    assert any(m.startswith("Works in an organisation of a given kind: ") for m in messages)
    assert not Proposal.objects.exists()
    assert not AuditEvent.objects.filter(action="calls.proposal.started").exists()


def test_a_rule_met_or_one_the_directory_cannot_tell_lets_the_applicant_start(member, reviewer):
    _tenured(member)
    assert services.start_proposal(actor=member, call=CallFactory(eligibility=PERMANENT)).pk
    # Not in the directory at all: staff check by hand, the applicant may write.
    assert services.start_proposal(actor=reviewer, call=CallFactory(eligibility=PERMANENT)).pk


def test_the_service_refuses_to_submit_a_draft_once_the_directory_shows_a_rule_unmet(member):
    _tenured(member)
    call = CallFactory(eligibility=PERMANENT)
    proposal = ProposalFactory(call=call, applicant=member)
    affiliation = member.person.affiliations.get()
    affiliation.role = "Postdoctoral fellow"
    affiliation.save()
    with pytest.raises(ValidationError) as caught:
        services.submit_proposal(actor=member, proposal=proposal)
    assert caught.value.message_dict["eligibility"] == [
        "Holds a permanent position: The directory shows no permanent position among your current roles "
        "(Postdoctoral fellow, Member Bio)."
    ]
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_the_api_answers_422_naming_the_criterion(client, member):
    call = CallFactory(eligibility=PERMANENT)
    headers = {"Authorization": f"Bearer {ApiToken.issue(member)[1]}"}
    response = client.post(
        f"/api/calls/{call.pk}/proposals", {"title": "X"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 422
    details = response.json()["detail"]
    assert {tuple(d["loc"]) for d in details} == {("body", "eligibility")}
    assert any("Holds a permanent position" in d["msg"] for d in details)
    assert not Proposal.objects.exists()


def test_the_page_shows_the_reason_and_offers_no_start(client, member):
    call = CallFactory(eligibility=PERMANENT)
    client.force_login(member)
    html = client.get(reverse("calls:call_detail", args=[call.pk])).content.decode()
    assert "you are not eligible" in html
    assert "Holds a permanent position: The directory shows no permanent position" in html
    assert "Start a proposal" not in html
    # A start posted all the same is refused with the same reason.
    response = client.post(reverse("calls:proposal_start", args=[call.pk]), follow=True)
    assert (
        "Holds a permanent position: The directory shows no permanent position" in response.content.decode()
    )
    assert not Proposal.objects.exists()

    _tenured(member)
    html = client.get(reverse("calls:call_detail", args=[call.pk])).content.decode()
    assert "Start a proposal" in html and "you are not eligible" not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_applicant_not_eligible_reads_why_and_finds_no_start(browser_as, member):
    from playwright.sync_api import expect

    call = CallFactory(eligibility=PERMANENT, title_en="Team-leader grants")
    page = browser_as(member)
    page.goto(reverse("calls:call_list"))
    page.get_by_role("link", name="Team-leader grants").click()
    alert = page.locator("#not-eligible")
    expect(alert).to_contain_text("you are not eligible")
    expect(alert).to_contain_text("Holds a permanent position: The directory shows no permanent position")
    expect(page.get_by_role("button", name="Start a proposal")).to_have_count(0)
    assert not Proposal.objects.filter(call=call).exists()
