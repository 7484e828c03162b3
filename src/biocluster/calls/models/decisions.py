"""The committee's decision on a proposal, and the award that follows a funded one."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel

from ..querysets import AwardQuerySet
from .proposals import Proposal


class Outcome(models.TextChoices):
    FUNDED = "funded", _("Funded")
    WAITING_LIST = "waiting_list", _("Waiting list")
    REJECTED = "rejected", _("Rejected")


class Decision(TimeStampedModel):
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    note_to_applicant = models.TextField(_("note to the applicant"), blank=True)
    committee_note = models.TextField(_("committee note (internal)"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    letter_sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="decision_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(outcome="funded") | models.Q(amount=0), name="only_funded_has_amount"
            ),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_outcome_display()}"


class AwardStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Award(TimeStampedModel):
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="award")
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=20, choices=AwardStatus.choices, default=AwardStatus.ACTIVE, db_index=True
    )

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["proposal__call", "proposal__number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="award_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.proposal.reference} — {self.amount} EUR"


class Instalment(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("number"))
    due_date = models.DateField(_("due"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["award", "number"]
        constraints = [models.UniqueConstraint(fields=["award", "number"], name="unique_instalment_number")]

    def __str__(self):
        return f"{self.award.proposal.reference} #{self.number}"


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class ReportDue(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    due_date = models.DateField(_("due"))
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report due")
        verbose_name_plural = _("reports due")
        ordering = ["award", "due_date"]

    def __str__(self):
        return f"{self.award.proposal.reference}: {self.get_kind_display()}"
