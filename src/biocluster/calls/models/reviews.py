"""Reviewers, their expertise, and a review: one reviewer's assignment to one proposal.

The assignment and the review are one row, so that the review carries the conflict
status under which it was written.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import TechnologyField

from ..querysets import ReviewQuerySet
from .proposals import Proposal


class ReviewerProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    expertise = models.ManyToManyField(
        TechnologyField, verbose_name=_("expertise"), blank=True, related_name="reviewers"
    )
    max_load = models.PositiveSmallIntegerField(
        _("most open reviews at once"), default=12, help_text=_("Suggestions skip reviewers at this load.")
    )

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self):
        return str(self.user)


class Conflict(models.TextChoices):
    UNDECLARED = "undeclared", _("Not declared yet")
    NONE = "none", _("No conflict declared")
    DECLARED = "declared", _("Conflict of interest")


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    SUBMITTED = "submitted", _("Submitted")
    CANCELLED = "cancelled", _("Cancelled")


class Review(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED, db_index=True
    )
    conflict = models.CharField(
        _("conflict of interest"), max_length=20, choices=Conflict.choices, default=Conflict.UNDECLARED
    )
    conflict_reason = models.TextField(_("reason given"), blank=True)
    conflict_declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    conflict_checked_at = models.DateTimeField(_("last checked against the directory"), null=True, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    weighted_score = models.DecimalField(
        _("weighted score"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    comment_to_committee = models.TextField(_("comment to the committee"), blank=True)
    comment_to_applicant = models.TextField(_("comment to the applicant"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_reviewer"),
            # A review with a declared conflict can never hold scores.
            models.CheckConstraint(
                condition=~models.Q(conflict="declared") | ~models.Q(status="submitted"),
                name="conflicted_review_never_submitted",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self):
        return f"{self.proposal} — {self.reviewer}"

    @property
    def is_cleared(self) -> bool:
        return self.conflict == Conflict.NONE and self.status != ReviewStatus.CANCELLED
