"""EU and international projects: the consortium, the plan (work packages, tasks, deliverables,
milestones, reporting periods) and the effort planned and declared.

Months are counted from the project's start: M1 is the month starting on `starts_on`.
The cluster itself is one of the consortium's participants (`is_cluster`); its role in the
project (coordinator or partner) is that participant's role.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import SYNTHETIC, Organisation

from . import plan
from .querysets import DeliverableQuerySet, ProjectQuerySet


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")


class Dissemination(models.TextChoices):
    PUBLIC = "PU", _("Public (PU)")
    SENSITIVE = "SEN", _("Sensitive (SEN)")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    FINAL = "final", _("Final")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")


class Project(TimeStampedModel):
    acronym = models.CharField(_("acronym"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    programme = models.CharField(
        _("programme"), max_length=120, help_text=_("e.g. COSME, Interreg, Horizon Europe.")
    )
    call = models.CharField(
        _("call"), max_length=200, blank=True, help_text=_("e.g. Cluster Go International.")
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cluster staff assigned"),
        blank=True,
        related_name="eu_projects",
    )
    source = models.TextField(_("source"), blank=True, help_text=_("Where the facts come from."))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("EU project")
        verbose_name_plural = _("EU projects")
        ordering = ["-starts_on", "acronym"]

    def __str__(self):
        return self.acronym

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC

    @property
    def months(self) -> int:
        """Its duration in months: M1 to M`months`."""
        return plan.months_between(self.starts_on, self.ends_on)

    def month_starts(self, month: int) -> datetime.date:
        return plan.month_start(self.starts_on, month)

    def month_ends(self, month: int) -> datetime.date:
        return plan.month_end(self.starts_on, month)


class Participant(TimeStampedModel):
    """A member of the consortium: a directory organisation with its role, budget and EU contribution."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="eu_participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    is_cluster = models.BooleanField(_("the cluster itself"), default=False)
    budget = models.DecimalField(_("budget (EUR)"), max_digits=12, decimal_places=2, default=0)
    eu_contribution = models.DecimalField(
        _("EU contribution (EUR)"), max_digits=12, decimal_places=2, default=0
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("consortium partner")
        verbose_name_plural = _("consortium partners")
        ordering = ["project", "-is_cluster", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="euprojects_one_participation"),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(role="coordinator"),
                name="euprojects_one_coordinator",
            ),
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(is_cluster=True), name="euprojects_one_cluster"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.project})"


class WorkPackage(TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="work_packages"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    leader = models.ForeignKey(
        Organisation,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="eu_work_packages",
    )
    start_month = models.PositiveSmallIntegerField(_("start month"))
    end_month = models.PositiveSmallIntegerField(_("end month"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="euprojects_wp_number"),
        ]

    def __str__(self):
        return f"WP{self.number} {self.title}"


class Task(TimeStampedModel):
    work_package = models.ForeignKey(
        WorkPackage, verbose_name=_("work package"), on_delete=models.CASCADE, related_name="tasks"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    start_month = models.PositiveSmallIntegerField(_("start month"))
    end_month = models.PositiveSmallIntegerField(_("end month"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["work_package", "number"]
        constraints = [
            models.UniqueConstraint(fields=["work_package", "number"], name="euprojects_task_number"),
        ]

    def __str__(self):
        return f"T{self.work_package.number}.{self.number} {self.title}"

    @property
    def project(self):
        return self.work_package.project


class Deliverable(TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="deliverables"
    )
    work_package = models.ForeignKey(
        WorkPackage, verbose_name=_("work package"), on_delete=models.CASCADE, related_name="deliverables"
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("e.g. D2.1"))
    title = models.CharField(_("title"), max_length=200)
    due_month = models.PositiveSmallIntegerField(_("due month"))
    owner = models.ForeignKey(
        Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="eu_deliverables"
    )
    dissemination = models.CharField(
        _("dissemination level"), max_length=3, choices=Dissemination.choices, default=Dissemination.PUBLIC
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    source = models.TextField(_("source"), blank=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["project", "due_month", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="euprojects_deliverable_number"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def due_on(self) -> datetime.date:
        """The last day of its due month."""
        return self.project.month_ends(self.due_month)


class DeliverableStep(models.Model):
    """One move of a deliverable along its review chain: the status reached, when and by whom."""

    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    moved_on = models.DateField(_("date"))
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["deliverable", "id"]

    def __str__(self):
        return f"{self.deliverable.number}: {self.get_status_display()} ({self.moved_on:%Y-%m-%d})"


class Milestone(TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    month = models.PositiveSmallIntegerField(_("month"))
    verification = models.CharField(_("means of verification"), max_length=300, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "month", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="euprojects_milestone_number"),
        ]

    def __str__(self):
        return f"MS{self.number} {self.title}"


class ReportingPeriod(TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="periods"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start_month = models.PositiveSmallIntegerField(_("start month"))
    end_month = models.PositiveSmallIntegerField(_("end month"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="euprojects_period_number"),
        ]

    def __str__(self):
        return f"RP{self.number} (M{self.start_month}-M{self.end_month})"


class Effort(TimeStampedModel):
    """Person-months of a consortium partner in a reporting period: planned, and declared once reported."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("consortium partner"), on_delete=models.CASCADE, related_name="efforts"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.CASCADE, related_name="efforts"
    )
    planned = models.DecimalField(_("person-months planned"), max_digits=7, decimal_places=2, default=0)
    declared = models.DecimalField(
        _("person-months declared"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")
        ordering = ["period", "participant"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "period"], name="euprojects_one_effort"),
        ]

    def __str__(self):
        return f"{self.participant.organisation} — {self.period}"

    @property
    def project(self):
        return self.period.project
