"""Published figures and reports: snapshots of every indicator for a year, frozen with the
records behind each value, the decisions to restate one, and the annual report's sections.

A frozen value is a copy, not a reference: editing the records later changes nothing here.
Only a published snapshot's values are public.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import BackgroundJob, TimeStampedModel, bilingual


class SnapshotQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        """Cluster staff see every snapshot; everyone else the published ones."""
        if user.is_authenticated and user.has_perm("publishing.manage_snapshots"):
            return self
        return self.published()


class Snapshot(models.Model):
    """A year frozen: every registered indicator's value for it, with its records."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    frozen_at = models.DateTimeField(_("frozen"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class FrozenValue(models.Model):
    """One indicator's value for the snapshot's year, as computed when frozen (or last restated)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(_("indicator"), max_length=80)
    version = models.PositiveIntegerField(_("definition version"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_fr = models.TextField(_("definition (French)"), blank=True)
    unit = models.CharField(_("unit"), max_length=10)
    period_kind = models.CharField(_("period"), max_length=12)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("to"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    provenance = models.CharField(_("provenance"), max_length=12)
    # Of a figure the companies declared (the survey): the share of the companies asked behind it.
    response_rate = models.DecimalField(
        _("response rate"), max_digits=7, decimal_places=6, null=True, blank=True
    )
    # Of a figure declared for some records and estimated for the rest: the estimated part.
    estimated = models.DecimalField(
        _("estimated part"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    records_count = models.PositiveIntegerField(_("records"), default=0)
    computed_at = models.DateTimeField(_("computed"))
    order = models.PositiveIntegerField(default=100)

    class Meta:
        verbose_name = _("frozen value")
        verbose_name_plural = _("frozen values")
        ordering = ["snapshot", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["snapshot", "code"], name="one_frozen_value_per_code")]

    def __str__(self):
        return f"{self.code} {self.snapshot.year}"

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def definition(self) -> str:
        return bilingual(self, "definition")


class FrozenRecord(models.Model):
    """A record behind a frozen value, copied: what it was, when, how much it counted."""

    value = models.ForeignKey(FrozenValue, on_delete=models.CASCADE, related_name="records")
    type = models.CharField(_("type"), max_length=80)
    object_id = models.BigIntegerField(_("id"))
    label = models.CharField(_("record"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    amount = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    url = models.CharField(_("address"), max_length=300)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    # The organisation was in the public directory when frozen: its name may be shown to the public.
    organisation_public = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("frozen record")
        verbose_name_plural = _("frozen records")
        ordering = ["value", "-date", "-object_id"]
        indexes = [models.Index(fields=["value", "type", "object_id"], name="frozen_record_key")]

    def __str__(self):
        return self.label


class Restatement(models.Model):
    """A decision to replace a frozen value by its recomputation: who, when, why, and what changed."""

    value = models.ForeignKey(FrozenValue, on_delete=models.CASCADE, related_name="restatements")
    decided_at = models.DateTimeField(_("decided"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    value_before = models.DecimalField(_("value before"), max_digits=20, decimal_places=6, null=True)
    value_after = models.DecimalField(_("value after"), max_digits=20, decimal_places=6, null=True)
    version_before = models.PositiveIntegerField(_("definition version before"))
    version_after = models.PositiveIntegerField(_("definition version after"))
    added = models.PositiveIntegerField(_("records added"), default=0)
    removed = models.PositiveIntegerField(_("records removed"), default=0)
    changed = models.PositiveIntegerField(_("records changed"), default=0)

    class Meta:
        verbose_name = _("restatement")
        verbose_name_plural = _("restatements")
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.value} ({self.decided_at:%Y-%m-%d})"


class Section(TimeStampedModel):
    """A section of a year's annual report: staff-written text in both languages, then the
    snapshot's figures it names, shown as figures, a table or charts."""

    FIGURES, TABLE, CHART = "figures", "table", "chart"
    DISPLAYS = [
        (FIGURES, _("key figures")),
        (TABLE, _("a table, with the year before")),
        (CHART, _("charts over the frozen years")),
    ]

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    body_en = models.TextField(_("text (English)"), blank=True)
    body_fr = models.TextField(_("text (French)"), blank=True)
    codes = models.JSONField(_("indicators"), default=list, blank=True)
    display = models.CharField(_("shown as"), max_length=10, choices=DISPLAYS, default=FIGURES)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("“synthetic” for the demo's generated text.")
    )

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["snapshot", "order", "id"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def body(self) -> str:
        return bilingual(self, "body")


class FreezeStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being frozen")
    DONE = "done", _("Frozen")
    FAILED = "failed", _("Failed")


class FreezeJob(BackgroundJob):
    """One freeze of a year, run by a background worker: all of it in one transaction, or nothing.

    Its progress counts the indicators frozen (`processed_rows` of `total_rows`).
    """

    RUNNING = (FreezeStatus.QUEUED, FreezeStatus.RUNNING)

    status = models.CharField(
        _("status"), max_length=20, choices=FreezeStatus.choices, default=FreezeStatus.QUEUED, db_index=True
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("freeze")
        verbose_name_plural = _("freezes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.year} ({self.get_status_display()})"

    def given_up_reason(self) -> str:
        return str(
            _("The worker freezing the year stopped before the end; nothing was saved. Freeze it again.")
        )
