"""Milestones of an enrolled company: what the indicators of the annual report are made of."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from biocluster.core.models import TimeStampedModel
from biocluster.core.storage import private_storage

from ..querysets import MilestoneQuerySet
from .enrolments import Enrolment


class MilestoneKind(models.TextChoices):
    INCORPORATION = "incorporation", _("Incorporation")
    HIRE = "hire", _("Hires")
    FUND_RAISE = "fund_raise", _("Funds raised")
    GRANT = "grant", _("Grant")
    FIRST_SALE = "first_sale", _("First sales")
    PATENT = "patent", _("Patent")
    PRODUCT = "product", _("Product")
    PARTNERSHIP = "partnership", _("Partnership")


MONEY_KINDS = {MilestoneKind.FUND_RAISE, MilestoneKind.GRANT}


class Round(models.TextChoices):
    PRE_SEED = "pre_seed", _("Pre-seed")
    SEED = "seed", _("Seed")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    LATER = "later", _("Later round")
    PRIVATE_PLACEMENT = "private_placement", _("Private placement")
    IPO = "ipo", _("Initial public offering")


class MilestoneStatus(models.TextChoices):
    DECLARED = "declared", _("Declared, to be checked")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", pgettext_lazy("state of a milestone", "Rejected")


class Milestone(TimeStampedModel):
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("what"), max_length=200)
    evidence = models.CharField(
        _("evidence"),
        max_length=500,
        blank=True,
        help_text=_("A link or a reference: press release, registry extract, contract."),
    )
    # Outside MEDIA_ROOT (served to anyone in the demo): only `milestone_evidence` sends it,
    # to those who may see the milestone.
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to="programmes/milestones/%Y/%m/",
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    evidence_file_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    round = models.CharField(_("round"), max_length=20, choices=Round.choices, blank=True)
    investors = models.CharField(_("investors"), max_length=500, blank=True)
    count = models.PositiveIntegerField(_("number (hires, patents)"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.DECLARED,
        db_index=True,
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(_("checked"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="milestone_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title} ({self.date})"

    @property
    def is_synthetic(self) -> bool:
        return self.source == "synthetic"
