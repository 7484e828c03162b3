"""A call: its texts, themes, eligibility rules, form, rubric, dates and envelope."""

from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel, bilingual
from biocluster.directory.models import TechnologyField

from ..kinds import get_kind, kind_choices
from ..querysets import CallQuerySet


def empty_form() -> dict:
    return {"sections": []}


def default_rubric() -> dict:
    return {"scale": {"min": 0, "max": 5}, "criteria": []}


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    DECIDED = "decided", _("Decisions published")


class Phase(models.TextChoices):
    """Where a call stands now: its status, and for a published call, its dates."""

    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed, under review")
    DECIDED = "decided", _("Decided")


class Call(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=40, choices=kind_choices)
    collaborative = models.BooleanField(
        _("call for collaborative projects"),
        default=False,
        help_text=_("Proposals are made by a consortium: those who apply see suggested consortium partners."),
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    themes = models.ManyToManyField(
        TechnologyField, verbose_name=_("themes"), blank=True, related_name="calls"
    )
    eligibility = models.JSONField(_("eligibility rules"), default=list, blank=True)
    form_definition = models.JSONField(_("form"), default=empty_form, blank=True)
    rubric = models.JSONField(_("scoring rubric"), default=default_rubric, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    review_due_at = models.DateTimeField(_("reviews due"), null=True, blank=True)
    budget_envelope = models.DecimalField(
        _("budget envelope (EUR)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff running the call"), related_name="managed_calls"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT, db_index=True
    )
    reference_prefix = models.CharField(
        _("reference prefix"), max_length=12, help_text=_("Starts every proposal's reference, e.g. EQ26.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    decisions_published_at = models.DateTimeField(_("decisions published"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-closes_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(budget_envelope__gte=0), name="call_envelope_not_negative"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def summary(self) -> str:
        return bilingual(self, "summary")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def kind_label(self) -> str:
        kind = get_kind(self.kind)
        return str(kind.label) if kind else self.kind

    def phase(self, now=None) -> str:
        if self.status == CallStatus.DRAFT:
            return Phase.DRAFT
        if self.status == CallStatus.DECIDED:
            return Phase.DECIDED
        now = now or timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING
        return Phase.OPEN if accepts_at(self.closes_at, now) else Phase.CLOSED

    def get_phase_display(self) -> str:
        return Phase(self.phase()).label

    def local(self, moment):
        """A moment in the call's own time zone: deadlines are read where the call is run."""
        return timezone.localtime(moment, self.zone) if moment else None


def accepts_at(closes_at, now) -> bool:
    """Whether a submission made at `now` is on time: the deadline counts to the second.

    A proposal sent during the deadline's own second (12:00:00.999 for 12:00:00) is on
    time; one second later it is late. Both are aware datetimes, so the call's time
    zone cannot shift the comparison.
    """
    return now.replace(microsecond=0) <= closes_at.replace(microsecond=0)
