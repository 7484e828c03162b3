"""Enrolments: joining a cohort, the single renewal, graduation and exit.

The dates' rules: an enrolment lasts its programme's duration (end inclusive, see
`dates.programme_end`); one renewal at most, for at most the programme's renewal
months; an organisation is never in two enrolments on the same day. Checks on an
organisation's enrolments run under a row lock on the organisation, so that two
enrolments made at the same moment are serialised.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.directory.models import Organisation

from ..dates import overlaps, programme_end
from ..models import Cohort, Enrolment, EnrolmentStatus, ExitReason, Renewal, RenewalStatus
from .common import clean_text, require_staff


def _lock(organisation: Organisation) -> None:
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def overlapping(organisation, start: date, end: date, *, excluding: Enrolment | None = None):
    """The first enrolment of `organisation` sharing a day with the period, or None."""
    others = Enrolment.objects.filter(organisation=organisation).select_related("cohort__programme")
    if excluding is not None:
        others = others.exclude(pk=excluding.pk)
    return next((o for o in others if overlaps(start, end, o.start_date, o.effective_end)), None)


def _check_free(
    organisation, start: date, end: date, *, field: str, excluding: Enrolment | None = None
) -> None:
    other = overlapping(organisation, start, end, excluding=excluding)
    if other is not None:
        raise ValidationError(
            {
                field: [
                    _(
                        "%(organisation)s is already enrolled in %(cohort)s from %(start)s to %(end)s: "
                        "enrolments of one organisation cannot overlap."
                    )
                    % {
                        "organisation": organisation.name,
                        "cohort": other.cohort,
                        "start": date_format(other.start_date),
                        "end": date_format(other.effective_end),
                    }
                ]
            }
        )


def max_end(enrolment: Enrolment) -> date:
    """The latest end the rule allows: the duration plus one renewal."""
    programme = enrolment.cohort.programme
    return programme_end(enrolment.start_date, programme.duration_months + programme.renewal_months)


@transaction.atomic
def enrol(
    *,
    actor,
    cohort: Cohort,
    organisation: Organisation,
    founders=(),
    start_date: date | None = None,
    proposal=None,
    organisation_created: bool = False,
    source: str = "",
    check_actor: bool = True,
) -> Enrolment:
    """Enrol `organisation` in `cohort` (the intake hook passes check_actor=False: the award decides)."""
    if check_actor:
        require_staff(actor)
    start = start_date or cohort.start_date
    if start < cohort.start_date - timedelta(days=366):
        raise ValidationError({"start_date": [_("An enrolment starts around its cohort's start.")]})
    end = programme_end(start, cohort.programme.duration_months)
    _lock(organisation)
    _check_free(organisation, start, end, field="start_date")
    enrolment = Enrolment.objects.create(
        cohort=cohort,
        organisation=organisation,
        proposal=proposal,
        organisation_created=organisation_created,
        start_date=start,
        initial_end_date=end,
        end_date=end,
        source=source,
    )
    enrolment.founders.set(founders)
    audit.record_create(actor=actor, obj=enrolment, action="programmes.enrolment.created", m2m=("founders",))
    return enrolment


def _check_extension(enrolment: Enrolment, new_end: date, field: str) -> None:
    programme = enrolment.cohort.programme
    if not programme.is_renewable:
        raise ValidationError(
            {field: [_("%(programme)s cannot be renewed.") % {"programme": programme.name}]}
        )
    if enrolment.renewals.filter(status=RenewalStatus.GRANTED).exists():
        raise ValidationError(
            {field: [_("This enrolment has already been renewed once: a second renewal is not allowed.")]}
        )
    if new_end <= enrolment.end_date:
        raise ValidationError(
            {
                field: [
                    _("The new end must come after the current end, %(end)s.")
                    % {"end": date_format(enrolment.end_date)}
                ]
            }
        )
    limit = max_end(enrolment)
    if new_end > limit:
        raise ValidationError(
            {
                field: [
                    _(
                        "%(programme)s is renewable once for at most %(months)s months: the end can move "
                        "to %(limit)s at the latest."
                    )
                    % {
                        "programme": programme.name,
                        "months": programme.renewal_months,
                        "limit": date_format(limit),
                    }
                ]
            }
        )
    _lock(enrolment.organisation)
    _check_free(enrolment.organisation, enrolment.start_date, new_end, field=field, excluding=enrolment)


@transaction.atomic
def request_renewal(*, actor, enrolment: Enrolment, requested_end_date: date, reason: str) -> Renewal:
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("cohort__programme", "organisation")
        .get(pk=enrolment.pk)
    )
    if not enrolment.is_active:
        raise ValidationError({"requested_end_date": [_("Only an enrolment in progress can be renewed.")]})
    reason = clean_text(reason, "reason", 3000, required=True)
    _check_extension(enrolment, requested_end_date, "requested_end_date")
    if enrolment.renewals.filter(status=RenewalStatus.REQUESTED).exists():
        raise ValidationError({"requested_end_date": [_("A renewal is already waiting for a decision.")]})
    renewal = Renewal.objects.create(
        enrolment=enrolment, requested_end_date=requested_end_date, reason=reason, requested_by=actor
    )
    audit.record_create(actor=actor, obj=renewal, action="programmes.renewal.requested")
    return renewal


@transaction.atomic
def decide_renewal(
    *, actor, renewal: Renewal, grant: bool, new_end_date: date | None = None, note: str = ""
) -> Renewal:
    require_staff(actor)
    renewal = Renewal.objects.select_for_update().get(pk=renewal.pk)
    if renewal.status != RenewalStatus.REQUESTED:
        raise ValidationError({"__all__": [_("This renewal has already been decided.")]})
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("cohort__programme", "organisation")
        .get(pk=renewal.enrolment_id)
    )
    note = clean_text(note, "decision_note", 3000)
    before = audit.snapshot(renewal)
    if grant:
        new_end = new_end_date or renewal.requested_end_date
        _check_extension(enrolment, new_end, "new_end_date")
        enrolment_before = audit.snapshot(enrolment)
        enrolment.end_date = new_end
        enrolment.save(update_fields=["end_date", "updated_at"])
        audit.record_update(
            actor=actor, obj=enrolment, action="programmes.enrolment.renewed", before=enrolment_before
        )
        renewal.new_end_date = new_end
    renewal.status = RenewalStatus.GRANTED if grant else RenewalStatus.REFUSED
    renewal.decided_by = actor
    renewal.decided_at = timezone.now()
    renewal.decision_note = note
    renewal.save()
    audit.record_update(actor=actor, obj=renewal, action="programmes.renewal.decided", before=before)
    return renewal


def _close(actor, enrolment: Enrolment, on: date, status: str, action: str, **values) -> Enrolment:
    require_staff(actor)
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("cohort__programme", "organisation")
        .get(pk=enrolment.pk)
    )
    if not enrolment.is_active:
        raise ValidationError({"__all__": [_("This enrolment has already ended.")]})
    if not enrolment.start_date <= on <= enrolment.end_date:
        raise ValidationError(
            {
                "on": [
                    _("Choose a day between the start, %(start)s, and the planned end, %(end)s.")
                    % {"start": date_format(enrolment.start_date), "end": date_format(enrolment.end_date)}
                ]
            }
        )
    before = audit.snapshot(enrolment)
    enrolment.status = status
    enrolment.ended_on = on
    for name, value in values.items():
        setattr(enrolment, name, value)
    enrolment.save()
    audit.record_update(actor=actor, obj=enrolment, action=action, before=before)
    return enrolment


@transaction.atomic
def graduate(*, actor, enrolment: Enrolment, on: date, into_cohort: Cohort | None = None) -> Enrolment:
    """Graduate; with `into_cohort`, the company joins the next programme the day after (or at its cohort's start)."""
    enrolment = _close(actor, enrolment, on, EnrolmentStatus.GRADUATED, "programmes.enrolment.graduated")
    if into_cohort is not None:
        if into_cohort.programme_id == enrolment.cohort.programme_id:
            raise ValidationError({"into_cohort": [_("Graduating leads to another programme.")]})
        start = max(on + timedelta(days=1), into_cohort.start_date)
        return enrol(
            actor=actor,
            cohort=into_cohort,
            organisation=enrolment.organisation,
            founders=list(enrolment.founders.all()),
            start_date=start,
            source=enrolment.source,
        )
    return enrolment


@transaction.atomic
def leave(*, actor, enrolment: Enrolment, on: date, reason: str, note: str = "") -> Enrolment:
    if reason not in ExitReason.values:
        raise ValidationError({"reason": [_("Choose a reason.")]})
    note = clean_text(note, "note", 3000)
    return _close(
        actor,
        enrolment,
        on,
        EnrolmentStatus.EXITED,
        "programmes.enrolment.exited",
        exit_reason=reason,
        exit_note=note,
    )
