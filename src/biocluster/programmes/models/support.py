"""Following a start-up: the support plan (objectives, actions, reviews), the experts and mentors,
and the ledger of coaching, training and mentoring sessions against the quota."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel, bilingual
from biocluster.directory.models import Person, TechnologyField

from ..quota import hours_to_days
from .enrolments import Enrolment


class Objective(TimeStampedModel):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=200)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["enrolment", "id"]

    def __str__(self):
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(TimeStampedModel):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=200)
    owner = models.CharField(_("owner"), max_length=120)
    due_date = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["objective", "due_date", "id"]

    def __str__(self):
        return self.title


class PlanReview(TimeStampedModel):
    """A set date when staff and founders review the support plan together."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="plan_reviews")
    due_date = models.DateField(_("review date"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["enrolment", "due_date"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "due_date"], name="one_review_a_day")]

    def __str__(self):
        return f"{self.enrolment}: {self.due_date}"


class ExpertKind(models.TextChoices):
    EXPERT = "expert", _("Expert")
    MENTOR = "mentor", _("Mentor")
    BOTH = "both", _("Expert and mentor")


class Expert(TimeStampedModel):
    """A person of the directory who coaches, trains or mentors the cluster's founders."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="expert"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ExpertKind.choices, default=ExpertKind.EXPERT)
    fields = models.ManyToManyField(
        TechnologyField, verbose_name=_("fields"), blank=True, related_name="experts"
    )
    expertise_en = models.CharField(_("expertise (English)"), max_length=300, blank=True)
    expertise_fr = models.CharField(_("expertise (French)"), max_length=300, blank=True)
    is_active = models.BooleanField(_("available"), default=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("expert or mentor")
        verbose_name_plural = _("experts and mentors")
        ordering = ["person__last_name", "person__first_name"]

    def __str__(self):
        return str(self.person)

    @property
    def expertise(self) -> str:
        return bilingual(self, "expertise")


class SessionKind(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    TRAINING = "training", _("Training")
    MENTORING = "mentoring", _("Mentoring")


class QuotaOverride(models.Model):
    """A staff decision that lets one session take the ledger over the quota."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quota_overrides")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    reason = models.TextField(_("reason"), max_length=2000)
    hours_over = models.DecimalField(_("hours over the quota"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("quota override")
        verbose_name_plural = _("quota overrides")
        ordering = ["enrolment", "decided_at"]

    def __str__(self):
        return f"{self.enrolment}: +{self.hours_over} h"


class Session(TimeStampedModel):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    expert = models.ForeignKey(
        Expert,
        verbose_name=_("expert or mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    topic = models.CharField(_("topic"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    override = models.OneToOneField(
        QuotaOverride, null=True, blank=True, on_delete=models.PROTECT, related_name="session"
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["enrolment", "-date", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(hours__gt=0), name="session_has_hours")]

    def __str__(self):
        return f"{self.date} {self.topic}"

    @property
    def days(self):
        return hours_to_days(self.hours)
