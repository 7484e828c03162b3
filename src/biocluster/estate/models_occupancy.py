"""The occupancy summary: per month, campus and kind, how the stock and the let part change.

Kept by the services in the same transaction as the status rows and agreement lines it sums
(`occupancy_summary.refresh`), so that the monthly series reads a few hundred rows whatever
the number of leases. `UnitOccupancy` keeps each unit's own steps: a change subtracts them
and adds the new ones. Areas in tenths of m² as integers (exact on every database).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitOccupancy(models.Model):
    """A unit's part in the summary: its steps, under the campus and kind it had when written."""

    unit = models.OneToOneField(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    campus = models.ForeignKey(
        "directory.Campus", verbose_name=_("campus"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20)
    # [[month number, stock area (tenths of m²), stock units, let area (tenths), let units], ...]
    steps = models.JSONField(_("steps"), default=list)

    class Meta:
        verbose_name = _("unit occupancy steps")
        verbose_name_plural = _("unit occupancy steps")

    def __str__(self):
        return f"{self.unit_id}: {len(self.steps)}"


class OccupancyMonth(models.Model):
    """What changes on the first day of a month (year * 12 + month - 1) for one campus and kind."""

    month = models.IntegerField(_("month"))
    campus = models.ForeignKey(
        "directory.Campus", verbose_name=_("campus"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20)
    area_total = models.BigIntegerField(_("stock area change (tenths of m²)"), default=0)
    units_total = models.IntegerField(_("stock units change"), default=0)
    area_let = models.BigIntegerField(_("let area change (tenths of m²)"), default=0)
    units_let = models.IntegerField(_("let units change"), default=0)

    class Meta:
        verbose_name = _("occupancy change of a month")
        verbose_name_plural = _("occupancy changes of a month")
        constraints = [
            models.UniqueConstraint(fields=["campus", "kind", "month"], name="estate_occupancy_month_once")
        ]
        indexes = [models.Index(fields=["month"], name="estate_occupancy_month_idx")]

    def __str__(self):
        return f"{self.campus_id} {self.kind} {self.month}"
