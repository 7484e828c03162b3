"""What was used and what it costs: usage records, service requests, monthly statements."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import Organisation

from ..querysets import ServiceRequestQuerySet, StatementQuerySet, UsageQuerySet
from .booking import Booking
from .catalogue import Instrument, Platform, Service, Tariff, TariffUnit, UserCategory


class UsageKind(models.TextChoices):
    USE = "use", _("use")
    LATE_CANCELLATION = "late_cancellation", _("late cancellation")
    NO_SHOW = "no_show", _("no-show")
    SERVICE = "service", _("service")


class Statement(TimeStampedModel):
    """One month of one organisation's charges on one platform. Issued once; its lines are then fixed."""

    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="statements")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="platform_statements"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    number = models.CharField(_("number"), max_length=40, unique=True)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.DecimalField(_("total (EUR, excl. VAT)"), max_digits=12, decimal_places=2)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-month", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "organisation", "month"], name="one_statement_per_month"
            ),
        ]

    def __str__(self):
        return self.number


class UsageRecord(TimeStampedModel):
    """One charge line: hours used on an instrument, a late cancellation, a no-show or a service."""

    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="usage")
    kind = models.CharField(_("kind"), max_length=20, choices=UsageKind.choices)
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.PROTECT, related_name="usage"
    )
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.PROTECT, related_name="usage"
    )
    service_request = models.ForeignKey(
        "ServiceRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="usage"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="platform_usage")
    category = models.CharField(_("user category"), max_length=20, choices=UserCategory.choices)
    day = models.DateField(_("date"), db_index=True, help_text=_("Local date of the use: the month billed."))
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=TariffUnit.choices)
    tariff = models.ForeignKey(Tariff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    rate = models.PositiveSmallIntegerField(
        _("charged (%)"), default=100, help_text=_("Less than 100 for a late cancellation or a no-show.")
    )
    amount = models.DecimalField(_("amount (EUR, excl. VAT)"), max_digits=12, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.PROTECT, related_name="lines"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = UsageQuerySet.as_manager()

    class Meta:
        verbose_name = _("usage record")
        verbose_name_plural = _("usage records")
        ordering = ["day", "id"]
        indexes = [models.Index(fields=["platform", "day"], name="usage_platform_day")]
        constraints = [
            # A booking is charged once per kind: recording its use twice replaces, never doubles.
            models.UniqueConstraint(
                fields=["booking", "kind"],
                condition=models.Q(booking__isnull=False),
                name="one_charge_per_booking",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.day} {self.amount} €"

    @property
    def hours(self):
        return self.quantity if self.unit == TariffUnit.HOUR else None


class ServiceRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    QUOTED = "quoted", _("quoted")
    ACCEPTED = "accepted", _("accepted")
    RUNNING = "running", _("running")
    DELIVERED = "delivered", _("delivered")
    INVOICED = "invoiced", _("invoiced")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class ServiceRequest(TimeStampedModel):
    """Samples sent to a platform for a service: quote, accepted, running, delivered, invoiced."""

    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="service_requests")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="service_requests")
    category = models.CharField(_("user category"), max_length=20, choices=UserCategory.choices)
    description = models.TextField(_("samples and what is wanted"))
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ServiceRequestStatus.choices,
        default=ServiceRequestStatus.REQUESTED,
    )
    quote_amount = models.DecimalField(
        _("quote (EUR, excl. VAT)"), max_digits=12, decimal_places=2, null=True
    )
    quote_note = models.TextField(_("quote details"), blank=True)
    quoted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.service} — {self.organisation} ({self.get_status_display()})"
