"""An applicant's proposal: draft, attachments, co-applicants, submission, withdrawal.

The deadline is the server's: a submission is accepted if it arrives by the closing
second of the call (see `models.accepts_at`), whatever the browser's clock or zone.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.core.uploads import CONTENT_TYPES, check_upload, extension_of
from biocluster.directory.models import Organisation

from .. import eligibility
from ..facts import applicant_facts
from ..formdef.answers import AnswerErrors, clean_answers
from ..formdef.schema import field_map
from ..kinds import get_kind
from ..models import Attachment, Call, Phase, Proposal, ProposalMember, ProposalStatus, ReviewStatus
from ..resolver import DirectoryResolver

PROPOSAL_M2M = ("technology_fields",)
CORE_FIELDS = {"title", "summary", "language", "requested_amount", "organisation", "technology_fields"}
HEAD_BYTES = 2048


def _closed_message(call: Call) -> str:
    local = call.local(call.closes_at)
    return _(
        "The call closed on %(date)s at %(time)s (%(zone)s). Submissions are no longer accepted; "
        "your proposal stays a draft."
    ) % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": local.strftime("%H:%M:%S"),
        "zone": call.time_zone,
    }


def _require_open(call: Call, now) -> None:
    phase = call.phase(now)
    if phase == Phase.UPCOMING:
        local = call.local(call.opens_at)
        raise ValidationError(
            _("The call opens on %(date)s at %(time)s (%(zone)s).")
            % {
                "date": formats.date_format(local, "DATE_FORMAT"),
                "time": local.strftime("%H:%M"),
                "zone": call.time_zone,
            }
        )
    if phase != Phase.OPEN:
        raise ValidationError(_closed_message(call) if phase == Phase.CLOSED else _("The call is not open."))


def _require_draft(proposal: Proposal) -> None:
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can change; this proposal is %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )


def _require_eligible(call: Call, actor, today) -> None:
    """Refuse whom the call's page shows "not eligible": a rule on the person the directory shows unmet."""
    unmet = eligibility.unmet(eligibility.evaluate(call.eligibility, applicant_facts(actor, today=today)))
    if unmet:
        raise ValidationError(
            {
                "eligibility": [_("You are not eligible for this call.")]
                + [eligibility.explained(r) for r in unmet]
            }
        )


def _check_application(call: Call, actor, organisation=None) -> None:
    """The call kind's own refusal, if it has one (see `kinds.CallKind.check_application`)."""
    kind = get_kind(call.kind)
    if kind is not None and kind.check_application is not None:
        kind.check_application(call=call, applicant=actor, organisation=organisation)


@transaction.atomic
def start_proposal(*, actor, call: Call, title: str = "", language: str | None = None) -> Proposal:
    now = timezone.now()
    _require_open(call, now)
    _require_eligible(call, actor, timezone.localdate(now))
    _check_application(call, actor)
    proposal = Proposal(
        call=call,
        applicant=actor,
        title=(title or "").strip()[:250] or _("Untitled proposal"),
        language=language or getattr(actor, "preferred_language", "en") or "en",
    )
    proposal.full_clean()
    proposal.save()
    audit.record_create(actor=actor, obj=proposal, action="calls.proposal.started", m2m=PROPOSAL_M2M)
    return proposal


def _errors_for(error: AnswerErrors) -> ValidationError:
    return ValidationError({f"answers.{key}": messages for key, messages in error.errors.items()})


