"""The support plan, the experts and mentors, and the ledger of sessions against the quota."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from .. import quota
from ..models import (
    Action,
    ActionStatus,
    Enrolment,
    Expert,
    ExpertKind,
    Objective,
    PlanReview,
    QuotaOverride,
    Session,
    SessionKind,
)
from .common import clean_text, require_staff, today

MAX_SESSION_HOURS = Decimal(70)  # ten days: a longer entry is a typing mistake


@dataclass(frozen=True)
class Quota:
    """The quota of an enrolment, in hours and days; `left` is None when the programme has none."""

    total_hours: Decimal | None
    used_hours: Decimal
    left_hours: Decimal | None

    @property
    def total_days(self):
        return quota.hours_to_days(self.total_hours)

    @property
    def used_days(self):
        return quota.hours_to_days(self.used_hours)

    @property
    def left_days(self):
        return quota.hours_to_days(self.left_hours)

    @property
    def is_over(self) -> bool:
        return self.left_hours is not None and self.left_hours < 0


def quota_of(enrolment: Enrolment) -> Quota:
    """`session_hours`, when the list annotated it (`with_session_hours`), saves a query per enrolment."""
    used = getattr(enrolment, "session_hours", None)
    if used is None:
        used = enrolment.sessions.aggregate(total=Sum("hours"))["total"]
    used = Decimal(used or 0).quantize(Decimal("0.01"))
    total = enrolment.cohort.programme.quota_hours
    return Quota(total, used, quota.left(total, used))


def _in_enrolment(enrolment: Enrolment, day: date, field: str) -> None:
    if not enrolment.start_date <= day <= enrolment.effective_end:
        raise ValidationError(
            {
                field: [
                    _("Choose a day within the enrolment, from %(start)s to %(end)s.")
                    % {
                        "start": date_format(enrolment.start_date),
                        "end": date_format(enrolment.effective_end),
                    }
                ]
            }
        )


@transaction.atomic
def save_plan(*, actor, enrolment: Enrolment, diagnosis: str, review_dates=()) -> Enrolment:
    """The diagnosis that sets the plan, and the dates when the plan will be reviewed."""
    require_staff(actor)
    diagnosis = clean_text(diagnosis, "diagnosis", 10000)
    for day in review_dates:
        _in_enrolment(enrolment, day, "review_dates")
    before = audit.snapshot(enrolment)
    enrolment.diagnosis = diagnosis
    enrolment.save(update_fields=["diagnosis", "updated_at"])
    audit.record_update(actor=actor, obj=enrolment, action="programmes.plan.changed", before=before)
    for day in sorted(set(review_dates)):
        review, created = PlanReview.objects.get_or_create(enrolment=enrolment, due_date=day)
        if created:
            audit.record_create(actor=actor, obj=review, action="programmes.plan.review_scheduled")
    return enrolment


@transaction.atomic
def record_review(*, actor, review: PlanReview, held_on: date, notes: str = "") -> PlanReview:
    require_staff(actor)
    if held_on > today():
        raise ValidationError({"held_on": [_("A review is recorded once it has been held.")]})
    before = audit.snapshot(review)
    review.held_on = held_on
    review.notes = clean_text(notes, "notes", 5000)
    review.save()
    audit.record_update(actor=actor, obj=review, action="programmes.plan.reviewed", before=before)
    return review


def _review_to_hold(enrolment: Enrolment, review: PlanReview | None, held_on: date) -> PlanReview:
    """The scheduled review being held, or one dated the day it was held when none was scheduled."""
    if review is not None:
        if review.enrolment_id != enrolment.pk:
            raise ValidationError({"review": [_("This review belongs to another enrolment.")]})
        if review.held_on is not None:
            raise ValidationError({"review": [_("This review is already recorded.")]})
        return review
    review, _created = PlanReview.objects.get_or_create(enrolment=enrolment, due_date=held_on)
    if review.held_on is not None:
        raise ValidationError({"held_on": [_("A review held that day is already recorded.")]})
    return review


@transaction.atomic
def hold_review(
    *,
    actor,
    enrolment: Enrolment,
    held_on: date,
    notes: str = "",
    review: PlanReview | None = None,
    statuses: dict | None = None,
    next_review: date | None = None,
) -> PlanReview:
    """Record a review of the plan in one go: when it was held, its notes, the actions' statuses
    as they stand after it, and the date of the next review. Nothing is saved if one part is refused."""
    require_staff(actor)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    _in_enrolment(enrolment, held_on, "held_on")
    if next_review is not None:
        if next_review <= held_on:
            raise ValidationError({"next_review": [_("The next review comes after this one.")]})
        _in_enrolment(enrolment, next_review, "next_review")
    review = _review_to_hold(enrolment, review, held_on)
    review = record_review(actor=actor, review=review, held_on=held_on, notes=notes)
    actions = {a.pk: a for a in Action.objects.filter(objective__enrolment=enrolment)}
    for action_id, status in (statuses or {}).items():
        action = actions.get(getattr(action_id, "pk", action_id))
        if action is None:
            raise ValidationError({"statuses": [_("This action is not in the plan.")]})
        if action.status != status:
            set_action_status(actor=actor, action=action, status=status)
    if next_review is not None:
        upcoming, created = PlanReview.objects.get_or_create(enrolment=enrolment, due_date=next_review)
        if created:
            audit.record_create(actor=actor, obj=upcoming, action="programmes.plan.review_scheduled")
    return review


def next_review(enrolment: Enrolment) -> PlanReview | None:
    """The first review not held yet, even if its date has passed: it is still owed."""
    return enrolment.plan_reviews.filter(held_on__isnull=True).order_by("due_date").first()


@transaction.atomic
def add_objective(*, actor, enrolment: Enrolment, title: str) -> Objective:
    require_staff(actor)
    objective = Objective.objects.create(
        enrolment=enrolment, title=clean_text(title, "title", 200, required=True)
    )
    audit.record_create(actor=actor, obj=objective, action="programmes.plan.objective_added")
    return objective


@transaction.atomic
def add_action(
    *, actor, objective: Objective, title: str, owner: str, due_date: date, status=ActionStatus.PLANNED
) -> Action:
    require_staff(actor)
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    _in_enrolment(objective.enrolment, due_date, "due_date")
    action = Action.objects.create(
        objective=objective,
        title=clean_text(title, "title", 200, required=True),
        owner=clean_text(owner, "owner", 120, required=True),
        due_date=due_date,
        status=status,
    )
    audit.record_create(actor=actor, obj=action, action="programmes.plan.action_added")
    return action


@transaction.atomic
def set_action_status(*, actor, action: Action, status: str) -> Action:
    require_staff(actor)
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    before = audit.snapshot(action)
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    audit.record_update(actor=actor, obj=action, action="programmes.plan.action_status", before=before)
    return action


def _hours(hours, days) -> Decimal:
    try:
        if hours not in (None, ""):
            value = Decimal(str(hours))
        elif days not in (None, ""):
            value = quota.days_to_hours(Decimal(str(days)))
        else:
            raise ValidationError({"hours": [_("Give the duration in hours or in days.")]})
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({"hours": [_("Enter a number of hours.")]}) from error
    if not value.is_finite() or value <= 0 or value > MAX_SESSION_HOURS:
        raise ValidationError(
            {
                "hours": [
                    _("A session lasts more than 0 and at most %(max)s hours.") % {"max": MAX_SESSION_HOURS}
                ]
            }
        )
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def log_session(
    *,
    actor,
    enrolment: Enrolment,
    date: date,
    kind: str,
    topic: str,
    hours=None,
    days=None,
    expert: Expert | None = None,
    override_reason: str = "",
) -> Session:
    """Log a session. Past the quota it is refused, unless entreprises staff record why it may go over."""
    enrolment = Enrolment.objects.select_for_update().select_related("cohort__programme").get(pk=enrolment.pk)
    if kind not in SessionKind.values:
        raise ValidationError({"kind": [_("Choose coaching, training or mentoring.")]})
    topic = clean_text(topic, "topic", 200, required=True)
    override_reason = clean_text(override_reason, "override_reason", 2000)
    if date > today():
        raise ValidationError({"date": [_("A session is logged once it has taken place.")]})
    _in_enrolment(enrolment, date, "date")
    if expert is not None and not expert.is_active:
        raise ValidationError({"expert": [_("This expert is no longer available.")]})
    amount = _hours(hours, days)
    current = quota_of(enrolment)
    override = None
    if quota.would_exceed(current.total_hours, current.used_hours, amount):
        if not override_reason:
            left = max(current.left_hours, Decimal(0))
            raise ValidationError(
                {
                    "hours": [
                        _(
                            "Only %(hours)s hours (%(days)s days) of the quota are left: going over it needs "
                            "a decision of the entreprises staff, with a reason."
                        )
                        % {"hours": left, "days": quota.hours_to_days(left)}
                    ]
                }
            )
        if not actor.has_perm("programmes.override_quota", enrolment):
            raise ValidationError(
                {"override_reason": [_("Only the entreprises staff may decide to go over the quota.")]}
            )
        over = current.used_hours + amount - current.total_hours
        override = QuotaOverride.objects.create(
            enrolment=enrolment, decided_by=actor, reason=override_reason, hours_over=min(over, amount)
        )
        audit.record_create(actor=actor, obj=override, action="programmes.quota.overridden")
    session = Session.objects.create(
        enrolment=enrolment,
        date=date,
        kind=kind,
        topic=topic,
        hours=amount,
        expert=expert,
        logged_by=actor,
        override=override,
    )
    audit.record_create(actor=actor, obj=session, action="programmes.session.logged")
    return session


@transaction.atomic
def save_expert(
    *,
    actor,
    person,
    kind: str = ExpertKind.EXPERT,
    fields=(),
    expertise_en: str = "",
    expertise_fr: str = "",
    source: str = "",
) -> Expert:
    require_staff(actor)
    if kind not in ExpertKind.values:
        raise ValidationError({"kind": [_("Choose expert, mentor or both.")]})
    values = {
        "kind": kind,
        "expertise_en": clean_text(expertise_en, "expertise_en", 300),
        "expertise_fr": clean_text(expertise_fr, "expertise_fr", 300),
        "source": source,
    }
    expert = Expert.objects.filter(person=person).first()
    if expert is None:
        expert = Expert.objects.create(person=person, **values)
        expert.fields.set(fields)
        audit.record_create(actor=actor, obj=expert, action="programmes.expert.added", m2m=("fields",))
        return expert
    before = audit.snapshot(expert, ("fields",))
    for name, value in values.items():
        setattr(expert, name, value)
    expert.save()
    expert.fields.set(fields)
    audit.record_update(
        actor=actor, obj=expert, action="programmes.expert.changed", before=before, m2m=("fields",)
    )
    return expert
