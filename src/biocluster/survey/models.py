"""The annual company survey: a catalogue of questions, a campaign per year, each company's response.

A campaign asks a year's questions (headcount at 31 December, sales, export sales, R&D
staff, funds raised, patents...) of the companies the rule picks (accredited, hosted,
graduates of a programme for five years after they left), which staff may add to or remove
from. Each company's response holds one answer per question, prefilled from what the system
knows (last year's validated answer, the milestones recorded by the programmes) with where
the value came from; its administrators save a draft and submit it; staff validate it or
return it with a comment. The validated answers are the records of the survey's indicators.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from biocluster.core.models import TimeStampedModel, bilingual
from biocluster.directory.models import SYNTHETIC, Organisation

from .querysets import CampaignQuerySet, ResponseQuerySet


class QuestionKind(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    AMOUNT = "amount", _("Amount in EUR")
    BOOLEAN = "boolean", _("Yes or no")
    TEXT = "text", _("Text")


NUMERIC_KINDS = {QuestionKind.INTEGER, QuestionKind.AMOUNT}


class Prefill(models.TextChoices):
    """Where a question's answer is prefilled from."""

    NONE = "", _("Nothing: the company types it")
    LAST_YEAR = "last_year", _("Last year's validated answer")
    FUNDS_RAISED = "funds_raised", _("Fund raises recorded in the programmes during the year")
    PATENTS = "patents", _("Patents recorded in the programmes during the year")


class Question(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_en = models.CharField(_("question (English)"), max_length=200)
    label_fr = models.CharField(_("question (French)"), max_length=200)
    help_en = models.CharField(_("help (English)"), max_length=500, blank=True)
    help_fr = models.CharField(_("help (French)"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    minimum = models.DecimalField(_("smallest value"), max_digits=16, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(_("largest value"), max_digits=16, decimal_places=2, null=True, blank=True)
    required = models.BooleanField(_("required to submit"), default=True)
    prefill = models.CharField(_("prefilled from"), max_length=20, choices=Prefill.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(
        _("offered for new campaigns"), default=True, help_text=_("New campaigns ask the active questions.")
    )

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["order", "code"]

    def __str__(self):
        return bilingual(self, "label")

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


class CampaignState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("state of a survey campaign", "Draft")
    OPEN = "open", pgettext_lazy("state of a survey campaign", "Open")
    CLOSED = "closed", pgettext_lazy("state of a survey campaign", "Closed")


class Campaign(TimeStampedModel):
    """The survey of one year: its questions are about that year (stocks at its 31 December)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"), max_length=10, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    questions = models.ManyToManyField(Question, verbose_name=_("questions"), related_name="campaigns")
    reference_date = models.DateField(_("figures at"), editable=False)  # the year's 31 December
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-year"]

    def __str__(self):
        return str(_("Company survey %(year)s") % {"year": self.year})

    def save(self, *args, **kwargs):
        self.reference_date = datetime.date(self.year, 12, 31)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state == CampaignState.OPEN

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC


class ResponseState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("state of a survey response", "To answer")
    SUBMITTED = "submitted", pgettext_lazy("state of a survey response", "Submitted")
    VALIDATED = "validated", pgettext_lazy("state of a survey response", "Validated")
    RETURNED = "returned", pgettext_lazy("state of a survey response", "Returned")


# A company may write its answers in these states (of an open campaign).
EDITABLE = {ResponseState.DRAFT, ResponseState.RETURNED}


class Reason(models.TextChoices):
    """Why a company is asked."""

    ACCREDITED = "accredited", _("Accredited")
    HOSTED = "hosted", _("Hosted on a campus")
    GRADUATE = "graduate", _("Graduate of a programme")
    ADDED = "added", _("Added by staff")


class Response(TimeStampedModel):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="responses"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="survey_responses"
    )
    reason = models.CharField(_("asked as"), max_length=20, choices=Reason.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=ResponseState.choices, default=ResponseState.DRAFT, db_index=True
    )
    saved_at = models.DateTimeField(_("draft saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("validated or returned"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated or returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_comment = models.TextField(_("staff comment"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["campaign", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="survey_one_response_per_company"
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.campaign}"

    @property
    def is_editable(self) -> bool:
        return self.campaign.is_open and self.state in EDITABLE


class Answer(TimeStampedModel):
    """One question's answer in a response: a number (whole or EUR), yes/no or a text."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    number = models.DecimalField(_("number"), max_digits=16, decimal_places=2, null=True, blank=True)
    flag = models.BooleanField(_("yes or no"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    # What the system proposed, and from where (a `Prefill`, with the facts: a year, milestones).
    prefilled_value = models.CharField(_("prefilled value"), max_length=200, blank=True)
    prefilled_from = models.CharField(_("prefilled from"), max_length=20, choices=Prefill.choices, blank=True)
    prefill_detail = models.CharField(_("prefilled from (details)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["question__order", "question__code"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(number__gte=0) | models.Q(number__isnull=True),
                name="survey_answer_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.display}"

    @property
    def value(self):
        kind = self.question.kind
        if kind in NUMERIC_KINDS:
            if self.number is None:
                return None
            return int(self.number) if kind == QuestionKind.INTEGER else self.number
        if kind == QuestionKind.BOOLEAN:
            return self.flag
        return self.text

    @property
    def display(self) -> str:
        value = self.value
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        return str(value)


class Reminder(models.Model):
    """A reminder sent for a response: one per `key` ("before-7", "before-1", "after-0", "after-1"...),
    so that the command, run twice a day, sends nothing twice."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=20)
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("survey reminder")
        verbose_name_plural = _("survey reminders")
        constraints = [
            models.UniqueConstraint(fields=["response", "key"], name="survey_one_reminder_per_key")
        ]

    def __str__(self):
        return f"{self.response} — {self.key}"
