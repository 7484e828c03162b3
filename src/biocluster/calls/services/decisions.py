"""The committee's decisions, their publication with letters, and the awards that follow.

The envelope rule: the amounts of the funded proposals of a call never add up to more
than its envelope. The check runs under a row lock on the call (`select_for_update`),
so two decisions taken at the same moment are serialised and the second one sees the
first's amount.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.core.formatting import money

from ..awards import plan_award
from ..kinds import get_kind
from ..models import (
    Award,
    AwardStatus,
    Call,
    CallStatus,
    Decision,
    Instalment,
    Outcome,
    Phase,
    Proposal,
    ProposalStatus,
    ReportDue,
)

MAX_NOTE = 5000


def committed(call: Call, *, excluding: Proposal | None = None) -> Decimal:
    """What the funded decisions of the call add up to."""
    decisions = Decision.objects.filter(proposal__call=call, outcome=Outcome.FUNDED)
    if excluding is not None:
        decisions = decisions.exclude(proposal=excluding)
    total = decisions.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return Decimal(total).quantize(Decimal("0.01"))


@transaction.atomic
def decide(
    *,
    actor,
    proposal: Proposal,
    outcome: str,
    amount=Decimal(0),
    note_to_applicant: str = "",
    committee_note: str = "",
) -> Decision:
    call = Call.objects.select_for_update().get(pk=proposal.call_id)
    proposal = Proposal.objects.get(pk=proposal.pk)
    if call.status == CallStatus.DECIDED:
        raise ValidationError(_("Decisions are published: they can no longer change."))
    if call.phase() != Phase.CLOSED:
        raise ValidationError(_("Decisions are taken once the call has closed."))
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted proposal can be decided."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": [_("Choose funded, waiting list or rejected.")]})
    for name, text in (("note_to_applicant", note_to_applicant), ("committee_note", committee_note)):
        if not isinstance(text, str) or len(text) > MAX_NOTE or "\x00" in text:
            raise ValidationError({name: [_("At most %(limit)s characters.") % {"limit": MAX_NOTE}]})
    try:
        amount = Decimal(str(amount or 0)).quantize(Decimal("0.01"))
    except ArithmeticError as error:
        raise ValidationError({"amount": [_("Enter an amount in euros.")]}) from error
    if outcome != Outcome.FUNDED:
        amount = Decimal(0)
    elif amount < 0 or (amount == 0 and _pays(call)):
        raise ValidationError({"amount": [_("A funded proposal needs an amount.")]})
    elif proposal.requested_amount is not None and amount > proposal.requested_amount:
        raise ValidationError(
            {
                "amount": [
                    _("%(amount)s is more than the %(requested)s requested.")
                    % {"amount": money(amount), "requested": money(proposal.requested_amount)}
                ]
            }
        )
    others = committed(call, excluding=proposal)
    if others + amount > call.budget_envelope:
        raise ValidationError(
            {
                "amount": [
                    _(
                        "%(amount)s exceeds the envelope: %(committed)s of %(envelope)s are "
                        "already committed, %(left)s are left."
                    )
                    % {
                        "amount": money(amount),
                        "committed": money(others),
                        "envelope": money(call.budget_envelope),
                        "left": money(call.budget_envelope - others),
                    }
                ]
            }
        )
    decision = Decision.objects.filter(proposal=proposal).first()
    values = {
        "outcome": outcome,
        "amount": amount,
        "note_to_applicant": note_to_applicant.strip(),
        "committee_note": committee_note.strip(),
        "decided_by": actor,
    }
    if decision is None:
        decision = Decision.objects.create(proposal=proposal, **values)
        audit.record_create(actor=actor, obj=decision, action="calls.decision.recorded")
    else:
        before = audit.snapshot(decision)
        for name, value in values.items():
            setattr(decision, name, value)
        decision.save()
        audit.record_update(actor=actor, obj=decision, action="calls.decision.changed", before=before)
    return decision


def _create_award(*, actor, decision: Decision, start) -> Award:
    proposal = decision.proposal
    kind = get_kind(proposal.call.kind)
    plan = plan_award(amount=decision.amount, start=start, kind=kind)
    award = Award.objects.create(
        proposal=proposal, amount=decision.amount, start_date=start, end_date=plan.end_date
    )
    Instalment.objects.bulk_create(
        [Instalment(award=award, number=n, due_date=due, amount=part) for n, due, part in plan.instalments]
    )
    ReportDue.objects.bulk_create([ReportDue(award=award, kind=k, due_date=due) for k, due in plan.reports])
    audit.record_create(actor=actor, obj=award, action="calls.award.created")
    if kind is not None and kind.on_award is not None:
        kind.on_award(award=award, actor=actor)
    return award


@transaction.atomic
def publish_decisions(*, actor, call: Call) -> list[Decision]:
    """Make the decisions known: letters go out, funded proposals get their award."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.PUBLISHED or call.phase() != Phase.CLOSED:
        raise ValidationError(_("Decisions are published once, after the call has closed."))
    undecided = call.proposals.filter(status=ProposalStatus.SUBMITTED, decision__isnull=True).count()
    if undecided:
        raise ValidationError(_("%(count)s submitted proposals have no decision yet.") % {"count": undecided})
    total = committed(call)
    if total > call.budget_envelope:  # cannot happen through `decide`; a last guard all the same
        raise ValidationError(_("The funded amounts exceed the envelope."))
    before = audit.snapshot(call, ("themes", "managers"))
    now = timezone.now()
    call.status = CallStatus.DECIDED
    call.decisions_published_at = now
    call.save(update_fields=["status", "decisions_published_at", "updated_at"])
    audit.record_update(
        actor=actor,
        obj=call,
        action="calls.decisions.published",
        before=before,
        m2m=("themes", "managers"),
        data={"committed": str(total), "envelope": str(call.budget_envelope)},
    )
    decisions = list(
        Decision.objects.filter(
            proposal__call=call, proposal__status=ProposalStatus.SUBMITTED
        ).select_related("proposal__call")
    )
    start = timezone.localdate(now)
    for decision in decisions:
        if decision.outcome == Outcome.FUNDED:
            _create_award(actor=actor, decision=decision, start=start)
    from ..tasks import send_decision_letter

    ids = [d.pk for d in decisions]
    transaction.on_commit(lambda: [send_decision_letter.enqueue(pk) for pk in ids])
    return decisions


@transaction.atomic
def set_award_status(*, actor, award: Award, status: str) -> Award:
    if status not in AwardStatus.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    before = audit.snapshot(award)
    award.status = status
    award.save(update_fields=["status", "updated_at"])
    audit.record_update(actor=actor, obj=award, action="calls.award.status_changed", before=before)
    return award


@transaction.atomic
def record_payment(*, actor, instalment: Instalment, paid_on) -> Instalment:
    before = audit.snapshot(instalment)
    instalment.paid_on = paid_on
    instalment.save(update_fields=["paid_on"])
    audit.record_update(actor=actor, obj=instalment, action="calls.award.instalment_paid", before=before)
    return instalment


@transaction.atomic
def record_report(*, actor, report: ReportDue, received_on) -> ReportDue:
    before = audit.snapshot(report)
    report.received_on = received_on
    report.save(update_fields=["received_on"])
    audit.record_update(actor=actor, obj=report, action="calls.award.report_received", before=before)
    return report


def _pays(call: Call) -> bool:
    kind = get_kind(call.kind)
    return kind is None or kind.pays
