"""Partner recommendation: the fitted models, what people declined, and the introductions sent.

The engine (`engine/`, pure Python) learns from the organisations and their dated links;
`ModelBuild` is one fit of it in the background, with its progress, and the file its
model is kept in. `Decline` is a suggestion a person does not want to see again; an
`Introduction` is an e-mail the staff sent to two organisations to put them in touch.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import BackgroundJob
from biocluster.directory.models import Organisation

# Progress is kept as thousandths of the fit (BackgroundJob's processed_rows of total_rows).
PROGRESS_STEPS = 1000


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ModelBuild(BackgroundJob):
    """One fit of the recommender on the whole directory, run by a background worker."""

    RUNNING = ("queued", "running")

    status = models.CharField(
        _("status"), max_length=20, choices=BuildStatus.choices, default=BuildStatus.QUEUED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    organisations = models.PositiveIntegerField(_("organisations"), default=0)
    links = models.PositiveIntegerField(_("links"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    # What the model was learnt from (counts and last changes), to tell when it is stale.
    fingerprint = models.CharField(_("fingerprint"), max_length=200, blank=True)
    file = models.CharField(_("file"), max_length=255, blank=True)
    # What the engine learnt the weights from and the weights it kept ({}: its fixed weights;
    # None: built before this was recorded).
    learnt = models.JSONField(_("learnt"), null=True, blank=True, default=None)
    # How well it ranked the directory's own recent new partnerships beside the baselines
    # (services.measure; {}: too little history; None: not measured).
    measured = models.JSONField(_("measured"), null=True, blank=True, default=None)

    class Meta:
        verbose_name = _("recommender build")
        verbose_name_plural = _("recommender builds")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk} ({self.get_status_display()})"

    def given_up_reason(self) -> str:
        return str(_("The worker building the recommender stopped before the end. Build it again."))


class Decline(models.Model):
    """`user` does not want `candidate` suggested for `organisation` again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("for"), on_delete=models.CASCADE, related_name="+"
    )
    candidate = models.ForeignKey(
        Organisation, verbose_name=_("suggested partner"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("declined"), auto_now_add=True)

    class Meta:
        verbose_name = _("declined suggestion")
        verbose_name_plural = _("declined suggestions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "candidate"], name="decline_once"),
        ]

    def __str__(self):
        return f"{self.candidate} ✕ {self.organisation}"


class Introduction(models.Model):
    """An e-mail from the staff to two organisations, putting them in touch."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey(
        Organisation, verbose_name=_("introduced to"), on_delete=models.CASCADE, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    reasons = models.TextField(_("reasons"), blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.organisation} ↔ {self.partner}"
