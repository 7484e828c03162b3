"""The register of accredited companies: one decision per company, then its status over time.

The current status of an accreditation is not stored: it is the latest
`AccreditationStatus` row (see `AccreditationQuerySet.with_current_status`), so
the register keeps its whole history and never disagrees with itself.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import Organisation

from .querysets import AccreditationQuerySet, AccreditationStatusQuerySet

# The day the cluster was founded: no accreditation can be older.
CLUSTER_FOUNDED_ON = datetime.date(1998, 10, 23)


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    MOVED_AWAY = "moved_away", _("Moved away")
    ACQUIRED = "acquired", _("Acquired")
    CLOSED = "closed", pgettext_lazy("state of a company", "Closed")


class Accreditation(TimeStampedModel):
    """The committee's decision on a company's accreditation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="accreditations",
    )
    decided_on = models.DateField(_("decision date"), db_index=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    decided_by = models.CharField(
        _("decided by"), max_length=200, blank=True, help_text=_("The committee or body that decided.")
    )
    committee_notes = models.TextField(_("committee notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the facts come from: a document, or “synthetic” for generated data."),
    )

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["-decided_on", "id"]
        constraints = [
            # A company is accredited once; a refused one may apply again later.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(decision="accepted"),
                name="accreditation_one_accepted_per_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__gte=CLUSTER_FOUNDED_ON),
                name="accreditation_after_cluster_founded",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.decided_on:%Y})"

    @property
    def is_accepted(self) -> bool:
        return self.decision == Decision.ACCEPTED

    def latest_status(self):
        return self.statuses.order_by("-since", "-id").first()

    @property
    def current_status(self) -> str:
        """The annotated value when the queryset provides it, else one query."""
        annotated = self.__dict__.get("current_status_value", models.NOT_PROVIDED)
        if annotated is not models.NOT_PROVIDED:
            return annotated or ""
        latest = self.latest_status()
        return latest.status if latest else ""

    @property
    def current_since(self):
        """When the current status began (reads prefetched statuses when there are some)."""
        rows = list(self.statuses.all())
        return max((row.since for row in rows), default=None)

    @property
    def current_status_label(self) -> str:
        value = self.current_status
        return Status(value).label if value else ""


class AccreditationStatus(TimeStampedModel):
    """From `since` on, the accredited company was active, had moved away, been acquired or closed."""

    accreditation = models.ForeignKey(
        Accreditation, verbose_name=_("accreditation"), on_delete=models.CASCADE, related_name="statuses"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    since = models.DateField(_("since"))
    note = models.TextField(_("note"), blank=True)
    evidence = models.CharField(
        _("evidence"), max_length=255, blank=True, help_text=_("A document or address that shows the change.")
    )

    objects = AccreditationStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("accreditation status")
        verbose_name_plural = _("accreditation statuses")
        ordering = ["accreditation", "since", "id"]

    def __str__(self):
        return f"{self.accreditation.organisation}: {self.get_status_display()} ({self.since})"
