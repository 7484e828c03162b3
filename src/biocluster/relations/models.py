"""The staff's relations with the organisations of the directory (their CRM).

Interactions (meetings, calls, e-mails, visits) and the follow-up tasks they lead to,
kept per organisation; segments, saved filters of the directory that make mailing
lists. Cluster staff only: nothing here is shown to members or the public.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import SYNTHETIC, Organisation, Person

from .querysets import InteractionQuerySet, SegmentQuerySet, TaskQuerySet


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit")


class Interaction(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices)
    happened_on = models.DateField(_("date"))
    people = models.ManyToManyField(Person, verbose_name=_("people"), blank=True, related_name="interactions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions_written",
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.organisation}, {self.happened_on:%Y-%m-%d}"

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC


class Task(TimeStampedModel):
    """A follow-up: something a staff member (the owner) has to do for an organisation by a date."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = [models.F("done_at").asc(nulls_first=True), "due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC

    def is_overdue(self, today) -> bool:
        """Open and due before `today` (the caller's date: `timezone.localdate()`, or a test's)."""
        return not self.is_done and self.due_on < today


class Segment(TimeStampedModel):
    """A saved filter of the directory: the query of its list (`?kind=startup&field=…`)."""

    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="segments"
    )
    is_shared = models.BooleanField(
        _("shared with the staff"), default=False, help_text=_("Other staff members may open and export it.")
    )

    objects = SegmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name
