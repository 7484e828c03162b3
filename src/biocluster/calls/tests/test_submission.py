"""Drafts, attachments, co-applicants, submission at the deadline, withdrawal, receipt."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from biocluster.accounts.tests.factories import UserFactory
from biocluster.audit.models import AuditEvent
from biocluster.calls import services
from biocluster.calls.models import Proposal
from biocluster.calls.tests.factories import CallFactory, ProposalFactory, ReviewFactory, submitted
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Noon in Paris on 15 March 2026 is 11:00 UTC (winter time).
DEADLINE = datetime(2026, 3, 15, 12, 0, 0, tzinfo=PARIS)


@pytest.fixture
def at(monkeypatch):
    def travel(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return travel


def deadline_call(**kwargs):
    return CallFactory(
        opens_at=DEADLINE - timedelta(days=30), closes_at=DEADLINE, time_zone="Europe/Paris", **kwargs
    )


def test_submission_in_the_deadline_second_is_on_time(at):
    proposal = ProposalFactory(call=deadline_call())
    at(DEADLINE.replace(microsecond=999_999))
    services.submit_proposal(actor=proposal.applicant, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and proposal.number == 1
    assert proposal.submitted_at == DEADLINE.replace(microsecond=999_999)


def test_submission_one_second_late_is_refused_with_the_deadline_in_the_calls_zone(at):
    proposal = ProposalFactory(call=deadline_call())
    at(DEADLINE + timedelta(seconds=1))
    with pytest.raises(ValidationError) as caught:
        services.submit_proposal(actor=proposal.applicant, proposal=proposal)
    message = caught.value.messages[0]
    assert "The call closed on" in message and "12:00:00 (Europe/Paris)" in message
    proposal.refresh_from_db()
    assert proposal.status == "draft" and proposal.submitted_at is None


def test_the_deadline_holds_whatever_the_servers_zone(at, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    proposal = ProposalFactory(call=deadline_call())
    at(datetime(2026, 3, 15, 11, 0, 1, tzinfo=ZoneInfo("UTC")))  # 12:00:01 in Paris
    with pytest.raises(ValidationError):
        services.submit_proposal(actor=proposal.applicant, proposal=proposal)


def test_drafts_cannot_be_saved_after_the_deadline_either(at):
    proposal = ProposalFactory(call=deadline_call())
    at(DEADLINE + timedelta(seconds=1))
    with pytest.raises(ValidationError, match="The call closed"):
        services.save_draft(actor=proposal.applicant, proposal=proposal, title="Late edit")


def test_a_call_not_open_yet_takes_no_proposal():
    call = CallFactory(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=9)
    )
    with pytest.raises(ValidationError, match="The call opens on"):
        services.start_proposal(actor=UserFactory(), call=call)


def test_submission_sends_a_receipt_with_the_pdf(django_capture_on_commit_callbacks):
    proposal = ProposalFactory()
    member = UserFactory(email="co@example.org")
    services.share_proposal(actor=proposal.applicant, proposal=proposal, email=member.email)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_proposal(actor=proposal.applicant, proposal=proposal)
    (receipt,) = mail.outbox
    assert set(receipt.to) == {proposal.applicant.email, "co@example.org"}
    assert "received" in receipt.subject
    _name, content, mimetype = receipt.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")


def test_the_receipt_is_written_in_the_applicants_language(django_capture_on_commit_callbacks, monkeypatch):
    # The French catalogue is filled in separately: what matters here is the language in force.
    from django.core.mail import EmailMessage
    from django.utils import translation

    languages = []
    send = EmailMessage.send
    monkeypatch.setattr(
        EmailMessage,
        "send",
        lambda self, *a, **k: languages.append(translation.get_language()) or send(self, *a, **k),
    )
    proposal = ProposalFactory(language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_proposal(actor=proposal.applicant, proposal=proposal)
    assert languages == ["fr"]


def test_submission_needs_the_required_answers_and_a_summary():
    proposal = ProposalFactory(answers={}, summary="")
    with pytest.raises(ValidationError) as caught:
        services.submit_proposal(actor=proposal.applicant, proposal=proposal)
    assert set(caught.value.message_dict) == {"summary", "answers.abstract"}


def test_eligibility_blocks_a_submission_until_met_or_declared():
    rules = [
        {"type": "permanent_position", "params": {}},
        {
            "type": "declaration",
            "params": {"key": "abroad", "text_en": "I work abroad.", "text_fr": "Je travaille à l'étranger."},
        },
    ]
    call = CallFactory(eligibility=rules)
    user = UserFactory()
    AffiliationFactory(person=PersonFactory(user=user), role="Postdoctoral fellow")
    proposal = ProposalFactory(call=call, applicant=user)
    with pytest.raises(ValidationError) as caught:
        services.submit_proposal(actor=user, proposal=proposal, declarations=["abroad"])
    assert "no permanent position" in " ".join(caught.value.message_dict["eligibility"])
    AffiliationFactory(person=user.person, role="Chargé de recherche")
    with pytest.raises(ValidationError, match="I work abroad"):
        services.submit_proposal(actor=user, proposal=proposal)
    services.submit_proposal(actor=user, proposal=proposal, declarations=["abroad"])
    proposal.refresh_from_db()
    assert proposal.declarations == ["abroad"]
    assert [r["status"] for r in proposal.eligibility_report] == ["met", "met"]


def test_a_company_under_two_years_old():
    call = CallFactory(eligibility=[{"type": "organisation_max_age", "params": {"years": 2}}])
    old = OrganisationFactory(founded_year=timezone.localdate().year - 5)
    proposal = ProposalFactory(call=call, organisation=old)
    with pytest.raises(ValidationError, match="must be under 2 years old"):
        services.submit_proposal(actor=proposal.applicant, proposal=proposal)


def test_an_invalid_draft_saves_nothing():
    proposal = ProposalFactory(title="Kept")
    with pytest.raises(ValidationError) as caught:
        services.save_draft(
            actor=proposal.applicant,
            proposal=proposal,
            title="Changed",
            answers={"abstract": "ok", "forged": 1},
        )
    assert caught.value.message_dict == {"answers.forged": ["This is not a field of the form."]}
    proposal.refresh_from_db()
    assert proposal.title == "Kept" and proposal.answers == {"abstract": "What we will do."}


def test_unknown_core_fields_are_refused():
    proposal = ProposalFactory()
    with pytest.raises(ValidationError, match="not a field"):
        services.save_draft(actor=proposal.applicant, proposal=proposal, status="submitted")


def pdf(name="quote.pdf", content=b"%PDF-1.4\n%%EOF\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_attachments_are_checked_and_replace_the_previous_one():
    proposal = ProposalFactory()
    first = services.attach_file(actor=proposal.applicant, proposal=proposal, field_key="quote", upload=pdf())
    second = services.attach_file(
        actor=proposal.applicant, proposal=proposal, field_key="quote", upload=pdf("v2.pdf")
    )
    proposal.refresh_from_db()
    assert proposal.answers["quote"] == second.pk
    assert not type(first).objects.filter(pk=first.pk).exists()
    assert proposal.attachments.count() == 1


@pytest.mark.parametrize(
    ("upload", "key", "message"),
    [
        (pdf("virus.exe", b"MZ\x90"), "quote", "not an accepted type"),
        (pdf("fake.pdf", b"PK\x03\x04"), "quote", "does not contain what its extension says"),
        (pdf("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1)), "quote", "the limit is 1 MB"),
        (pdf(), "abstract", "not a file field"),
    ],
)
def test_wrong_files_store_nothing(upload, key, message):
    proposal = ProposalFactory()
    with pytest.raises(ValidationError, match=message):
        services.attach_file(actor=proposal.applicant, proposal=proposal, field_key=key, upload=upload)
    assert proposal.attachments.count() == 0


def test_withdrawal_cancels_open_reviews_and_frees_the_envelope():
    proposal = submitted()
    review = ReviewFactory(proposal=proposal)
    services.withdraw_proposal(actor=proposal.applicant, proposal=proposal, reason="Funded elsewhere")
    proposal.refresh_from_db()
    review.refresh_from_db()
    assert proposal.status == "withdrawn" and review.status == "cancelled"
    event = AuditEvent.objects.get(action="calls.proposal.withdrawn")
    assert event.data == {"reason": "Funded elsewhere"}


def test_sharing_needs_an_account():
    proposal = ProposalFactory()
    with pytest.raises(ValidationError, match="No account"):
        services.share_proposal(actor=proposal.applicant, proposal=proposal, email="ghost@example.org")


def test_numbers_follow_submission_order():
    call = CallFactory()
    first, second = ProposalFactory(call=call), ProposalFactory(call=call)
    services.submit_proposal(actor=second.applicant, proposal=second)
    services.submit_proposal(actor=first.applicant, proposal=first)
    assert [p.reference for p in Proposal.objects.filter(call=call).order_by("number")] == [
        f"{call.reference_prefix}-0001",
        f"{call.reference_prefix}-0002",
    ]
