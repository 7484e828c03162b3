"""Conflicts of interest: found from the directory whatever the email, declared by reviewers,
and a conflicted reviewer gets a 404 for the proposal by page, API and attachment URL."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.accounts.models import ApiToken
from biocluster.calls import services
from biocluster.calls.facts import detect, reviewer_facts_many
from biocluster.calls.models import Attachment
from biocluster.calls.tests.factories import ReviewFactory, closed_call, reviewer_user, scored, submitted
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    LinkFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lab():
    return OrganisationFactory(name="Genomics Lab", kind="research_lab")


@pytest.fixture
def proposal(lab):
    proposal = submitted(organisation=lab)
    return proposal


def codes(reviewer, proposal):
    return [r.code for r in detect(reviewer, proposal)]


def test_a_current_role_at_the_applying_organisation(proposal, lab):
    reviewer = reviewer_user()
    AffiliationFactory(person=PersonFactory(user=reviewer), organisation=lab, role="Engineer")
    assert codes(reviewer, proposal) == ["same_organisation"]


def test_a_past_role_counts_too(proposal, lab):
    reviewer = reviewer_user()
    AffiliationFactory(
        person=PersonFactory(user=reviewer),
        organisation=lab,
        role="Postdoc",
        start_date=date(2015, 1, 1),
        end_date=date(2018, 1, 1),
    )
    assert codes(reviewer, proposal) == ["same_organisation"]


def test_the_reviewer_is_found_by_name_under_another_address(proposal, lab):
    """The directory lists Hélène Dupré-Martin at her lab address; she reviews with a gmail login."""
    reviewer = reviewer_user(email="hdm1970@gmail.example", first_name="Helene", last_name="dupre martin")
    AffiliationFactory(
        person=PersonFactory(first_name="Hélène", last_name="Dupré-Martin", email="h.dupre@lab.example"),
        organisation=lab,
        role="PI",
    )
    assert codes(reviewer, proposal) == ["same_organisation"]


def test_the_reviewer_is_found_by_email_without_a_linked_login(proposal, lab):
    reviewer = reviewer_user(email="Marc.Dubois@Example.org", first_name="", last_name="")
    AffiliationFactory(person=PersonFactory(email="marc.dubois@example.org"), organisation=lab)
    assert codes(reviewer, proposal) == ["same_organisation"]


def test_the_reviewer_is_found_by_an_address_the_directory_wrote_in_another_case(proposal, lab):
    reviewer = reviewer_user(email="marc.dubois@example.org", first_name="", last_name="")
    AffiliationFactory(person=PersonFactory(email="Marc.Dubois@EXAMPLE.org"), organisation=lab)
    assert codes(reviewer, proposal) == ["same_organisation"]


def test_an_address_with_an_accented_capital_is_the_same_address(proposal, lab):
    reviewer = reviewer_user(email="élodie.ørsted@example.org", first_name="", last_name="")
    AffiliationFactory(person=PersonFactory(email="ÉLODIE.Ørsted@example.org"), organisation=lab)
    assert codes(reviewer, proposal) == ["same_organisation"]


def test_a_link_between_the_organisations(proposal, lab):
    fund = OrganisationFactory(name="Seed Fund", kind="investor")
    LinkFactory(subject=fund, kind="invested_in", object=lab)
    reviewer = reviewer_user()
    AffiliationFactory(person=PersonFactory(user=reviewer), organisation=fund, role="Partner")
    assert codes(reviewer, proposal) == ["linked_organisation"]


def test_the_applicants_own_organisations_count(lab):
    applicant_org = OrganisationFactory(name="Spin-off Bio")
    proposal = submitted(organisation=None)
    AffiliationFactory(person=PersonFactory(user=proposal.applicant), organisation=applicant_org, role="CEO")
    LinkFactory(subject=applicant_org, kind="spin_off_of", object=lab)
    reviewer = reviewer_user()
    AffiliationFactory(person=PersonFactory(user=reviewer), organisation=lab, role="Director")
    assert codes(reviewer, proposal) == ["linked_organisation"]


def test_no_conflict_without_ties(proposal):
    reviewer = reviewer_user()
    AffiliationFactory(person=PersonFactory(user=reviewer), organisation=OrganisationFactory(), role="PI")
    assert codes(reviewer, proposal) == []


def test_a_whole_panel_costs_the_queries_of_one_reviewer(lab):
    """The names are matched by one indexed lookup for all the logins, not one search each."""
    reviewers = [reviewer_user(first_name=f"Zoé{i}", last_name="Lévy-Roux") for i in range(15)]
    PersonFactory(first_name="ZOE7", last_name="levy roux")
    AffiliationFactory(person=PersonFactory(first_name="zoe12", last_name="Lévy Roux"), organisation=lab)
    with CaptureQueriesContext(connection) as one:
        reviewer_facts_many(reviewers[12:13])
    with CaptureQueriesContext(connection) as panel:
        facts = reviewer_facts_many(reviewers)
    assert len(panel.captured_queries) == len(one.captured_queries)
    assert [len(facts[r.pk].person_ids) for r in reviewers].count(1) == 2
    assert facts[reviewers[12].pk].ties[0].organisation_id == lab.pk
    assert facts[reviewers[7].pk].matched_by[0][1] == "name"


def test_a_reviewer_named_in_another_script_is_found_by_name(proposal, lab):
    reviewer = reviewer_user(email="wang@mail.example", first_name="小明", last_name="王")
    AffiliationFactory(person=PersonFactory(first_name="小明", last_name="王"), organisation=lab, role="PI")
    AffiliationFactory(
        person=PersonFactory(first_name="小红", last_name="王"), organisation=OrganisationFactory()
    )
    assert codes(reviewer, proposal) == ["same_organisation"]


def test_assigning_a_conflicted_reviewer_is_refused(proposal, lab):
    reviewer = reviewer_user()
    AffiliationFactory(person=PersonFactory(user=reviewer), organisation=lab, role="Engineer")
    with pytest.raises(ValidationError, match="Conflict of interest: Role at Genomics Lab"):
        services.assign_reviewer(actor=None, proposal=proposal, reviewer=reviewer)
    assert not proposal.reviews.exists()


def test_no_reviewer_is_assigned_before_the_call_has_a_rubric(proposal, staff_user):
    proposal.call.rubric = {"scale": {"min": 0, "max": 5}, "criteria": []}
    proposal.call.save()
    with pytest.raises(ValidationError, match="no scoring rubric yet"):
        services.assign_reviewer(actor=staff_user, proposal=proposal, reviewer=reviewer_user())
    with pytest.raises(ValidationError, match="no scoring rubric yet"):
        services.auto_assign(actor=staff_user, call=proposal.call)
    assert not proposal.reviews.exists()


def test_declaring_none_is_checked_against_the_directory(proposal, lab):
    review = ReviewFactory(proposal=proposal)
    AffiliationFactory(person=PersonFactory(user=review.reviewer), organisation=lab, role="Joined later")
    review = services.declare_conflict(actor=review.reviewer, review=review, has_conflict=False)
    assert review.conflict == "declared"
    assert review.conflict_reason.startswith("Found in the directory")


def test_a_declared_conflict_needs_a_reason_and_is_final(proposal):
    review = ReviewFactory(proposal=proposal)
    with pytest.raises(ValidationError, match="what the conflict is"):
        services.declare_conflict(actor=review.reviewer, review=review, has_conflict=True, reason="")
    services.declare_conflict(
        actor=review.reviewer, review=review, has_conflict=True, reason="My former student"
    )
    with pytest.raises(ValidationError, match="cannot be withdrawn"):
        services.declare_conflict(actor=review.reviewer, review=review, has_conflict=False)


def test_a_review_records_its_conflict_status(proposal):
    review = ReviewFactory(proposal=proposal)
    services.declare_conflict(actor=review.reviewer, review=review, has_conflict=False)
    review = services.save_review(
        actor=review.reviewer,
        review=review,
        scores={"excellence": 4, "impact": 3},
        comment_to_applicant="Good.",
        submit=True,
    )
    assert (review.status, review.conflict) == ("submitted", "none")
    assert review.conflict_declared_at and review.conflict_checked_at == review.submitted_at


def test_scoring_before_declaring_is_refused(proposal):
    review = ReviewFactory(proposal=proposal)
    with pytest.raises(ValidationError, match="Declare first"):
        services.save_review(actor=review.reviewer, review=review, scores={"excellence": 4})


# --------------------------------------------------------------- 404 everywhere


@pytest.fixture
def conflicted(client, proposal, settings, tmp_path):
    settings.CALLS_PRIVATE_ROOT = tmp_path
    review = ReviewFactory(proposal=proposal, conflict="declared", conflict_reason="I advise them.")
    other = scored(proposal, 4)
    attachment = Attachment(
        proposal=proposal, field_key="quote", original_name="q.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("q.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    client.force_login(review.reviewer)
    token = ApiToken.issue(review.reviewer)[1]
    return {"review": review, "other": other, "attachment": attachment, "token": token}


def test_a_conflicted_reviewer_gets_404_on_every_page(client, proposal, conflicted):
    for url in (
        reverse("calls:proposal_detail", args=[proposal.pk]),
        reverse("calls:proposal_pdf", args=[proposal.pk]),
        reverse("calls:attachment_download", args=[conflicted["attachment"].pk]),
        reverse("calls:review_edit", args=[conflicted["review"].pk]),
        reverse("calls:review_detail", args=[conflicted["other"].pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_conflicted_reviewer_gets_404_on_every_api_path(client, proposal, conflicted):
    headers = {"Authorization": f"Bearer {conflicted['token']}"}
    for url in (
        f"/api/proposals/{proposal.pk}",
        f"/api/proposals/{proposal.pk}/reviews",
        f"/api/reviews/{conflicted['other'].pk}",
    ):
        assert client.get(url, headers=headers).status_code == 404, url
    response = client.put(
        f"/api/reviews/{conflicted['review'].pk}",
        {"scores": {}},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404
    listed = client.get("/api/proposals", headers=headers).json()
    assert listed["count"] == 0


def test_the_conflicted_reviewer_still_sees_their_own_assignment_but_not_the_proposal(
    client, proposal, conflicted
):
    page = client.get(reverse("calls:review_detail", args=[conflicted["review"].pk]))
    assert page.status_code == 200
    assert proposal.summary in page.content.decode()
    assert "What we will do." not in page.content.decode()  # an answer of the form


def test_a_tie_recorded_after_the_declaration_closes_the_proposal_at_once(client, proposal, lab):
    review = ReviewFactory(proposal=proposal, conflict="none")
    client.force_login(review.reviewer)
    url = reverse("calls:proposal_detail", args=[proposal.pk])
    assert client.get(url).status_code == 200
    AffiliationFactory(person=PersonFactory(user=review.reviewer), organisation=lab, role="New job")
    assert client.get(url).status_code == 404


def test_an_undeclared_reviewer_sees_only_title_and_summary(client, proposal):
    review = ReviewFactory(proposal=proposal)
    client.force_login(review.reviewer)
    assert client.get(reverse("calls:proposal_detail", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("calls:review_edit", args=[review.pk])).status_code == 404
    page = client.get(reverse("calls:review_detail", args=[review.pk])).content.decode()
    assert proposal.title in page and proposal.summary in page and "What we will do." not in page


def test_closed_calls_keep_the_rule(client):
    call = closed_call()
    proposal = submitted(call=call)
    review = ReviewFactory(proposal=proposal, conflict="declared", conflict_reason="x")
    client.force_login(review.reviewer)
    assert client.get(reverse("calls:proposal_detail", args=[proposal.pk])).status_code == 404
