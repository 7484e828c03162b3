"""The calendar: bookings, their series, waiting lists and outages.

No two active bookings of an instrument overlap, buffer included: the database
refuses it (an exclusion constraint on PostgreSQL, triggers on SQLite; see
`constraints.py`), whatever writes the row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import Organisation

from ..querysets import BookingQuerySet
from .catalogue import Instrument, UserCategory


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("awaiting approval")
    CONFIRMED = "confirmed", _("confirmed")
    CHECKED_IN = "checked_in", _("in use")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")
    REJECTED = "rejected", _("declined")
    RELEASED = "released", _("released (no-show)")


# The statuses that hold the slot; the others have given it back.
ACTIVE_STATUSES = (
    BookingStatus.REQUESTED,
    BookingStatus.CONFIRMED,
    BookingStatus.CHECKED_IN,
    BookingStatus.COMPLETED,
)


class BookingKind(models.TextChoices):
    BOOKING = "booking", _("booking")
    MAINTENANCE = "maintenance", _("maintenance")
    # A room held for an event's session by the events app (`services.rooms`): not billed.
    EVENT = "event", _("event session")


class Frequency(models.TextChoices):
    DAILY = "daily", _("every day")
    WEEKLY = "weekly", _("every week")


class BookingSeries(TimeStampedModel):
    """A recurring booking. Each occurrence is its own `Booking` row, so the same guarantee covers it.

    The times are wall-clock times in the platform's time zone: a 10:00-12:00
    series stays 10:00-12:00 across a change to or from summer time.
    """

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="series")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(_("every"), default=1)
    first_date = models.DateField(_("first date"))
    count = models.PositiveSmallIntegerField(_("occurrences"))
    local_start = models.TimeField(_("starts at"))
    local_end = models.TimeField(_("ends at"))
    skipped = models.JSONField(_("skipped dates"), default=list, blank=True)

    # The audit trail stores JSON, which has no time type: the times go in the event's data.
    audit_exclude = ("local_start", "local_end")

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")

    def __str__(self):
        return f"{self.instrument} — {self.get_frequency_display()} {self.local_start:%H:%M}"


class Booking(TimeStampedModel):
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="bookings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("for"), on_delete=models.CASCADE, related_name="bookings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=BookingKind.choices, default=BookingKind.BOOKING
    )
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # end + the instrument's buffer: the range the database keeps free of other bookings.
    blocked_until = models.DateTimeField(editable=False)
    series = models.ForeignKey(
        BookingSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("billed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="platform_bookings",
    )
    category = models.CharField(_("user category"), max_length=20, choices=UserCategory.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BookingQuerySet.as_manager()
    audit_exclude = ("reminded_at",)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["instrument", "start"], name="booking_instrument_start"),
            models.Index(fields=["user", "start"], name="booking_user_start"),
            models.Index(fields=["status", "start"], name="booking_status_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(blocked_until__gte=models.F("end")), name="booking_blocked_until_after_end"
            ),
        ]

    def __str__(self):
        return f"{self.instrument} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_maintenance(self) -> bool:
        return self.kind == BookingKind.MAINTENANCE

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


class WaitlistEntry(TimeStampedModel):
    """Someone who wants a slot that is taken, told by email when it frees."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="waitlist")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    notified_at = models.DateTimeField(_("told"), null=True, blank=True)

    class Meta:
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting-list entries")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="waitlist_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.instrument} {self.start:%Y-%m-%d %H:%M}"


class OutageKind(models.TextChoices):
    BREAKDOWN = "breakdown", _("breakdown")
    SAFETY = "safety", _("safety issue")


class Outage(TimeStampedModel):
    """A breakdown (the instrument is out of order until resolved) or a logged safety issue."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="outages")
    kind = models.CharField(_("kind"), max_length=12, choices=OutageKind.choices)
    description = models.TextField(_("what happened"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.DateTimeField(_("since"))
    expected_end = models.DateTimeField(_("expected back"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.instrument} — {self.get_kind_display()} {self.start:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
