"""Tenant requests: a problem a tenant's member reports on a unit it occupies (heating, a leak,
a fume hood), which staff assign and close with a note."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.core.storage import private_storage
from biocluster.directory.models import SYNTHETIC, Organisation

from .querysets import TenantRequestQuerySet


class TenantRequestCategory(models.TextChoices):
    HEATING = "heating", _("Heating")
    PLUMBING = "plumbing", _("Plumbing")
    ELECTRICITY = "electricity", _("Electricity")
    LAB_EQUIPMENT = "lab_equipment", _("Lab equipment")
    CLEANING = "cleaning", _("Cleaning")
    ACCESS = "access", _("Access")
    OTHER = "other", _("Other")


class TenantRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ASSIGNED = "assigned", _("Assigned")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (TenantRequestStatus.OPEN, TenantRequestStatus.ASSIGNED)


class TenantRequest(TimeStampedModel):
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="tenant_requests"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tenant"), on_delete=models.PROTECT, related_name="tenant_requests"
    )
    category = models.CharField(_("category"), max_length=20, choices=TenantRequestCategory.choices)
    description = models.TextField(_("description"))
    # Outside MEDIA_ROOT: only `views_tenant_requests.photo` sends it, to staff and the tenant.
    photo = models.FileField(
        _("photo"), upload_to="estate/requests/%Y/%m/", storage=private_storage, max_length=255, blank=True
    )
    photo_content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TenantRequestStatus.choices,
        default=TenantRequestStatus.OPEN,
        db_index=True,
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = TenantRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("tenant request")
        verbose_name_plural = _("tenant requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"R{self.pk:05d}" if self.pk else "R-"

    @property
    def reference(self) -> str:
        return str(self)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC
