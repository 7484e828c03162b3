"""The calls API: a whole call through it, and its errors."""

from decimal import Decimal

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.calls.models import Call, Proposal
from biocluster.calls.tests.factories import FORM, RUBRIC, CallFactory, ReviewFactory, closed_call, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def as_user(user):
        headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"} if user else {}

        def call(method, url, body=None):
            kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
            return getattr(client, method)(url, headers=headers, **kwargs)

        return call

    return as_user


def test_staff_create_a_call_read_in_its_time_zone(api, staff_user):
    response = api(staff_user)(
        "post",
        "/api/calls",
        {
            "kind": "postdoc_return",
            "title_en": "Postdoc return 2027",
            "title_fr": "Retour post-doctorants 2027",
            "opens_at": "2027-01-05T09:00:00",
            "closes_at": "2027-03-15T12:00:00",
            "time_zone": "America/New_York",
            "budget_envelope": "240000.00",
            "reference_prefix": "PD27",
            "form_definition": FORM,
            "rubric": RUBRIC,
            "eligibility": [
                {
                    "type": "declaration",
                    "params": {
                        "key": "abroad",
                        "text_en": "I work abroad.",
                        "text_fr": "Je travaille à l'étranger.",
                    },
                }
            ],
        },
    )
    assert response.status_code == 201, response.content
    call = Call.objects.get()
    assert call.closes_at.isoformat() == "2027-03-15T16:00:00+00:00"  # New York is on summer time
    assert list(call.managers.all()) == [staff_user]
    assert response.json()["status"] == "draft"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "lottery"}, "kind"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"closes_at": "2026-12-01T00:00:00"}, "closes_at"),
        ({"form_definition": {"sections": [{"key": "x"}]}}, "form_definition"),
        ({"rubric": {"scale": {"min": 5, "max": 1}}}, "rubric"),
        ({"eligibility": [{"type": "astrology"}]}, "eligibility"),
    ],
)
def test_bad_calls_are_422_naming_the_field_and_save_nothing(api, staff_user, change, field):
    body = {
        "kind": "equipment",
        "title_en": "X",
        "title_fr": "X",
        "opens_at": "2027-01-05T09:00:00",
        "closes_at": "2027-03-15T12:00:00",
        "budget_envelope": "1.00",
        "reference_prefix": "X",
        **change,
    }
    response = api(staff_user)("post", "/api/calls", body)
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert not Call.objects.exists()


def test_an_applicant_writes_and_submits_through_the_api(api, member):
    call = CallFactory()
    as_member = api(member)
    eligibility = as_member("get", f"/api/calls/{call.pk}/eligibility")
    assert eligibility.status_code == 200
    created = as_member("post", f"/api/calls/{call.pk}/proposals", {"title": "Single-cell sequencer"})
    assert created.status_code == 201
    pk = created.json()["id"]
    tampered = as_member("patch", f"/api/proposals/{pk}", {"answers": {"abstract": "x", "approved": True}})
    assert tampered.status_code == 422
    assert tampered.json()["detail"][0]["loc"] == ["body", "answers.approved"]
    assert Proposal.objects.get(pk=pk).answers == {}
    saved = as_member(
        "patch",
        f"/api/proposals/{pk}",
        {
            "summary": "A sequencer for all.",
            "requested_amount": "150000.00",
            "answers": {"abstract": "We buy it."},
        },
    )
    assert saved.status_code == 200, saved.content
    submitted_ = as_member("post", f"/api/proposals/{pk}/submit", {})
    assert submitted_.status_code == 200, submitted_.content
    assert submitted_.json()["reference"].endswith("-0001")
    again = as_member("patch", f"/api/proposals/{pk}", {"title": "Changed"})
    assert again.status_code == 403


def test_late_submission_is_422_with_a_clear_message(api, member):
    call = closed_call()
    proposal = Proposal.objects.create(
        call=call, applicant=member, title="Late", summary="s", answers={"abstract": "x"}
    )
    response = api(member)("post", f"/api/proposals/{proposal.pk}/submit", {})
    assert response.status_code == 422
    assert "The call closed on" in response.json()["detail"][0]["msg"]


def test_reviewers_declare_then_score(api, reviewer):
    review = ReviewFactory(proposal=submitted(), reviewer=reviewer)
    as_reviewer = api(reviewer)
    assert as_reviewer("get", f"/api/proposals/{review.proposal_id}").status_code == 404
    listed = as_reviewer("get", "/api/reviews").json()
    assert (
        listed["items"][0]["summary"] == "A public summary of the project."
        and listed["items"][0]["reviewer"] is None
    )
    assert as_reviewer("put", f"/api/reviews/{review.pk}", {"scores": {"excellence": 3}}).status_code == 404
    declared = as_reviewer("post", f"/api/reviews/{review.pk}/declaration", {"has_conflict": False})
    assert declared.json()["conflict"] == "none"
    assert as_reviewer("get", f"/api/proposals/{review.proposal_id}").status_code == 200
    bad = as_reviewer(
        "put", f"/api/reviews/{review.pk}", {"scores": {"excellence": 9, "novelty": 1}, "submit": True}
    )
    assert bad.status_code == 422
    assert {d["loc"][1] for d in bad.json()["detail"]} == {
        "scores.excellence",
        "scores.novelty",
        "scores.impact",
    }
    done = as_reviewer(
        "put",
        f"/api/reviews/{review.pk}",
        {"scores": {"excellence": 4, "impact": 2}, "comment_to_applicant": "Clear plan.", "submit": True},
    )
    assert done.status_code == 200
    assert done.json()["weighted_score"] == "3.333"


def test_the_committee_ranks_and_decides_within_the_envelope(api, staff_user):
    call = closed_call(managers=[staff_user], budget_envelope=Decimal("50000"))
    first, second = submitted(call=call), submitted(call=call)
    as_staff = api(staff_user)
    ranking = as_staff("get", f"/api/calls/{call.pk}/ranking").json()
    assert ranking["left"] == "50000.00" and len(ranking["rows"]) == 2
    assert (
        as_staff(
            "post", f"/api/proposals/{first.pk}/decision", {"outcome": "funded", "amount": "40000"}
        ).status_code
        == 200
    )
    over = as_staff("post", f"/api/proposals/{second.pk}/decision", {"outcome": "funded", "amount": "20000"})
    assert over.status_code == 422 and "exceeds the envelope" in over.json()["detail"][0]["msg"]
    assert (
        as_staff("post", f"/api/proposals/{second.pk}/decision", {"outcome": "waiting_list"}).status_code
        == 200
    )
    published = as_staff("post", f"/api/calls/{call.pk}/decisions/publish")
    assert published.status_code == 200 and published.json()["status"] == "decided"
    awards = as_staff("get", f"/api/calls/{call.pk}/awards").json()
    assert [a["amount"] for a in awards] == ["40000.00"]
    assert AuditEvent.objects.filter(action="calls.decision.recorded").count() == 2


def test_assigning_through_the_api_refuses_non_reviewers(api, staff_user, member):
    call = closed_call(managers=[staff_user])
    proposal = submitted(call=call)
    response = api(staff_user)("post", f"/api/proposals/{proposal.pk}/reviewers", {"reviewer": member.pk})
    assert response.status_code == 422 and "is not a reviewer" in response.json()["detail"][0]["msg"]
