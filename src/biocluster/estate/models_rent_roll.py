"""The rent roll: the payment notices issued (one per agreement and period, numbered) and
the payments received, as recorded by staff. Arrears are what was due minus what was
paid (`arrears.py`); the accounting export writes both as journal entries."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import SYNTHETIC


class BilledAmounts(TimeStampedModel):
    """What a notice and a credit note share: a number of its series, the amounts and the heading
    (frozen when issued, whatever the schedule or the agreement says later), the day issued and
    the source of demo rows."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    rent = models.DecimalField(_("rent (EUR)"), max_digits=12, decimal_places=2)
    charges = models.DecimalField(_("service charges (EUR)"), max_digits=12, decimal_places=2)
    vat = models.DecimalField(_("VAT (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0"))
    # The agreement's rate when issued: the document prints it beside the frozen amount, even
    # after the agreement's rate changed.
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, default=Decimal("0"))
    # The parties and units as when issued (`notices.heading`): the document prints them, even
    # after the tenant was renamed or moved, or the agreement's lines changed or ended.
    heading = models.JSONField(_("heading"), default=dict, editable=False)
    issued_on = models.DateField(_("issued on"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.number

    @property
    def net(self) -> Decimal:
        """Excluding VAT."""
        return self.rent + self.charges

    @property
    def total(self) -> Decimal:
        """Including VAT: what the tenant owes (a notice) or is given back (a credit note)."""
        return self.rent + self.charges + self.vat

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC


class Notice(BilledAmounts):
    """A payment notice as issued: its amounts are frozen, whatever the schedule says later."""

    agreement = models.ForeignKey(
        "estate.Agreement", verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="notices"
    )
    first = models.DateField(_("first day"))
    last = models.DateField(_("last day"))
    due_on = models.DateField(_("due on"), db_index=True)

    class Meta:
        verbose_name = _("payment notice")
        verbose_name_plural = _("payment notices")
        ordering = ["due_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "first"], name="estate_notice_once_per_period"),
            models.CheckConstraint(
                condition=models.Q(last__gte=models.F("first")), name="estate_notice_period"
            ),
            # Every way of issuing stores the heading the document prints (`notices.heading`).
            models.CheckConstraint(condition=~models.Q(heading={}), name="estate_notice_heading"),
        ]


class Payment(TimeStampedModel):
    """Money received from a tenant for an agreement (a transfer, a cheque), recorded by staff."""

    agreement = models.ForeignKey(
        "estate.Agreement", verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="payments"
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    received_on = models.DateField(_("received on"), db_index=True)
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["received_on", "number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="estate_payment_positive"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC


class CreditNote(BilledAmounts):
    """A credit note: what an issued notice billed for days after the agreement ended early,
    given back (its days' share of the notice's rent, charges and VAT). At most one per notice:
    an agreement ends early once."""

    agreement = models.ForeignKey(
        "estate.Agreement", verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="credit_notes"
    )
    credits = models.ForeignKey(
        Notice, verbose_name=_("notice credited"), on_delete=models.PROTECT, related_name="credit_notes"
    )
    first = models.DateField(_("first day credited"))
    last = models.DateField(_("last day credited"))
    due_on = models.DateField(
        _("counts from"),
        db_index=True,
        help_text=_("The day issued, or the credited notice's due date when later."),
    )

    class Meta:
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        ordering = ["due_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["credits"], name="estate_credit_note_once_per_notice"),
            models.CheckConstraint(
                condition=models.Q(last__gte=models.F("first")), name="estate_credit_note_period"
            ),
            models.CheckConstraint(condition=~models.Q(heading={}), name="estate_credit_note_heading"),
            models.CheckConstraint(
                condition=models.Q(rent__gte=0, charges__gte=0, vat__gte=0),
                name="estate_credit_note_not_negative",
            ),
        ]
