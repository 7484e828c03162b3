"""Every write to the EU projects, whether from a page, the API, the admin or the demo.

Each function takes the acting user, runs in a transaction and records its audit event; a
rule it refuses is a `ValidationError` naming the field. Who may call them is the rules'
business (`rules.py`), checked by the callers, except where the rule is part of the business:
submitting a deliverable and recording its acceptance are the coordinator's people's.

The plan's soundness (a deliverable due after its work package ends, a task outside its work
package's months, declared effort above plan, a work package led outside the consortium) is
not refused: `warnings(project)` lists it (`plan.py`).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.accounts.roles import roles_of
from biocluster.audit import services as audit
from biocluster.core import rows
from biocluster.directory.models import Organisation

from . import plan
from .models import (
    Deliverable,
    DeliverableStep,
    Dissemination,
    Effort,
    Milestone,
    Participant,
    Project,
    ReportingPeriod,
    Role,
    Status,
    Task,
    WorkPackage,
)

STAFF = ("staff",)
MAX_MONTHS = 120
MAX_AMOUNT = Decimal("9999999999.99")
MAX_EFFORT = Decimal("99999.99")


# -- shared checks


def _text(obj, name: str, message: str) -> None:
    value = (getattr(obj, name) or "").strip()
    if not value:
        raise ValidationError({name: [message]})
    setattr(obj, name, value)


def _date(field: str, value, *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({field: [_("Enter a date.")]})


def _month(project: Project, field: str, value) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError({field: [_("A month of the project: 1 for M1, its first month.")]})
    if value > project.months:
        raise ValidationError(
            {
                field: [
                    _("The project runs %(months)s months: M%(month)s is after its end.")
                    % {"months": project.months, "month": value}
                ]
            }
        )


def _months(project: Project, obj, start: str = "start_month", end: str = "end_month") -> None:
    _month(project, start, getattr(obj, start))
    _month(project, end, getattr(obj, end))
    if getattr(obj, end) < getattr(obj, start):
        raise ValidationError({end: [_("The end month cannot come before the start month.")]})


def _amount(obj, name: str, limit: Decimal = MAX_AMOUNT, *, required: bool = True) -> None:
    value = getattr(obj, name)
    if value is None and not required:
        return
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({name: [_("Enter a number.")]}) from None
    if not value.is_finite() or value < 0 or value > limit:
        raise ValidationError({name: [_("Enter a number between 0 and %(limit)s.") % {"limit": limit}]})
    setattr(obj, name, value.quantize(Decimal("0.01")))


def _number(obj, siblings, message: str) -> None:
    if not isinstance(obj.number, int) or isinstance(obj.number, bool) or not 1 <= obj.number <= 999:
        raise ValidationError({"number": [_("Enter a number from 1 to 999.")]})
    if siblings.filter(number=obj.number).exclude(pk=obj.pk).exists():
        raise ValidationError({"number": [message]})


def _apply(obj, changes: dict, allowed: tuple[str, ...]) -> None:
    rows.apply_changes(obj, changes, allowed, strip=True)


def _organisation(field: str, value) -> Organisation:
    if not isinstance(value, Organisation):
        raise ValidationError({field: [_("Choose an organisation of the directory.")]})
    return value


def _in_consortium(project: Project, field: str, organisation) -> None:
    _organisation(field, organisation)
    if not project.participants.filter(organisation=organisation).exists():
        raise ValidationError({field: [_("%(name)s is not in the consortium.") % {"name": organisation}]})


def _staff(users) -> list:
    users = list(users or [])
    if any(not roles_of(user).is_cluster_staff for user in users):
        raise ValidationError({"staff": [_("Choose members of the cluster staff.")]})
    return users


# -- projects


def _check_project(project: Project) -> None:
    _text(project, "acronym", _("Give the project's acronym."))
    _text(project, "title", _("Give the project's title."))
    _text(project, "programme", _("Name the programme (COSME, Interreg, Horizon Europe...)."))
    project.call = (project.call or "").strip()
    _date("starts_on", project.starts_on)
    _date("ends_on", project.ends_on)
    _date("signed_on", project.signed_on, required=False)
    if project.ends_on <= project.starts_on:
        raise ValidationError({"ends_on": [_("A project ends after it starts.")]})
    if project.months > MAX_MONTHS:
        raise ValidationError({"ends_on": [_("A project runs at most %(n)s months.") % {"n": MAX_MONTHS}]})
    if Project.objects.filter(acronym__iexact=project.acronym).exclude(pk=project.pk).exists():
        raise ValidationError({"acronym": [_("Another project has this acronym.")]})


def _last_month_used(project: Project) -> int:
    """The latest month the plan uses (0 without a plan)."""
    months = [0]
    months += project.work_packages.values_list("end_month", flat=True)
    months += Task.objects.filter(work_package__project=project).values_list("end_month", flat=True)
    months += project.deliverables.values_list("due_month", flat=True)
    months += project.milestones.values_list("month", flat=True)
    months += project.periods.values_list("end_month", flat=True)
    return max(months)


@transaction.atomic
def create_project(
    *,
    actor,
    acronym: str,
    title: str,
    programme: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    cluster: Organisation,
    cluster_role: str,
    call: str = "",
    signed_on: datetime.date | None = None,
    objectives: str = "",
    budget=0,
    eu_contribution=0,
    staff=(),
    source: str = "",
) -> Project:
    """A project with the cluster (`cluster`, its organisation) in its consortium, in `cluster_role`.

    The staff member who creates it is assigned to it, with `staff`."""
    project = Project(
        acronym=acronym or "",
        title=title or "",
        programme=programme or "",
        call=call or "",
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=signed_on,
        objectives=(objectives or "").strip(),
        source=source or "",
    )
    _check_project(project)
    _organisation("cluster", cluster)
    if cluster_role not in Role.values:
        raise ValidationError({"cluster_role": [_("Choose coordinator or partner.")]})
    staff = _staff(staff)
    if actor is not None and roles_of(actor).is_cluster_staff and not roles_of(actor).is_administrator:
        staff = [actor, *[user for user in staff if user.pk != actor.pk]]
    project.full_clean()
    project.save()
    project.staff.set(staff)
    audit.record_create(actor=actor, obj=project, action="euprojects.project.created", m2m=STAFF)
    add_participant(
        actor=actor,
        project=project,
        organisation=cluster,
        role=cluster_role,
        is_cluster=True,
        budget=budget,
        eu_contribution=eu_contribution,
        source=source,
    )
    return project


@transaction.atomic
def update_project(*, actor, project: Project, **changes) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = audit.snapshot(project, STAFF)
    staff = changes.pop("staff", None)
    _apply(
        project,
        changes,
        (
            "acronym",
            "title",
            "programme",
            "call",
            "starts_on",
            "ends_on",
            "signed_on",
            "objectives",
            "source",
        ),
    )
    _check_project(project)
    used = _last_month_used(project)
    if used > project.months:
        raise ValidationError(
            {"ends_on": [_("The plan uses M%(month)s: the project cannot end before it.") % {"month": used}]}
        )
    project.full_clean()
    project.save()
    if staff is not None:
        project.staff.set(_staff(staff))
    audit.record_update(
        actor=actor, obj=project, action="euprojects.project.updated", before=before, m2m=STAFF
    )
    return project


@transaction.atomic
def delete_project(*, actor, project: Project) -> None:
    audit.record_delete(actor=actor, obj=project, action="euprojects.project.deleted", m2m=STAFF)
    project.delete()


# -- the consortium


def _check_participant(participant: Participant) -> None:
    _organisation("organisation", participant.organisation)
    if participant.role not in Role.values:
        raise ValidationError({"role": [_("Choose coordinator or partner.")]})
    _amount(participant, "budget")
    _amount(participant, "eu_contribution")
    if participant.eu_contribution > participant.budget:
        raise ValidationError({"eu_contribution": [_("The EU contribution cannot exceed the budget.")]})
    others = Participant.objects.filter(project=participant.project_id).exclude(pk=participant.pk)
    if others.filter(organisation=participant.organisation).exists():
        raise ValidationError({"organisation": [_("This organisation is already in the consortium.")]})
    if participant.role == Role.COORDINATOR and others.filter(role=Role.COORDINATOR).exists():
        raise ValidationError({"role": [_("The consortium already has its coordinator.")]})


PARTICIPANTS = rows.Kind(
    "euprojects.participant",
    editable=("role", "budget", "eu_contribution", "source"),
    check=_check_participant,
    strip=True,
    verbs=("added", "updated", "removed"),
)


@transaction.atomic
def add_participant(
    *,
    actor,
    project: Project,
    organisation: Organisation,
    role: str = Role.PARTNER,
    budget=0,
    eu_contribution=0,
    is_cluster: bool = False,
    source: str = "",
) -> Participant:
    participant = Participant(
        project=project,
        organisation=organisation,
        role=role,
        budget=budget if budget is not None else 0,
        eu_contribution=eu_contribution if eu_contribution is not None else 0,
        is_cluster=bool(is_cluster),
        source=source or "",
    )
    return PARTICIPANTS.add(participant, actor=actor)


@transaction.atomic
def update_participant(*, actor, participant: Participant, **changes) -> Participant:
    return PARTICIPANTS.change(participant, changes, actor=actor)


@transaction.atomic
def remove_participant(*, actor, participant: Participant) -> None:
    """The cluster stays in its projects; a partner owning deliverables keeps its place until they move."""
    if participant.is_cluster:
        raise ValidationError(_("The cluster stays in the consortium of its projects."), code="cluster")
    if participant.project.deliverables.filter(owner=participant.organisation_id).exists():
        raise ValidationError(
            _("%(name)s owns deliverables: give them to another partner first.")
            % {"name": participant.organisation},
            code="owner",
        )
    PARTICIPANTS.remove(participant, actor=actor)


# -- work packages and tasks


def _check_work_package(wp: WorkPackage) -> None:
    _number(
        wp, WorkPackage.objects.filter(project=wp.project_id), _("The project already has this work package.")
    )
    _text(wp, "title", _("Give the work package a title."))
    _months(wp.project, wp)
    _organisation("leader", wp.leader)
    # A leader outside the consortium is a warning of the plan, not a refusal.


WORK_PACKAGES = rows.Kind(
    "euprojects.work_package",
    editable=("number", "title", "leader", "start_month", "end_month", "source"),
    check=_check_work_package,
    strip=True,
)


@transaction.atomic
def add_work_package(
    *,
    actor,
    project: Project,
    number: int,
    title: str,
    leader: Organisation,
    start_month: int,
    end_month: int,
    source: str = "",
) -> WorkPackage:
    wp = WorkPackage(
        project=project,
        number=number,
        title=title or "",
        leader=leader,
        start_month=start_month,
        end_month=end_month,
        source=source or "",
    )
    return WORK_PACKAGES.add(wp, actor=actor)


@transaction.atomic
def update_work_package(*, actor, work_package: WorkPackage, **changes) -> WorkPackage:
    return WORK_PACKAGES.change(work_package, changes, actor=actor)


@transaction.atomic
def delete_work_package(*, actor, work_package: WorkPackage) -> None:
    if work_package.deliverables.exists():
        raise ValidationError(
            _("Its deliverables go first: move them to another work package or delete them."),
            code="deliverables",
        )
    WORK_PACKAGES.remove(work_package, actor=actor)


def _check_task(task: Task) -> None:
    _number(
        task,
        Task.objects.filter(work_package=task.work_package_id),
        _("The work package already has this task."),
    )
    _text(task, "title", _("Give the task a title."))
    _months(task.work_package.project, task)


TASKS = rows.Kind(
    "euprojects.task",
    editable=("number", "title", "start_month", "end_month", "source"),
    check=_check_task,
    strip=True,
)


@transaction.atomic
def add_task(
    *,
    actor,
    work_package: WorkPackage,
    number: int,
    title: str,
    start_month: int,
    end_month: int,
    source: str = "",
) -> Task:
    task = Task(
        work_package=work_package,
        number=number,
        title=title or "",
        start_month=start_month,
        end_month=end_month,
        source=source or "",
    )
    return TASKS.add(task, actor=actor)


@transaction.atomic
def update_task(*, actor, task: Task, **changes) -> Task:
    return TASKS.change(task, changes, actor=actor)


@transaction.atomic
def delete_task(*, actor, task: Task) -> None:
    TASKS.remove(task, actor=actor)


# -- deliverables and their review chain


def _check_deliverable(deliverable: Deliverable) -> None:
    project = deliverable.project
    deliverable.number = (deliverable.number or "").strip()
    if not deliverable.number:
        raise ValidationError({"number": [_("Give the deliverable's number, e.g. D2.1.")]})
    others = Deliverable.objects.filter(project=project).exclude(pk=deliverable.pk)
    if others.filter(number__iexact=deliverable.number).exists():
        raise ValidationError({"number": [_("The project already has a deliverable of this number.")]})
    _text(deliverable, "title", _("Give the deliverable a title."))
    if (
        not isinstance(deliverable.work_package, WorkPackage)
        or deliverable.work_package.project_id != project.pk
    ):
        raise ValidationError({"work_package": [_("Choose a work package of this project.")]})
    _month(project, "due_month", deliverable.due_month)
    _in_consortium(project, "owner", deliverable.owner)
    if deliverable.dissemination not in Dissemination.values:
        raise ValidationError({"dissemination": [_("Choose public (PU) or sensitive (SEN).")]})


DELIVERABLES = rows.Kind(
    "euprojects.deliverable",
    editable=("number", "title", "work_package", "due_month", "owner", "dissemination", "source"),
    check=_check_deliverable,
    strip=True,
)


def _today(on) -> datetime.date:
    return timezone.localdate() if on is None else on


@transaction.atomic
def add_deliverable(
    *,
    actor,
    project: Project,
    work_package: WorkPackage,
    number: str,
    title: str,
    due_month: int,
    owner: Organisation,
    dissemination: str = Dissemination.PUBLIC,
    on: datetime.date | None = None,
    source: str = "",
) -> Deliverable:
    """A deliverable, in draft from `on` (today by default): its first step."""
    deliverable = Deliverable(
        project=project,
        work_package=work_package,
        number=number,
        title=title or "",
        due_month=due_month,
        owner=owner,
        dissemination=dissemination,
        status=Status.DRAFT,
        source=source or "",
    )
    _check_deliverable(deliverable)
    on = _today(on)
    _date("moved_on", on)
    deliverable.full_clean()
    deliverable.save()
    DeliverableStep.objects.create(
        deliverable=deliverable, status=Status.DRAFT, moved_on=on, moved_by=_user(actor)
    )
    audit.record_create(actor=actor, obj=deliverable, action="euprojects.deliverable.created")
    return deliverable


@transaction.atomic
def update_deliverable(*, actor, deliverable: Deliverable, **changes) -> Deliverable:
    """Its plan (number, title, work package, due month, owner, level); its status moves with `move_deliverable`."""
    return DELIVERABLES.change(deliverable, changes, actor=actor)


@transaction.atomic
def delete_deliverable(*, actor, deliverable: Deliverable) -> None:
    if deliverable.status in (Status.SUBMITTED, Status.ACCEPTED):
        raise ValidationError(_("A deliverable submitted to the funder stays on record."), code="submitted")
    DELIVERABLES.remove(deliverable, actor=actor)


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _labels(statuses) -> str:
    labels = dict(Status.choices)
    return ", ".join(str(labels[status]).lower() for status in statuses)


@transaction.atomic
def move_deliverable(
    *, actor, deliverable: Deliverable, status: str, on: datetime.date | None = None, note: str = ""
) -> DeliverableStep:
    """One step along the review chain (draft → review → final → submitted → accepted), or back with
    why; dated `on` (today by default), by `actor`. A refused move says why, on the field at fault."""
    from .rules import coordinates

    deliverable = Deliverable.objects.select_for_update().select_related("project").get(pk=deliverable.pk)
    labels = dict(Status.choices)
    current = deliverable.status
    note = (note or "").strip()
    if status not in Status.values:
        raise ValidationError({"status": [_("Choose a step of the review chain.")]})
    if status not in plan.MOVES[current]:
        if not plan.MOVES[current]:
            message = _("An accepted deliverable moves no more.")
        else:
            message = _("From “%(current)s”, a deliverable goes to %(allowed)s, not to “%(status)s”.") % {
                "current": labels[current],
                "allowed": _labels(plan.next_statuses(current)),
                "status": labels[status],
            }
        raise ValidationError({"status": [message]})
    if status in plan.COORDINATOR_ONLY and not coordinates(actor, deliverable.project):
        raise ValidationError(
            {"status": [_("Only the coordinator's people submit a deliverable or record its acceptance.")]}
        )
    if (current, status) in plan.BACKWARDS and not note:
        raise ValidationError({"note": [_("Say why it goes back: the note is kept with the step.")]})
    if len(note) > 500:
        raise ValidationError({"note": [_("At most %(limit)s characters.") % {"limit": 500}]})
    today = timezone.localdate()
    on = today if on is None else on
    _date("moved_on", on)
    if on > today:
        raise ValidationError(
            {"moved_on": [_("A step is recorded once taken: the date cannot be in the future.")]}
        )
    last = deliverable.steps.order_by("-id").first()
    if last is not None and on < last.moved_on:
        raise ValidationError(
            {
                "moved_on": [
                    _("The previous step is dated %(date)s: this one cannot come before it.")
                    % {"date": last.moved_on.isoformat()}
                ]
            }
        )
    before = audit.snapshot(deliverable)
    deliverable.status = status
    deliverable.save(update_fields=["status", "updated_at"])
    step = DeliverableStep.objects.create(
        deliverable=deliverable, status=status, moved_on=on, moved_by=_user(actor), note=note
    )
    audit.record_update(
        actor=actor,
        obj=deliverable,
        action="euprojects.deliverable.moved",
        before=before,
        data={"on": on.isoformat(), "note": note},
    )
    return step


# -- milestones, reporting periods, effort


def _check_milestone(milestone: Milestone) -> None:
    _number(
        milestone,
        Milestone.objects.filter(project=milestone.project_id),
        _("The project already has this milestone."),
    )
    _text(milestone, "title", _("Give the milestone a title."))
    _month(milestone.project, "month", milestone.month)
    milestone.verification = (milestone.verification or "").strip()


MILESTONES = rows.Kind(
    "euprojects.milestone",
    editable=("number", "title", "month", "verification", "source"),
    check=_check_milestone,
    strip=True,
)


@transaction.atomic
def add_milestone(
    *, actor, project: Project, number: int, title: str, month: int, verification: str = "", source: str = ""
) -> Milestone:
    milestone = Milestone(
        project=project,
        number=number,
        title=title or "",
        month=month,
        verification=verification or "",
        source=source or "",
    )
    return MILESTONES.add(milestone, actor=actor)


@transaction.atomic
def update_milestone(*, actor, milestone: Milestone, **changes) -> Milestone:
    return MILESTONES.change(milestone, changes, actor=actor)


@transaction.atomic
def delete_milestone(*, actor, milestone: Milestone) -> None:
    MILESTONES.remove(milestone, actor=actor)


def _check_period(period: ReportingPeriod) -> None:
    siblings = ReportingPeriod.objects.filter(project=period.project_id).exclude(pk=period.pk)
    _number(period, siblings, _("The project already has this reporting period."))
    _months(period.project, period)
    if siblings.filter(start_month__lte=period.end_month, end_month__gte=period.start_month).exists():
        raise ValidationError({"start_month": [_("Reporting periods do not overlap.")]})


PERIODS = rows.Kind(
    "euprojects.period",
    editable=("number", "start_month", "end_month", "source"),
    check=_check_period,
    strip=True,
)


@transaction.atomic
def add_period(
    *, actor, project: Project, number: int, start_month: int, end_month: int, source: str = ""
) -> ReportingPeriod:
    period = ReportingPeriod(
        project=project, number=number, start_month=start_month, end_month=end_month, source=source or ""
    )
    return PERIODS.add(period, actor=actor)


@transaction.atomic
def update_period(*, actor, period: ReportingPeriod, **changes) -> ReportingPeriod:
    return PERIODS.change(period, changes, actor=actor)


@transaction.atomic
def delete_period(*, actor, period: ReportingPeriod) -> None:
    PERIODS.remove(period, actor=actor)


@transaction.atomic
def record_effort(
    *, actor, participant: Participant, period: ReportingPeriod, planned, declared=None, source: str = ""
) -> Effort:
    """The person-months of `participant` in `period`: planned, and declared once reported (one row each)."""
    if not isinstance(participant, Participant):
        raise ValidationError({"participant": [_("Choose a partner of the consortium.")]})
    if not isinstance(period, ReportingPeriod) or period.project_id != participant.project_id:
        raise ValidationError({"period": [_("Choose a reporting period of this project.")]})
    effort = Effort.objects.filter(participant=participant, period=period).first()
    before = audit.snapshot(effort) if effort is not None else None
    if effort is None:
        effort = Effort(participant=participant, period=period)
    effort.planned = planned if planned is not None else 0
    effort.declared = declared
    effort.source = source or effort.source
    _amount(effort, "planned", MAX_EFFORT)
    _amount(effort, "declared", MAX_EFFORT, required=False)
    effort.full_clean()
    effort.save()
    if before is None:
        audit.record_create(actor=actor, obj=effort, action="euprojects.effort.recorded")
    else:
        audit.record_update(actor=actor, obj=effort, action="euprojects.effort.updated", before=before)
    return effort


@transaction.atomic
def delete_effort(*, actor, effort: Effort) -> None:
    rows.remove_row(effort, actor=actor, action="euprojects.effort.deleted")


# -- reads


def plan_of(project: Project) -> plan.Plan:
    """The project's plan as the pure checks read it (a few queries, whatever its size)."""
    packages = [
        plan.WorkPackageRow(wp.pk, wp.number, wp.start_month, wp.end_month, wp.leader_id)
        for wp in project.work_packages.all()
    ]
    tasks = [
        plan.TaskRow(t.pk, t.work_package_id, f"T{number}.{t.number}", t.start_month, t.end_month)
        for t, number in (
            (t, t.work_package.number)
            for t in Task.objects.filter(work_package__project=project).select_related("work_package")
        )
    ]
    deliverables = [
        plan.DeliverableRow(d.pk, d.work_package_id, d.number, d.due_month)
        for d in project.deliverables.all()
    ]
    efforts = [
        plan.EffortRow(e.participant_id, e.period_id, e.planned, e.declared)
        for e in Effort.objects.filter(period__project=project)
    ]
    consortium = frozenset(project.participants.values_list("organisation_id", flat=True))
    return plan.Plan(packages, tasks, deliverables, efforts, consortium)


