"""Funder contracts: a funder of the directory, its objectives with indicators and a target
per year, the projects it funds, its instalments and its reporting deadlines.

Cluster staff only: a contract's amounts and targets are not shown to members or the public.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import SYNTHETIC, Organisation

from .querysets import ContractPartQuerySet, ContractQuerySet

FIRST_YEAR, LAST_YEAR = 1998, 2100
LONGEST = 10  # years a contract may run


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class FunderContract(TimeStampedModel):
    funder = models.ForeignKey(
        Organisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="funder_contracts"
    )
    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(_("reference"), max_length=60, unique=True)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    language = models.CharField(
        _("the funder's language"),
        max_length=2,
        choices=Language.choices,
        default=Language.FRENCH,
        help_text=_("The language of the reports exported for the funder."),
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("funder contract")
        verbose_name_plural = _("funder contracts")
        ordering = ["-start_year", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="funder_contract_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funder_contract_amount_positive"),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}-{self.end_year})"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC


class Objective(TimeStampedModel):
    contract = models.ForeignKey(
        FunderContract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["contract", "number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_objective_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title_en or self.title_fr}"


class Target(models.Model):
    """What an objective expects of an indicator of the registry (its code) in a year."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(_("indicator"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["objective", "indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "indicator", "year"], name="unique_target"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="funder_target_positive"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class FundedProject(TimeStampedModel):
    """A project the contract funds: an award of a call, or a line of its own."""

    contract = models.ForeignKey(
        FunderContract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="projects"
    )
    award = models.ForeignKey(
        "calls.Award",
        verbose_name=_("award"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funder_contract_lines",
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        ordering = ["contract", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "award"], name="unique_funded_award"),
        ]

    def __str__(self):
        if self.title or self.award_id is None:
            return self.title
        return f"{self.award.proposal.reference} {self.award.proposal.title}"


class Instalment(TimeStampedModel):
    """A payment the funder is to make (expected) and, once paid, what was received and when."""

    contract = models.ForeignKey(
        FunderContract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="instalments"
    )
    expected_on = models.DateField(_("expected on"))
    amount = models.DecimalField(
        _("amount expected (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    received_amount = models.DecimalField(
        _("amount received (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["contract", "expected_on", "id"]

    def __str__(self):
        return f"{self.contract.reference}: {self.expected_on:%Y-%m-%d}"

    @property
    def is_received(self) -> bool:
        return self.received_on is not None

    def is_overdue(self, today) -> bool:
        """Expected before `today` and not received (the caller's date: a test gives its own)."""
        return not self.is_received and self.expected_on < today


class ReportingDeadline(TimeStampedModel):
    """A report or a document due to the funder by a date; done when sent."""

    contract = models.ForeignKey(
        FunderContract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="deadlines"
    )
    due_on = models.DateField(_("due on"))
    what = models.CharField(_("what is due"), max_length=300)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["contract", "due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self):
        return f"{self.what} ({self.due_on:%Y-%m-%d})"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_overdue(self, today) -> bool:
        return not self.is_done and self.due_on < today
