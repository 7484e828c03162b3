"""An export of the directory prepared in the background, with its progress and its file.

A large workbook takes longer to write than a request may last: the page starts
the job, shows its progress and then a link to the file.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import BackgroundJob


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(BackgroundJob):
    RUNNING = ("queued", "running")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    format = models.CharField(_("format"), max_length=10, default="xlsx")
    # The directory's filters as a query string ("kind=startup&q=gene"), read again by the task.
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED, db_index=True
    )
    file = models.FileField(_("file"), upload_to="exports/", max_length=255, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.format.upper()} export {self.pk} ({self.get_status_display()})"

    def given_up_reason(self) -> str:
        return str(_("The worker writing this export stopped before the end. Start it again."))
