"""B2B partnering at an event: participants' profiles, meeting requests, meetings, schedule runs.

A participant is a confirmed `events.Registration` of an event with a partnering
programme; their `Profile` says what they offer and seek. An accepted request
becomes a `Meeting` without a slot; the scheduler (`biocluster.scheduling`, run by
`services.scheduling`) places meetings into `Slot`s at `Location`s.
"""

import secrets
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import TechnologyField, ValueChainStage
from biocluster.events.models import Event, Registration

from .querysets import MeetingQuerySet, MeetingRequestQuerySet, ProfileQuerySet

UID_DOMAIN = "partnering.biocluster"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_uid() -> str:
    return f"meeting-{uuid.uuid4()}@{UID_DOMAIN}"


class PartneringSettings(TimeStampedModel):
    """How the event's partnering runs: its days and hours (which make the slots), and its rules."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="partnering_settings"
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    day_starts = models.TimeField(_("meetings start at"), default="09:00")
    day_ends = models.TimeField(_("meetings end at"), default="18:00")
    request_cap = models.PositiveSmallIntegerField(
        _("requests a participant may send"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("days before an unanswered request expires"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Empty: requests do not expire."),
    )
    is_published = models.BooleanField(_("agendas published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    # The audit trail stores JSON; the hours go in its `data` as text (see services.settings).
    audit_exclude = ("day_starts", "day_ends")

    class Meta:
        verbose_name = _("partnering settings")
        verbose_name_plural = _("partnering settings")

    def __str__(self):
        return str(self.event)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.event.time_zone)


class Slot(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["event", "starts_at"]
        constraints = [models.UniqueConstraint(fields=["event", "starts_at"], name="partnering_slot_unique")]

    def __str__(self):
        tz = ZoneInfo(self.event.time_zone)
        return f"{self.starts_at.astimezone(tz):%Y-%m-%d %H:%M}\N{EN DASH}{self.ends_at.astimezone(tz):%H:%M}"


class Location(models.Model):
    """A table (hosting `capacity` meetings per slot) or a virtual room (any number)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="partnering_locations"
    )
    name = models.CharField(_("name"), max_length=80)
    capacity = models.PositiveSmallIntegerField(
        _("meetings per slot"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    is_virtual = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("online link"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["event", "is_virtual", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="partnering_location_unique")]

    def __str__(self):
        return self.name


class ParticipantKind(models.TextChoices):
    CLUSTER_COMPANY = "cluster_company", _("Cluster company")
    CORPORATION = "corporation", _("Corporation")
    INVESTOR = "investor", _("Investor")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Other")


class Profile(TimeStampedModel):
    """What a participant offers and seeks at this event; prefilled from the directory."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="partnering_profile",
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="partnering_profiles"
    )
    kind = models.CharField(
        _("participant kind"), max_length=20, choices=ParticipantKind.choices, default=ParticipantKind.OTHER
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    offers = models.TextField(_("what we offer"), blank=True, max_length=2000)
    seeks = models.TextField(_("what we seek"), blank=True, max_length=2000)
    technology_fields = models.ManyToManyField(
        TechnologyField, verbose_name=_("technology fields"), blank=True, related_name="+"
    )
    value_chain_stages = models.ManyToManyField(
        ValueChainStage, verbose_name=_("value-chain stages"), blank=True, related_name="+"
    )
    feed_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    objects = ProfileQuerySet.as_manager()
    audit_exclude = ("feed_token",)

    class Meta:
        verbose_name = _("partnering profile")
        verbose_name_plural = _("partnering profiles")
        ordering = ["event", "registration__name", "id"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        organisation = self.registration.organisation
        return f"{self.registration.name} ({organisation})" if organisation else self.registration.name

    @property
    def user_id(self):
        return self.registration.user_id


class Unavailability(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="unavailabilities")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [
            models.UniqueConstraint(fields=["profile", "slot"], name="partnering_unavailable_once")
        ]

    def __str__(self):
        return f"{self.profile} — {self.slot}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Withdrawn")
    COUNTERED = "countered", _("Another time proposed")


OPEN_REQUEST_STATUSES = (RequestStatus.PENDING, RequestStatus.COUNTERED)


def past_expiry(now) -> models.Q:
    """Requests still open though past their expiry at `now`: expired to whoever reads them,
    until the sweep (`services.expire_due`, run by the scheduler) records it."""
    return models.Q(status__in=OPEN_REQUEST_STATUSES, expires_at__lte=now)


class Priority(models.IntegerChoices):
    LOW = 1, _("Nice to have")
    MEDIUM = 2, _("Important")
    HIGH = 3, _("Essential")


class MeetingRequest(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_requests"
    )
    sender = models.ForeignKey(
        Profile, verbose_name=_("from"), on_delete=models.CASCADE, related_name="requests_sent"
    )
    recipient = models.ForeignKey(
        Profile, verbose_name=_("to"), on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        db_index=True,
    )
    proposed_slot = models.ForeignKey(
        Slot,
        verbose_name=_("proposed time"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    response = models.TextField(_("answer"), max_length=2000, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")), name="request_not_to_self"
            ),
            models.CheckConstraint(
                condition=models.Q(priority__gte=1, priority__lte=3), name="request_priority"
            ),
        ]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    def status_at(self, now) -> str:
        """The status a reader sees at `now` (see `past_expiry`): a page shows it, never writes it."""
        if self.is_open and self.expires_at is not None and self.expires_at <= now:
            return RequestStatus.EXPIRED
        return self.status


class MeetingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not recorded")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")


class Meeting(TimeStampedModel):
    """An agreed meeting. Without a slot it waits for the scheduler.

    `uid` never changes and `sequence` rises on every change of time, place or
    status, so calendar applications replace their copy (RFC 5545).
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting",
    )
    participants = models.ManyToManyField(Profile, verbose_name=_("participants"), related_name="meetings")
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.CONFIRMED,
        db_index=True,
    )
    locked = models.BooleanField(_("locked"), default=False, help_text=_("The scheduler never moves it."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    uid = models.CharField(max_length=120, unique=True, default=new_uid, editable=False)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The last time the meeting was placed at: kept when it loses its slot (re-scheduled
    # out, or its slot removed) so that calendar feeds can still carry its cancellation.
    calendar_starts_at = models.DateTimeField(_("last placed at"), null=True, blank=True, editable=False)
    calendar_ends_at = models.DateTimeField(_("last placed until"), null=True, blank=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["event", "slot__starts_at", "id"]

    def __str__(self):
        names = " / ".join(p.registration.name for p in self.participants.all())
        return names or f"#{self.pk}"

    def save(self, *args, **kwargs):
        if self.slot_id is not None:
            self.calendar_starts_at, self.calendar_ends_at = self.slot.starts_at, self.slot.ends_at
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "calendar_starts_at", "calendar_ends_at"}
        super().save(*args, **kwargs)

    @property
    def in_calendars(self) -> bool:
        """Whether calendars show it as happening: placed and not cancelled."""
        return self.status == MeetingStatus.CONFIRMED and self.slot_id is not None

    @property
    def is_placed(self) -> bool:
        return self.slot_id is not None and self.location_id is not None

    @property
    def is_pinned(self) -> bool:
        """Published or locked meetings never move when the scheduler runs again."""
        return (
            self.status == MeetingStatus.CONFIRMED
            and self.is_placed
            and (self.locked or self.published_at is not None)
        )


class Feedback(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("how useful was it"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    follow_up = models.BooleanField(_("we will follow up"), default=False)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "profile"], name="partnering_feedback_once"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating"),
        ]

    def __str__(self):
        return f"{self.profile}: {self.rating}/5"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScheduleRun(TimeStampedModel):
    """One run of the scheduler: who asked, and how good the result is known to be."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="schedule_runs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True
    )
    rescheduling = models.BooleanField(_("re-scheduling"), default=False)
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=10)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    meetings = models.PositiveIntegerField(_("meetings to place"), default=0)
    placed = models.PositiveIntegerField(_("placed"), default=0)
    unscheduled = models.PositiveIntegerField(_("not placed"), default=0)
    moved = models.PositiveIntegerField(_("moved"), default=0)
    objective = models.PositiveIntegerField(_("priority placed"), default=0)
    upper_bound = models.PositiveIntegerField(_("upper bound"), default=0)
    gap_percent = models.FloatField(_("gap (%)"), default=0)
    optimal = models.BooleanField(_("proved optimal"), default=False)
    method = models.CharField(_("method"), max_length=30, blank=True)
    # What proved upper_bound (the integer programme's or the LP relaxation's dual bound...).
    bound_method = models.CharField(_("bound proved by"), max_length=30, blank=True)
    seconds = models.FloatField(_("seconds"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.event} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
