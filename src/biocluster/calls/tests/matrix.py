"""The calls' rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. In the world below `member` applied,
`staff` runs the calls, and `reviewer` reviews `proposal` (no conflict declared) but
declared a conflict with `conflicted_proposal`: every way into that one is a 404.
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from biocluster.accounts.tests.factories import UserFactory
from biocluster.calls.models import Attachment, Award
from biocluster.calls.tests.factories import (
    CallFactory,
    DecisionFactory,
    ProposalFactory,
    ReviewFactory,
    closed_call,
    submitted,
)

PAGES = {
    ("calls:call_list", None, "get"): "200 200 200 200 200 200 200",
    ("calls:call_create", None, "get"): "302 403 403 200 403 403 200",
    ("calls:call_detail", "open_call", "get"): "200 200 200 200 200 200 200",
    ("calls:call_detail", "draft_call", "get"): "404 404 404 200 404 404 200",
    ("calls:call_edit", "open_call", "get"): "302 403 403 200 403 403 200",
    ("calls:call_form", "open_call", "get"): "302 403 403 200 403 403 200",
    ("calls:call_rubric", "open_call", "get"): "302 403 403 200 403 403 200",
    ("calls:call_eligibility", "open_call", "get"): "302 403 403 200 403 403 200",
    ("calls:call_publish", "draft_call", "post"): "302 404 404 302 404 404 302",
    ("calls:proposal_start", "open_call", "post"): "302 302 302 302 302 302 302",
    ("calls:call_proposals", "closed_call", "get"): "302 403 403 200 403 403 200",
    ("calls:call_auto_assign", "closed_call", "post"): "302 403 403 302 403 403 302",
    ("calls:call_reminders", "closed_call", "post"): "302 403 403 302 403 403 302",
    ("calls:call_ranking", "closed_call", "get"): "302 403 403 200 403 403 200",
    ("calls:call_publish_decisions", "closed_call", "post"): "302 403 403 302 403 403 302",
    ("calls:call_awards", "decided_call", "get"): "302 403 403 200 403 403 200",
    ("calls:call_awards_export", "decided_call", "get"): "302 403 403 200 403 403 200",
    ("calls:my_proposals", None, "get"): "302 200 200 200 200 200 200",
    ("calls:proposal_detail", "proposal", "get"): "302 200 404 200 404 200 200",
    ("calls:proposal_detail", "conflicted_proposal", "get"): "302 404 404 200 404 404 200",
    ("calls:proposal_detail", "draft_proposal", "get"): "302 200 404 404 404 404 404",
    ("calls:proposal_edit", "draft_proposal", "get"): "302 200 404 404 404 404 404",
    ("calls:proposal_autosave", "draft_proposal", "post"): "302 200 404 404 404 404 404",
    ("calls:proposal_share", "draft_proposal", "post"): "302 302 404 404 404 404 404",
    ("calls:proposal_submit", "draft_proposal", "post"): "302 302 404 404 404 404 404",
    ("calls:proposal_withdraw", "proposal", "post"): "302 302 404 403 404 403 403",
    ("calls:proposal_pdf", "proposal", "get"): "302 200 404 200 404 200 200",
    ("calls:proposal_pdf", "conflicted_proposal", "get"): "302 404 404 200 404 404 200",
    ("calls:decision_letter", "decided_proposal", "get"): "302 200 404 200 404 404 200",
    ("calls:proposal_assign", "proposal", "get"): "302 403 404 200 404 403 200",
    ("calls:proposal_decide", "proposal", "post"): "302 403 404 302 404 403 302",
    ("calls:attachment_download", "attachment", "get"): "302 200 404 200 404 200 200",
    ("calls:attachment_download", "conflicted_attachment", "get"): "302 404 404 200 404 404 200",
    ("calls:review_list", None, "get"): "302 200 200 200 200 200 200",
    ("calls:review_detail", "review", "get"): "302 404 404 200 404 200 200",
    ("calls:review_detail", "conflicted_review", "get"): "302 404 404 200 404 200 200",
    ("calls:review_declare", "review", "post"): "302 404 404 403 404 302 403",
    ("calls:review_edit", "review", "get"): "302 404 404 404 404 200 404",
    ("calls:review_edit", "conflicted_review", "get"): "302 404 404 404 404 404 404",
    ("calls:award_detail", "award", "get"): "302 200 404 200 404 404 200",
}

API = {
    ("/api/calls", None, "get"): "200 200 200 200 200 200 200",
    ("/api/calls", None, "post"): "401 403 403 201 403 403 201",
    ("/api/calls/{pk}", "open_call", "get"): "200 200 200 200 200 200 200",
    ("/api/calls/{pk}", "draft_call", "get"): "404 404 404 200 404 404 200",
    ("/api/calls/{pk}", "open_call", "patch"): "401 403 403 200 403 403 200",
    ("/api/calls/{pk}/publish", "draft_call", "post"): "401 404 404 200 404 404 200",
    ("/api/calls/{pk}/eligibility", "open_call", "get"): "200 200 200 200 200 200 200",
    ("/api/calls/{pk}/proposals", "open_call", "post"): "401 201 201 201 201 201 201",
    ("/api/calls/{pk}/ranking", "closed_call", "get"): "401 403 403 200 403 403 200",
    ("/api/calls/{pk}/decisions/publish", "closed_call", "post"): "401 403 403 422 403 403 422",
    ("/api/calls/{pk}/awards", "decided_call", "get"): "401 403 403 200 403 403 200",
    ("/api/proposals", None, "get"): "200 200 200 200 200 200 200",
    ("/api/proposals/{pk}", "proposal", "get"): "404 200 404 200 404 200 200",
    ("/api/proposals/{pk}", "conflicted_proposal", "get"): "404 404 404 200 404 404 200",
    ("/api/proposals/{pk}", "draft_proposal", "patch"): "401 200 404 404 404 404 404",
    ("/api/proposals/{pk}/submit", "draft_proposal", "post"): "401 200 404 404 404 404 404",
    ("/api/proposals/{pk}/withdraw", "proposal", "post"): "401 200 404 403 404 403 403",
    ("/api/proposals/{pk}/decision", "proposal", "post"): "401 403 404 200 404 403 200",
    ("/api/proposals/{pk}/reviews", "proposal", "get"): "404 403 404 200 404 403 200",
    ("/api/proposals/{pk}/reviews", "conflicted_proposal", "get"): "404 404 404 200 404 404 200",
    ("/api/proposals/{pk}/reviewers", "proposal", "post"): "401 403 404 422 404 403 422",
    ("/api/reviews", None, "get"): "200 200 200 200 200 200 200",
    ("/api/reviews/{pk}", "review", "get"): "404 404 404 200 404 200 200",
    ("/api/reviews/{pk}/declaration", "review", "post"): "401 404 404 403 404 200 403",
    ("/api/reviews/{pk}", "review", "put"): "401 404 404 404 404 200 404",
    ("/api/reviews/{pk}", "conflicted_review", "put"): "401 404 404 404 404 404 404",
}

BODIES = {
    ("calls:proposal_autosave", "post"): {"title": "Better title", "language": "en"},
    ("calls:proposal_share", "post"): {"email": "nobody@example.org"},
    ("calls:proposal_decide", "post"): {"outcome": "rejected"},
    ("calls:review_declare", "post"): {"has_conflict": "no"},
    ("/api/calls", "post"): {
        "kind": "equipment",
        "title_en": "Shared equipment 2027",
        "title_fr": "Équipements mi-lourds 2027",
        "opens_at": "2027-01-05T09:00:00",
        "closes_at": "2027-03-15T12:00:00",
        "budget_envelope": "500000.00",
        "reference_prefix": "EQ27",
    },
    ("/api/calls/{pk}", "patch"): {"summary_en": "Updated summary."},
    ("/api/calls/{pk}/proposals", "post"): {"title": "My project"},
    ("/api/proposals/{pk}", "patch"): {"title": "A better title"},
    ("/api/proposals/{pk}/submit", "post"): {},
    ("/api/proposals/{pk}/withdraw", "post"): {"reason": "Funded elsewhere."},
    ("/api/proposals/{pk}/decision", "post"): {"outcome": "rejected"},
    ("/api/proposals/{pk}/reviewers", "post"): {"reviewer": 999_999_999},
    ("/api/reviews/{pk}/declaration", "post"): {"has_conflict": False},
    ("/api/reviews/{pk}", "put"): {"scores": {"excellence": 4}, "comment_to_committee": "Solid."},
}


def world(request) -> dict:
    settings = request.getfixturevalue("settings")
    settings.CALLS_PRIVATE_ROOT = request.getfixturevalue("tmp_path") / "private"
    member = request.getfixturevalue("member")
    staff = request.getfixturevalue("staff_user")
    reviewer = request.getfixturevalue("reviewer")
    open_call = CallFactory(managers=[staff])
    draft_call = CallFactory(status="draft", managers=[staff])
    closed = closed_call(managers=[staff])
    decided = closed_call(managers=[staff], status="decided", decisions_published_at=timezone.now())

    proposal = submitted(call=closed, applicant=member)
    conflicted = submitted(call=closed, applicant=UserFactory())
    review = ReviewFactory(proposal=proposal, reviewer=reviewer, conflict="none")
    conflicted_review = ReviewFactory(
        proposal=conflicted, reviewer=reviewer, conflict="declared", conflict_reason="I advise them."
    )
    attachments = {}
    for name, target in (("attachment", proposal), ("conflicted_attachment", conflicted)):
        attachment = Attachment(
            proposal=target,
            field_key="quote",
            original_name="quote.pdf",
            content_type="application/pdf",
            size=9,
        )
        attachment.file.save("quote.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        attachments[name] = attachment

    decided_proposal = submitted(call=decided, applicant=member)
    DecisionFactory(proposal=decided_proposal, outcome="funded", amount=Decimal("30000"))
    award = Award.objects.create(
        proposal=decided_proposal,
        amount=Decimal("30000"),
        start_date=timezone.localdate(),
        end_date=timezone.localdate().replace(year=timezone.localdate().year + 1),
    )
    return {
        "open_call": open_call,
        "draft_call": draft_call,
        "closed_call": closed,
        "decided_call": decided,
        "proposal": proposal,
        "conflicted_proposal": conflicted,
        "draft_proposal": ProposalFactory(call=open_call, applicant=member),
        "decided_proposal": decided_proposal,
        "review": review,
        "conflicted_review": conflicted_review,
        "award": award,
        **attachments,
    }
