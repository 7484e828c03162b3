"""A proposal: the applicant's answers to a call's form, shared with co-applicants."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import Organisation, TechnologyField

from ..querysets import AttachmentQuerySet, ProposalQuerySet
from ..storage import private_storage
from .calls import Call


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Language(models.TextChoices):
    EN = "en", "English"
    FR = "fr", "Français"


class Proposal(TimeStampedModel):
    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="proposals")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        help_text=_("The organisation that applies or hosts the project."),
    )
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(
        _("public summary"),
        max_length=3000,
        blank=True,
        help_text=_("Reviewers read it before they declare whether they have a conflict of interest."),
    )
    language = models.CharField(
        _("language of correspondence"), max_length=2, choices=Language.choices, default=Language.EN
    )
    requested_amount = models.DecimalField(
        _("requested amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    technology_fields = models.ManyToManyField(
        TechnologyField, verbose_name=_("technology fields"), blank=True, related_name="proposals"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    declarations = models.JSONField(_("confirmed declarations"), default=list, blank=True)
    eligibility_report = models.JSONField(_("eligibility at submission"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["call", "number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="unique_proposal_number"),
            models.CheckConstraint(
                condition=models.Q(requested_amount__isnull=True) | models.Q(requested_amount__gte=0),
                name="proposal_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}".strip()

    @property
    def reference(self) -> str:
        if self.number is None:
            return ""
        return f"{self.call.reference_prefix}-{self.number:04d}"

    @property
    def is_draft(self) -> bool:
        return self.status == ProposalStatus.DRAFT


class ProposalMember(models.Model):
    """A co-applicant: may read and edit the draft, and read the proposal's outcome."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_proposals")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="unique_proposal_member")]

    def __str__(self):
        return f"{self.user} — {self.proposal}"


class Attachment(models.Model):
    """A file answering a file field. Kept outside the public media and served after a permission check."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    field_key = models.CharField(_("field"), max_length=40)
    file = models.FileField(_("file"), upload_to="calls/%Y/%m/", storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [models.UniqueConstraint(fields=["proposal", "field_key"], name="one_file_per_field")]

    def __str__(self):
        return self.original_name
