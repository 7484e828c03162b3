"""What a platform offers and on what terms: instruments, services, tariffs, hours, training."""

import math
import zoneinfo
from datetime import time
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel, bilingual
from biocluster.directory.models import Organisation, OrganisationKind

from ..limits import MAX_BLOCK_MINUTES, MAX_BUFFER_MINUTES
from ..querysets import InstrumentQuerySet, PlatformQuerySet, ServiceQuerySet


class UserCategory(models.TextChoices):
    """Who pays which tariff. Derived from the organisation billed (see `categories.py`)."""

    OWN_LAB = "own_lab", _("Platform's own lab")
    CLUSTER_ACADEMIC = "cluster_academic", _("Academic of the cluster")
    CLUSTER_COMPANY = "cluster_company", _("Company of the cluster")
    EXTERNAL_ACADEMIC = "external_academic", _("External academic")
    EXTERNAL_COMPANY = "external_company", _("External company")


class TariffUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    UNIT = "unit", _("per unit")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Platform(TimeStampedModel):
    """A shared-access platform. Its managers are the administrators of its organisation."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="platform",
        limit_choices_to={"kind": OrganisationKind.PLATFORM},
    )
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host lab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_platforms",
        help_text=_("The lab that runs the platform: its people pay the own-lab tariff."),
    )
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    summary_fr = models.CharField(_("summary (French)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    photo = models.ImageField(_("photo"), upload_to="platforms/", blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    cancellation_notice_hours = models.PositiveSmallIntegerField(
        _("cancellation notice (hours)"),
        default=24,
        validators=[MaxValueValidator(24 * 30)],
        help_text=_("A booking cancelled later than this before its start is charged."),
    )
    late_cancellation_charge = models.PositiveSmallIntegerField(
        _("late cancellation charge (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    no_show_minutes = models.PositiveSmallIntegerField(
        _("check-in deadline (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_("A booking not checked in this long after its start is released as a no-show."),
    )
    no_show_charge = models.PositiveSmallIntegerField(
        _("no-show charge (%)"), default=100, validators=[MaxValueValidator(100)]
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = PlatformQuerySet.as_manager()

    class Meta:
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        ordering = ["organisation__name"]

    def __str__(self):
        return self.organisation.name

    def clean(self):
        if self.organisation_id and self.organisation.kind != OrganisationKind.PLATFORM:
            raise ValidationError(
                {"organisation": _("A platform is an organisation of the kind “technology platform”.")}
            )

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def summary(self) -> str:
        return bilingual(self, "summary")

    @property
    def description(self) -> str:
        return bilingual(self, "description") or self.organisation.description

    @property
    def texts(self) -> tuple[str, str]:
        """(lead, body) for the platform's page, the same words never twice.

        The summary is often the description's first lines (the demo's, and any copied from
        the directory): a description that repeats the summary is shown alone, and a
        summary that is the whole description alone.
        """
        lead, body = self.summary.strip(), self.description.strip()
        if lead and body.startswith(lead.rstrip(".…")):
            return ("", body) if len(body) > len(lead) else (lead, "")
        return lead, body

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


def turnover_error(slot: int, buffer: int) -> str:
    """Why a turnover must be a whole number of steps: the rest of a step would stand idle.

    Bookings start on steps counted from midnight; a booking ending at 11:00 with a 30-minute
    turnover frees the instrument at 11:30, but with 60-minute steps the next booking can only
    start at 12:00, so 30 minutes are lost after every booking.
    """
    lost = -buffer % slot
    return _(
        "The turnover (%(buffer)s minutes) must be a whole number of steps (%(slot)s minutes): bookings "
        "start on steps, so the instrument would stand idle %(lost)s minutes after each turnover. "
        "Choose a turnover of %(choices)s… minutes, or %(step)s-minute steps."
    ) % {
        "buffer": buffer,
        "slot": slot,
        "lost": lost,
        "choices": ", ".join(str(slot * n) for n in range(3)),
        "step": math.gcd(slot, buffer),
    }


class Instrument(TimeStampedModel):
    """A bookable instrument, with the rules every booking of it must follow."""

    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), on_delete=models.CASCADE, related_name="instruments"
    )
    name = models.CharField(_("name"), max_length=200)
    make_and_model = models.CharField(_("make and model"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    photo = models.ImageField(_("photo"), upload_to="instruments/", blank=True)
    is_active = models.BooleanField(
        _("bookable"), default=True, help_text=_("Retired or not yet installed instruments are not.")
    )
    is_down = models.BooleanField(
        _("out of order"), default=False, help_text=_("Set while a reported breakdown is open.")
    )
    requires_qualification = models.BooleanField(_("training required"), default=True)
    requires_check_in = models.BooleanField(
        _("check-in required"),
        default=True,
        help_text=_(
            "Bookings not checked in on time are released as no-shows. Rooms, used without a kiosk, need none."
        ),
    )
    training_en = models.TextField(_("training requirement (English)"), blank=True)
    training_fr = models.TextField(_("training requirement (French)"), blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_("Bookings start and end on multiples of this, counted from midnight."),
    )
    min_minutes = models.PositiveIntegerField(
        _("shortest booking (minutes)"), default=30, validators=[MinValueValidator(5)]
    )
    max_minutes = models.PositiveIntegerField(
        _("longest booking (minutes)"),
        default=8 * 60,
        validators=[MinValueValidator(5), MaxValueValidator(MAX_BLOCK_MINUTES - MAX_BUFFER_MINUTES)],
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer after each booking (minutes)"),
        default=0,
        validators=[MaxValueValidator(MAX_BUFFER_MINUTES)],
        help_text=_("Cleaning or turnover time kept free after every booking."),
    )
    max_days_ahead = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    requires_approval = models.BooleanField(
        _("approval needed"), default=False, help_text=_("Bookings wait for a manager's approval.")
    )
    weekly_cap_hours = models.PositiveSmallIntegerField(
        _("cap per person per week (hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["platform", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_minutes__lte=models.F("max_minutes")),
                name="instrument_min_not_above_max",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.min_minutes and self.max_minutes and self.min_minutes > self.max_minutes:
            errors["min_minutes"] = _("The shortest booking cannot be longer than the longest.")
        slot = self.slot_minutes or 0
        for name in ("min_minutes", "max_minutes"):
            value = getattr(self, name) or 0
            if slot and value % slot and name not in errors:
                errors[name] = _("Must be a multiple of the slot (%(slot)s minutes).") % {"slot": slot}
        buffer = self.buffer_minutes or 0
        if slot and buffer % slot:
            errors["buffer_minutes"] = turnover_error(slot, buffer)
        if errors:
            raise ValidationError(errors)

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def training(self) -> str:
        return bilingual(self, "training")

    @property
    def is_bookable(self) -> bool:
        return self.is_active and not self.is_down


class OpeningHours(models.Model):
    """When an instrument may be booked, in the platform's local time.

    An instrument without any row is bookable around the clock. `closes` at
    00:00 means midnight at the end of the day.
    """

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["instrument", "weekday", "opens"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}\u2013{self.closes:%H:%M}"

    def clean(self):
        if self.closes != time(0) and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})

    @property
    def opens_minute(self) -> int:
        return self.opens.hour * 60 + self.opens.minute

    @property
    def closes_minute(self) -> int:
        return 24 * 60 if self.closes == time(0) else self.closes.hour * 60 + self.closes.minute


class Closure(TimeStampedModel):
    """Days a whole platform, or one instrument, cannot be booked (holidays, moves, audits)."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="closures")
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text=_("Empty: the whole platform is closed."),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until (inclusive)"))
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)
    reason_fr = models.CharField(_("reason (French)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="closure_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.start_date}\u2013{self.end_date} {self.reason}"

    @property
    def reason(self) -> str:
        return bilingual(self, "reason")


class Qualification(TimeStampedModel):
    """A person trained and allowed to use an instrument, from a date and possibly until one."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="qualifications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instrument_qualifications"
    )
    qualified_on = models.DateField(_("trained on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["instrument", "-qualified_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "user", "qualified_on"], name="unique_qualification_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("qualified_on")),
                name="qualification_expires_after_training",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.instrument}"

    def valid_on(self, day) -> bool:
        return self.qualified_on <= day and (self.expires_on is None or day <= self.expires_on)


class Badge(models.Model):
    """The badge number a person types or scans at an instrument's kiosk."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge")
    number = models.CharField(_("badge number"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")

    def __str__(self):
        return self.number


class Service(TimeStampedModel):
    """Work done by the platform's staff on samples sent to it (e.g. a sequencing run)."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="services")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=60, default="sample")
    unit_fr = models.CharField(_("unit (French)"), max_length=60, default="échantillon")
    is_active = models.BooleanField(_("offered"), default=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["platform", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def unit(self) -> str:
        return bilingual(self, "unit")


class Tariff(TimeStampedModel):
    """The price of an instrument or a service for one user category, from a date on."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="tariffs")
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.CASCADE, related_name="tariffs"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="tariffs"
    )
    category = models.CharField(_("user category"), max_length=20, choices=UserCategory.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=TariffUnit.choices, default=TariffUnit.HOUR)
    price = models.DecimalField(
        _("price (EUR, excl. VAT)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        ordering = ["platform", "instrument", "service", "category", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(instrument__isnull=True, service__isnull=False)
                | models.Q(instrument__isnull=False, service__isnull=True),
                name="tariff_for_an_instrument_or_a_service",
            ),
            models.UniqueConstraint(
                fields=["instrument", "category", "valid_from"],
                condition=models.Q(instrument__isnull=False),
                name="unique_instrument_tariff",
            ),
            models.UniqueConstraint(
                fields=["service", "category", "valid_from"],
                condition=models.Q(service__isnull=False),
                name="unique_service_tariff",
            ),
        ]

    def __str__(self):
        return f"{self.instrument or self.service} — {self.get_category_display()}: {self.price} € {self.get_unit_display()}"
