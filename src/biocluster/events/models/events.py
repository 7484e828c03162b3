"""An event of the cluster and the people registered to it.

Partnering (meeting requests, meetings, agendas) builds on `Registration`: a
participant of the partnering programme is a registration of the event.
"""

import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel, bilingual
from biocluster.directory.models import Organisation, Person

from ..querysets import EventQuerySet, RegistrationQuerySet


class EventKind(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ABROAD = "abroad", _("Abroad (convention)")
    HYBRID = "hybrid", _("Hybrid")
    ONLINE = "online", _("Online")
    DELEGATION = "delegation", _("Delegation received")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(TimeStampedModel):
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.ON_SITE)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FR", help_text=_("ISO 3166 code"))
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    capacity = models.PositiveIntegerField(_("capacity on site"), null=True, blank=True)
    online_capacity = models.PositiveIntegerField(_("capacity online"), null=True, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    has_partnering = models.BooleanField(_("partnering programme"), default=False)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the facts come from: a document, or “synthetic” for generated data."),
    )
    # A delegation received (kind=delegation): where it comes from and who came.
    delegation_origin = models.CharField(
        _("delegation from"),
        max_length=120,
        blank=True,
        help_text=_("Country or region the delegation comes from, e.g. South Korea or Québec."),
    )
    delegation_origin_fr = models.CharField(
        _("delegation from (French)"),
        max_length=120,
        blank=True,
        help_text=_("The same in French, e.g. Corée du Sud; the English is shown when it is empty."),
    )
    visiting_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("visiting organisations"),
        blank=True,
        related_name="delegation_events",
    )
    visitors_note = models.TextField(
        _("visitors"), blank=True, help_text=_("Visiting organisations not in the directory, and who came.")
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def origin_in_language(self) -> str:
        """Where a delegation comes from, in the reader's language: "États-Unis", not "the United States"."""
        french = (get_language() or "en").startswith("fr")
        return (self.delegation_origin_fr if french else "") or self.delegation_origin

    @property
    def tz(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("Europe/Paris")

    @property
    def is_over(self) -> bool:
        return bool(self.ends_at and self.ends_at < timezone.now())

    @property
    def is_delegation(self) -> bool:
        return self.kind == EventKind.DELEGATION

    def modes(self) -> list[str]:
        """How one may attend: on site, online, or both for a hybrid event."""
        if self.kind == EventKind.ONLINE:
            return [AttendanceMode.ONLINE]
        if self.kind == EventKind.HYBRID:
            return [AttendanceMode.ON_SITE, AttendanceMode.ONLINE]
        if self.kind == EventKind.DELEGATION:
            return []
        return [AttendanceMode.ON_SITE]

    def capacity_for(self, mode: str) -> int | None:
        return self.online_capacity if mode == AttendanceMode.ONLINE else self.capacity


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")


class Registration(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        db_index=True,
    )
    mode = models.CharField(
        _("attendance"), max_length=20, choices=AttendanceMode.choices, default=AttendanceMode.ON_SITE
    )
    language = models.CharField(_("language"), max_length=5, default="en")
    badge_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    audit_exclude = ("badge_token",)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled"),
                name="registration_one_active_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED
