"""Units divided and combined: the lineage that links the retired units to those made of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel


class LineageKind(models.TextChoices):
    DIVIDED = "divided", _("Divided")
    COMBINED = "combined", _("Combined")


class UnitLineage(TimeStampedModel):
    """One division (one original, several results) or combination (several originals, one result):
    the originals are retired from `on`, the results are in service from `on`."""

    kind = models.CharField(_("kind"), max_length=10, choices=LineageKind.choices)
    on = models.DateField(_("from"))
    originals = models.ManyToManyField(
        "estate.Unit", verbose_name=_("original units"), related_name="lineage_as_original"
    )
    results = models.ManyToManyField(
        "estate.Unit", verbose_name=_("new units"), related_name="lineage_as_result"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("unit lineage")
        verbose_name_plural = _("unit lineages")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.on:%Y-%m-%d})"
