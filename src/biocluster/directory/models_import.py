"""An import of organisations from a file, kept from upload to apply.

The job remembers the file, its columns, the mapping chosen, the dry-run
report and the decisions on likely duplicates, so that a person can leave,
fix the file, come back and apply; and so that the trail shows what came from
which file.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import BackgroundJob


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked")
    APPLYING = "applying", _("Applying")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed")


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    LINKS = "links", _("Links between organisations")


class DuplicateDecision(models.TextChoices):
    CREATE = "create", _("Create anyway")
    MERGE = "merge", _("Merge into the existing one")
    SKIP = "skip", _("Skip")


class ImportJob(BackgroundJob):
    RUNNING = ("checking", "applying")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the file holds: organisations, or links between organisations already in the directory.
    kind = models.CharField(
        _("kind"), max_length=20, choices=ImportKind.choices, default=ImportKind.ORGANISATIONS, db_index=True
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    file = models.FileField(_("file"), upload_to="imports/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=10)
    # [{"header": "Nom", "samples": ["Genethon", …]}, …] in the file's order.
    columns = models.JSONField(_("columns"), default=list, blank=True)
    # A field code (or "" to ignore) per column, aligned with `columns`.
    mapping = models.JSONField(_("column mapping"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED, db_index=True
    )
    report = models.JSONField(_("dry-run report"), default=dict, blank=True)
    # {"<row number>": "create" | "merge" | "skip"} for the likely duplicates.
    decisions = models.JSONField(_("decisions"), default=dict, blank=True)
    default_decision = models.CharField(
        _("for the other likely duplicates"),
        max_length=10,
        choices=DuplicateDecision.choices,
        default=DuplicateDecision.MERGE,
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    # Organisations or links created; rows skipped (for links: already recorded, left alone).
    created_count = models.PositiveIntegerField(_("created"), default=0)
    merged_count = models.PositiveIntegerField(_("rows merged"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows skipped"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_links(self) -> bool:
        return self.kind == ImportKind.LINKS

    @property
    def permission(self) -> str:
        """The rule that says who may see and run this import."""
        return "directory.import_links" if self.is_links else "directory.manage_directory"

    @property
    def headers(self) -> list[str]:
        return [column["header"] for column in self.columns]

    @property
    def error_count(self) -> int:
        return (self.report or {}).get("counts", {}).get("errors", 0)

    @property
    def was_interrupted(self) -> bool:
        """Its worker stopped (killed, crashed) while applying: nothing was written, it may be applied again."""
        return self.status == ImportStatus.FAILED and bool((self.report or {}).get("interrupted"))

    def given_up_reason(self) -> str:
        if self.status == ImportStatus.APPLYING:
            return str(
                _(
                    "The worker applying this import stopped before the end; nothing was written. Apply it again."
                )
            )
        return str(_("The worker checking this file stopped before the end. Run the check again."))

    def given_up_values(self) -> dict:
        return {"report": {**(self.report or {}), "interrupted": self.status == ImportStatus.APPLYING}}

    @property
    def can_apply(self) -> bool:
        return (
            (self.status == ImportStatus.CHECKED or self.was_interrupted)
            and self.error_count == 0
            and bool((self.report or {}).get("counts"))
        )