def warnings(project: Project) -> list[str]:
    """The plan's warnings, as sentences in the reader's language."""
    names = dict(Participant.objects.filter(project=project).values_list("pk", "organisation__name"))
    periods = dict(ReportingPeriod.objects.filter(project=project).values_list("pk", "number"))
    sentences = []
    for warning in plan.check(plan_of(project)):
        d = warning.details
        if warning.kind == plan.DELIVERABLE_AFTER_WP:
            text = _("%(number)s is due in M%(due)s, after WP%(wp)s ends (M%(end)s).") % d
        elif warning.kind == plan.TASK_OUTSIDE_WP:
            text = _("%(task)s runs M%(start)s-M%(end)s, outside WP%(wp)s (M%(wp_start)s-M%(wp_end)s).") % d
        elif warning.kind == plan.EFFORT_ABOVE_PLAN:
            participant_id, period_id = warning.subject_id
            text = _(
                "%(partner)s declared %(declared)s person-months in RP%(period)s, above the %(planned)s planned."
            ) % {
                "partner": names.get(participant_id, "?"),
                "period": periods.get(period_id, "?"),
                "declared": _pm(d["declared"]),
                "planned": _pm(d["planned"]),
            }
        else:
            text = _("WP%(wp)s is led by an organisation that is not in the consortium.") % d
        sentences.append(text)
    return sentences


def _pm(value) -> str:
    return f"{Decimal(value).normalize():f}"


def due_deliverables(
    user, *, today: datetime.date | None = None, days: int = 60
) -> list[tuple[Deliverable, datetime.date]]:
    """Deliverables not yet submitted, due within `days` of `today` (or overdue), across the projects
    `user` sees, soonest first, each with its due date."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    open_statuses = (Status.DRAFT, Status.REVIEW, Status.FINAL)
    rows = (
        Deliverable.objects.visible_to(user)
        .filter(status__in=open_statuses, project__starts_on__lte=horizon)
        .select_related("project", "owner", "work_package")
    )
    due = [(d, d.due_on) for d in rows]
    return sorted(
        ((d, day) for d, day in due if day <= horizon and day >= today - datetime.timedelta(days=365)),
        key=lambda pair: (pair[1], pair[0].project.acronym, pair[0].number),
    )
