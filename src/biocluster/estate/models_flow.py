"""What happens around a space request and an agreement: the visits staff make with the
requester, and the move-in and move-out checklists (keys and badges, inventory of
fixtures, meter readings) with the move-out's reason.

Imported at the end of `models.py`, so that the app's models are all found there.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel


class Visit(TimeStampedModel):
    """A visit of one or more units with the requester of a space request."""

    space_request = models.ForeignKey(
        "estate.SpaceRequest",
        verbose_name=_("space request"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    on = models.DateField(_("date"))
    visitors = models.CharField(_("who"), max_length=300, help_text=_("Who came, and who showed them round."))
    units = models.ManyToManyField("estate.Unit", verbose_name=_("units visited"), related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["space_request", "on", "id"]

    def __str__(self):
        return f"{self.space_request}: {self.on:%Y-%m-%d}"


class MoveKind(models.TextChoices):
    IN = "in", _("Move-in")
    OUT = "out", _("Move-out")


class MoveOutReason(models.TextChoices):
    OUTGREW = "outgrew", _("Outgrew the space")
    MOVED_ON_SITE = "moved_on_site", _("Moved to other units of the cluster")
    LEFT_REGION = "left_region", _("Left the region")
    CLOSED = "closed", _("Closed down")
    ACQUIRED = "acquired", _("Acquired or merged")
    PROGRAMME_ENDED = "programme_ended", _("The programme ended")
    OTHER = "other", _("Other")


class Meter(models.TextChoices):
    ELECTRICITY = "electricity", _("Electricity (kWh)")
    WATER = "water", _("Water (m³)")
    GAS = "gas", _("Gas (m³)")
    HEATING = "heating", _("Heating (kWh)")


class Move(TimeStampedModel):
    """The checklist of a move-in or a move-out of an agreement's units: one of each per agreement."""

    agreement = models.ForeignKey(
        "estate.Agreement", verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="moves"
    )
    kind = models.CharField(_("kind"), max_length=3, choices=MoveKind.choices)
    on = models.DateField(_("date"))
    keys = models.PositiveSmallIntegerField(_("keys"), default=0)
    badges = models.PositiveSmallIntegerField(_("badges"), default=0)
    inventory = models.TextField(_("inventory of fixtures"), blank=True)
    reason = models.CharField(_("move-out reason"), max_length=20, choices=MoveOutReason.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        ordering = ["agreement", "on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="estate_move_once_each_way")
        ]

    def __str__(self):
        return f"{self.agreement}: {self.get_kind_display()} ({self.on:%Y-%m-%d})"


class MeterReading(models.Model):
    move = models.ForeignKey(Move, verbose_name=_("move"), on_delete=models.CASCADE, related_name="readings")
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    meter = models.CharField(_("meter"), max_length=20, choices=Meter.choices)
    value = models.DecimalField(_("reading"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("meter reading")
        verbose_name_plural = _("meter readings")
        ordering = ["move", "unit", "meter"]
        constraints = [
            models.UniqueConstraint(fields=["move", "unit", "meter"], name="estate_reading_once"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="estate_reading_not_negative"),
        ]

    def __str__(self):
        return f"{self.unit} {self.get_meter_display()}: {self.value}"
