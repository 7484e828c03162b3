"""An enrolment: one organisation in one cohort, from start to graduation or exit; its renewal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import Organisation, Person

from ..querysets import EnrolmentQuerySet
from .programmes import Cohort


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("In the programme")
    GRADUATED = "graduated", _("Graduated")
    EXITED = "exited", _("Left the programme")


class ExitReason(models.TextChoices):
    ABANDONED = "abandoned", _("Project abandoned")
    FAILED = "failed", _("Company closed")
    MOVED = "moved", _("Moved away from the cluster")
    ACQUIRED = "acquired", _("Company acquired")
    NOT_RENEWED = "not_renewed", _("End of term, not renewed")
    OTHER = "other", _("Other")


class Enrolment(TimeStampedModel):
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="enrolments"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="enrolments"
    )
    founders = models.ManyToManyField(
        Person, verbose_name=_("founders"), blank=True, related_name="enrolments"
    )
    proposal = models.OneToOneField(
        "calls.Proposal",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolment",
    )
    organisation_created = models.BooleanField(_("organisation created from the application"), default=False)
    start_date = models.DateField(_("start"))
    initial_end_date = models.DateField(_("end as first planned"))
    end_date = models.DateField(_("planned end"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ACTIVE,
        db_index=True,
    )
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    exit_reason = models.CharField(_("exit reason"), max_length=20, choices=ExitReason.choices, blank=True)
    exit_note = models.TextField(_("exit note"), blank=True)
    diagnosis = models.TextField(_("diagnosis"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-start_date", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="enrolment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("start_date")),
                name="enrolment_left_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.cohort}"

    @property
    def programme(self):
        return self.cohort.programme

    @property
    def effective_end(self):
        """The last day in the programme: the day it left, or the planned end."""
        return self.ended_on or self.end_date

    @property
    def is_active(self) -> bool:
        return self.status == EnrolmentStatus.ACTIVE


class RenewalStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class Renewal(TimeStampedModel):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="renewals")
    requested_end_date = models.DateField(_("new end requested"))
    reason = models.TextField(_("reason"), max_length=3000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RenewalStatus.choices, default=RenewalStatus.REQUESTED
    )
    new_end_date = models.DateField(_("new end"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")
        ordering = ["enrolment", "created_at"]
        constraints = [
            # One renewal per enrolment: once granted, or while one is pending, no other.
            models.UniqueConstraint(
                fields=["enrolment"], condition=models.Q(status="granted"), name="one_granted_renewal"
            ),
            models.UniqueConstraint(
                fields=["enrolment"], condition=models.Q(status="requested"), name="one_pending_renewal"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.get_status_display()}"
