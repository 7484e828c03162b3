"""Milestones: declared by the company's members or by staff, checked by staff.

A milestone is dated when it happened: never in the future, possibly before the
enrolment or even before the company's founding year (a founder's patent filed in the
lab, a grant won as a project). Money milestones carry an amount; a fund raise also
its round.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.core.uploads import CONTENT_TYPES, check_upload, extension_of

from ..models import MONEY_KINDS, Enrolment, Milestone, MilestoneKind, MilestoneStatus, Round
from .common import EARLIEST, clean_text, require_staff, today

MAX_AMOUNT = Decimal("1000000000")  # one billion euros: more is a typing mistake
# A scan, a photograph or an office document; checked by its first bytes, like the calls' files.
EVIDENCE_FILE = {"extensions": ["pdf", "png", "jpg", "jpeg", "docx", "xlsx", "odt", "ods"], "max_size_mb": 10}
HEAD_BYTES = 2048


def _checked_upload(upload) -> str:
    """The upload's file name once its type, bytes and size are fine; else the problems, on the field."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    name = (upload.name or "").rsplit("/", 1)[-1]
    problems = check_upload(EVIDENCE_FILE, name=name, size=upload.size, head=head)
    if problems:
        raise ValidationError({"evidence_file": problems})
    return name


def _amount(kind: str, amount) -> Decimal | None:
    if kind not in MONEY_KINDS:
        return None
    try:
        value = Decimal(str(amount)) if amount not in (None, "") else None
    except InvalidOperation as error:
        raise ValidationError({"amount": [_("Enter an amount in euros.")]}) from error
    if value is None or not value.is_finite() or value <= 0 or value > MAX_AMOUNT:
        raise ValidationError({"amount": [_("Give the amount in euros (more than 0).")]})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def declare_milestone(
    *,
    actor,
    enrolment: Enrolment,
    kind: str,
    date: date,
    title: str,
    evidence: str,
    amount=None,
    round: str = "",
    investors: str = "",
    count: int | None = None,
    source: str = "",
    evidence_upload=None,
) -> Milestone:
    """Staff's declarations count as checked; members' wait for staff. The evidence is a link or
    a reference, a file (scan, photograph, office document), or both."""
    if kind not in MilestoneKind.values:
        raise ValidationError({"kind": [_("Choose a kind of milestone.")]})
    if date > today():
        raise ValidationError(
            {
                "date": [
                    _("A milestone is declared once it has happened: %(date)s is in the future.")
                    % {"date": date_format(date)}
                ]
            }
        )
    if date < EARLIEST:
        raise ValidationError(
            {"date": [_("Check the year: %(date)s is too early.") % {"date": date_format(date)}]}
        )
    title = clean_text(title, "title", 200, required=True)
    evidence = clean_text(evidence, "evidence", 500, required=evidence_upload is None)
    file_name = _checked_upload(evidence_upload) if evidence_upload is not None else ""
    investors = clean_text(investors, "investors", 500)
    value = _amount(kind, amount)
    if kind == MilestoneKind.FUND_RAISE and round not in Round.values:
        raise ValidationError({"round": [_("Choose the round of the fund raise.")]})
    if kind != MilestoneKind.FUND_RAISE:
        round, investors = "", ""
    if kind == MilestoneKind.HIRE and (count is None or not 1 <= count <= 10000):
        raise ValidationError({"count": [_("Give the number of people hired.")]})
    staff = actor.has_perm("programmes.validate_milestone", enrolment)
    milestone = Milestone.objects.create(
        enrolment=enrolment,
        kind=kind,
        date=date,
        title=title,
        evidence=evidence,
        amount=value,
        round=round,
        investors=investors,
        count=count if kind in (MilestoneKind.HIRE, MilestoneKind.PATENT) else None,
        status=MilestoneStatus.VALIDATED if staff else MilestoneStatus.DECLARED,
        declared_by=actor,
        validated_by=actor if staff else None,
        validated_at=timezone.now() if staff else None,
        source=source,
        evidence_file_name=file_name,
        evidence_content_type=CONTENT_TYPES[extension_of(file_name)] if file_name else "",
    )
    if evidence_upload is not None:
        # Inside the transaction: if the file cannot be written, the milestone is not saved either.
        milestone.evidence_file.save(file_name, evidence_upload, save=True)
    audit.record_create(actor=actor, obj=milestone, action="programmes.milestone.declared")
    return milestone


@transaction.atomic
def review_milestone(*, actor, milestone: Milestone, validate: bool) -> Milestone:
    require_staff(actor)
    before = audit.snapshot(milestone)
    milestone.status = MilestoneStatus.VALIDATED if validate else MilestoneStatus.REJECTED
    milestone.validated_by = actor
    milestone.validated_at = timezone.now()
    milestone.save()
    audit.record_update(actor=actor, obj=milestone, action="programmes.milestone.reviewed", before=before)
    return milestone