@transaction.atomic
def save_draft(*, actor, proposal: Proposal, answers=None, **core) -> Proposal:
    """Save what the applicant typed so far. Anything invalid (or not a field) saves nothing."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    _require_draft(proposal)
    _require_open(proposal.call, timezone.now())
    unknown = set(core) - CORE_FIELDS
    if unknown:
        raise ValidationError(
            {name[:60]: [_("This is not a field of the form.")] for name in sorted(unknown)}
        )
    before = audit.snapshot(proposal, PROPOSAL_M2M)
    fields = core.pop("technology_fields", None)
    if fields is not None:
        themes = set(proposal.call.themes.values_list("pk", flat=True))
        if themes and any(f.pk not in themes for f in fields):
            raise ValidationError({"technology_fields": [_("Choose among the call's themes.")]})
    organisation = core.get("organisation")
    if (
        organisation is not None
        and not Organisation.objects.visible_to(actor).filter(pk=organisation.pk).exists()
    ):
        raise ValidationError({"organisation": [_("Choose an organisation of the directory.")]})
    if organisation is not None:
        _check_application(proposal.call, actor, organisation)
    for name, value in core.items():
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    if answers is not None:
        try:
            proposal.answers = clean_answers(
                proposal.call.form_definition,
                answers,
                complete=False,
                resolver=DirectoryResolver(actor, proposal),
            )
        except AnswerErrors as error:
            raise _errors_for(error) from error
    proposal.full_clean()
    proposal.save()
    if fields is not None:
        proposal.technology_fields.set(fields)
    audit.record_update(
        actor=actor, obj=proposal, action="calls.proposal.saved", before=before, m2m=PROPOSAL_M2M
    )
    return proposal


@transaction.atomic
def attach_file(*, actor, proposal: Proposal, field_key: str, upload) -> Attachment:
    """Store a file for a file field, replacing the one before; a wrong file stores nothing."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    _require_draft(proposal)
    _require_open(proposal.call, timezone.now())
    field = field_map(proposal.call.form_definition).get(field_key)
    if field is None or field["type"] != "file":
        raise ValidationError({f"answers.{field_key}"[:68]: [_("This is not a file field of the form.")]})
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    name = (upload.name or "").rsplit("/", 1)[-1]
    problems = check_upload(field, name=name, size=upload.size, head=head)
    if problems:
        raise ValidationError({f"answers.{field_key}": problems})
    previous = proposal.attachments.filter(field_key=field_key).first()
    if previous is not None:
        audit.record_delete(actor=actor, obj=previous, action="calls.attachment.replaced")
        previous.file.delete(save=False)
        previous.delete()
    attachment = Attachment(
        proposal=proposal,
        field_key=field_key,
        original_name=name,
        content_type=CONTENT_TYPES[extension_of(name)],
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    proposal.answers = {**proposal.answers, field_key: attachment.pk}
    proposal.save(update_fields=["answers", "updated_at"])
    audit.record_create(actor=actor, obj=attachment, action="calls.attachment.added")
    return attachment


@transaction.atomic
def share_proposal(*, actor, proposal: Proposal, email: str) -> ProposalMember:
    _require_draft(proposal)
    user = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if user is None:
        raise ValidationError(
            {"email": [_("No account uses this address: ask your co-applicant to sign up first.")]}
        )
    if user.pk == proposal.applicant_id or proposal.members.filter(user=user).exists():
        raise ValidationError({"email": [_("This person already works on the proposal.")]})
    member = ProposalMember.objects.create(proposal=proposal, user=user, added_by=actor)
    audit.record_create(actor=actor, obj=member, action="calls.proposal.shared")
    return member


@transaction.atomic
def remove_co_applicant(*, actor, member: ProposalMember) -> None:
    audit.record_delete(actor=actor, obj=member, action="calls.proposal.unshared")
    member.delete()


@transaction.atomic
def submit_proposal(*, actor, proposal: Proposal, declarations=()) -> Proposal:
    # The call's row is locked first: numbering is sequential, and a deadline read under
    # the lock cannot be overtaken by a concurrent change of the call's dates.
    call = Call.objects.select_for_update().get(pk=proposal.call_id)
    now = timezone.now()
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_draft(proposal)
    _require_open(call, now)
    before = audit.snapshot(proposal, PROPOSAL_M2M)
    errors: dict[str, list[str]] = {}
    if not proposal.title.strip() or proposal.title == _("Untitled proposal"):
        errors["title"] = [_("Give the proposal a title.")]
    if not proposal.summary.strip():
        errors["summary"] = [_("Write the public summary: reviewers read it first.")]
    try:
        proposal.answers = clean_answers(
            call.form_definition, proposal.answers, complete=True, resolver=DirectoryResolver(actor, proposal)
        )
    except AnswerErrors as error:
        errors.update(_errors_for(error).message_dict)
    wanted = eligibility.declaration_keys(call.eligibility)
    confirmed = sorted(set(declarations) & wanted)
    facts = applicant_facts(
        proposal.applicant, proposal.organisation, confirmed, today=timezone.localdate(now)
    )
    results = eligibility.evaluate(call.eligibility, facts)
    blocking = eligibility.blocking(results)
    if blocking:
        errors["eligibility"] = [eligibility.explained(r) for r in blocking]
    if proposal.organisation_id is not None:
        try:
            _check_application(call, proposal.applicant, proposal.organisation)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    number = (call.proposals.aggregate(top=Max("number"))["top"] or 0) + 1
    proposal.declarations = confirmed
    proposal.eligibility_report = [r.as_dict() for r in results]
    proposal.status = ProposalStatus.SUBMITTED
    proposal.number = number
    proposal.submitted_at = now
    proposal.save()
    audit.record_update(
        actor=actor, obj=proposal, action="calls.proposal.submitted", before=before, m2m=PROPOSAL_M2M
    )
    from ..tasks import send_receipt

    transaction.on_commit(lambda: send_receipt.enqueue(proposal.pk))
    return proposal


@transaction.atomic
def withdraw_proposal(*, actor, proposal: Proposal, reason: str = "") -> Proposal:
    call = Call.objects.select_for_update().get(pk=proposal.call_id)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ValidationError(_("The proposal is already withdrawn."))
    if call.decisions_published_at is not None:
        raise ValidationError(_("Decisions are published: the proposal can no longer be withdrawn."))
    before = audit.snapshot(proposal, PROPOSAL_M2M)
    decision = getattr(proposal, "decision", None)
    if decision is not None:
        # A decision on a withdrawn proposal would keep part of the envelope.
        audit.record_delete(actor=actor, obj=decision, action="calls.decision.dropped_on_withdrawal")
        decision.delete()
    for review in proposal.reviews.filter(status=ReviewStatus.ASSIGNED):
        review_before = audit.snapshot(review)
        review.status = ReviewStatus.CANCELLED
        review.save(update_fields=["status", "updated_at"])
        audit.record_update(actor=actor, obj=review, action="calls.review.cancelled", before=review_before)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.withdrawn_at = timezone.now()
    proposal.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit.record_update(
        actor=actor,
        obj=proposal,
        action="calls.proposal.withdrawn",
        before=before,
        m2m=PROPOSAL_M2M,
        data={"reason": (reason or "")[:1000]},
    )
    return proposal
