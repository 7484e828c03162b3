"""What the indicators keep: the versions of their definitions, and figures published before
the system existed (the values themselves are computed from the records, see core/indicators.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators
from biocluster.core.models import TimeStampedModel, bilingual


class DefinitionVersion(models.Model):
    """One version of an indicator's definition, as the registry declared it when first seen."""

    code = models.CharField(_("indicator"), max_length=80, db_index=True)
    version = models.PositiveIntegerField(_("version"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    definition_en = models.TextField(_("definition (English)"))
    definition_fr = models.TextField(_("definition (French)"))
    unit = models.CharField(_("unit"), max_length=10)
    period_kind = models.CharField(_("period"), max_length=12)
    first_seen = models.DateTimeField(_("first seen"))

    class Meta:
        verbose_name = _("definition version")
        verbose_name_plural = _("definition versions")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="one_definition_per_version")]

    def __str__(self):
        return f"{self.code} v{self.version}"

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def definition(self) -> str:
        return bilingual(self, "definition")


class HistoricalValue(TimeStampedModel):
    """A figure published before the system existed, entered by staff with its source document.

    It is shown beside the computed value of the same period, never added to it.
    """

    PROVENANCES = [
        (indicators.HISTORICAL, indicators.PROVENANCES[indicators.HISTORICAL]),
        (indicators.ESTIMATED, indicators.PROVENANCES[indicators.ESTIMATED]),
    ]

    code = models.CharField(_("indicator"), max_length=80, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    provenance = models.CharField(
        _("provenance"), max_length=12, choices=PROVENANCES, default=indicators.HISTORICAL
    )
    source = models.CharField(
        _("source"), max_length=300, help_text=_("The document the figure was published in.")
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the figure covered; for an estimate, the method.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("historical value")
        verbose_name_plural = _("historical values")
        ordering = ["code", "year"]
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="one_historical_value_per_year")]

    def __str__(self):
        return f"{self.code} {self.year}: {self.value}"
