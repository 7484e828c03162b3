"""The programme of an event: sessions in rooms, and the visits of a delegation received."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel, bilingual
from biocluster.directory.models import Campus, Organisation

from .events import Event


class Room(TimeStampedModel):
    """A room where sessions take place: in the conference centre of a campus, or a venue abroad."""

    name = models.CharField(_("name"), max_length=120)
    campus = models.ForeignKey(
        Campus, verbose_name=_("campus"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    building = models.CharField(_("building or venue"), max_length=120, blank=True)
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    # The room as the booking engine knows it (an instrument of the cluster's rooms platform):
    # sessions in it hold a booking. Empty for a venue abroad, booked by others.
    resource = models.OneToOneField(
        "platforms.Instrument",
        verbose_name=_("bookable as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_room",
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["name", "building"], name="room_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.building})" if self.building else self.name


class Session(TimeStampedModel):
    """An item of the programme: a talk, a workshop, a networking break."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    # The room held for the session (`services.events`), moved and released with it.
    booking = models.OneToOneField(
        "platforms.Booking",
        verbose_name=_("room booking"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="event_session",
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="session_ends_after_start"
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


class DelegationVisit(TimeStampedModel):
    """One stop of a delegation's programme: a visit to an organisation of the cluster."""

    event = models.ForeignKey(
        Event, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="visits"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation visited"),
        on_delete=models.PROTECT,
        related_name="delegation_visits",
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    notes_fr = models.TextField(_("notes (French)"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["event", "starts_at", "id"]

    def __str__(self):
        return f"{self.event} → {self.organisation}"

    @property
    def notes(self) -> str:
        return bilingual(self, "notes")
