"""A programme (Shaker, Booster, Growth Hub) and its cohorts."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel, bilingual

from ..querysets import CohortQuerySet, ProgrammeQuerySet
from ..quota import days_to_hours


class Target(models.TextChoices):
    PROJECT_HOLDERS = "project_holders", _("Project holders (PhD students, postdocs, engineers)")
    YOUNG_COMPANIES = "young_companies", _("Companies under two years old")
    MATURE_STARTUPS = "mature_startups", _("Mature start-ups")


class Programme(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    target = models.CharField(_("target"), max_length=30, choices=Target.choices)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    renewal_months = models.PositiveSmallIntegerField(
        _("renewal (months)"),
        default=0,
        validators=[MaxValueValidator(60)],
        help_text=_("An enrolment may be renewed once, for at most this many months; 0: not renewable."),
    )
    days_quota = models.DecimalField(
        _("training and coaching days"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Days of training, coaching and mentoring included; empty: no quota."),
    )
    shared_lab_access = models.BooleanField(_("shared-lab access"), default=False)
    office_or_lab_space = models.BooleanField(_("office or lab space"), default=False)
    fund_raising_support = models.BooleanField(_("fund-raising support"), default=False)
    is_active = models.BooleanField(_("open to new cohorts"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["position", "name_en"]
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_months__gte=1), name="programme_has_duration"),
            models.CheckConstraint(
                condition=models.Q(days_quota__isnull=True) | models.Q(days_quota__gte=0),
                name="programme_quota_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def summary(self) -> str:
        return bilingual(self, "summary")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def quota_hours(self):
        return days_to_hours(self.days_quota)

    @property
    def is_renewable(self) -> bool:
        return self.renewal_months > 0


class Cohort(TimeStampedModel):
    """The companies or projects that start a programme together, usually from one intake call."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=120)
    start_date = models.DateField(_("start"))
    intake_call = models.ForeignKey(
        "calls.Call",
        verbose_name=_("intake call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohorts",
        help_text=_("The call whose accepted proposals join this cohort; empty for historical cohorts."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "programme__position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_cohort_name"),
        ]

    def __str__(self):
        return f"{self.programme.name} — {self.name}"

    @property
    def year(self) -> int:
        return self.start_date.year
