"""Real estate: the cluster as a landlord.

Campuses (the directory's, with their opening here), buildings, floors and units
(kind, area, furnishing, lab services, capacity), each unit's status over time
(planned with a delivery date, under works, available, let) and the agreements
(lease, licence, free occupation for company creators) that let one or more units to
one organisation for a period. A unit is never let twice for overlapping periods:
`AgreementUnit` holds one row per (agreement, unit, period), and the database refuses
two active rows of a unit whose periods overlap (`constraints.py`).
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.models import SYNTHETIC, Campus, Organisation

from .querysets import AgreementQuerySet, BuildingQuerySet, SpaceRequestQuerySet, UnitQuerySet


class UnitKind(models.TextChoices):
    OFFICE = "office", _("Office")
    BSL1_LAB = "bsl1_lab", _("BSL1 laboratory")
    BSL2_LAB = "bsl2_lab", _("BSL2 laboratory")
    MIXED = "mixed", _("Mixed office and laboratory")
    CLEAN_ROOM = "clean_room", _("Clean room")
    PRODUCTION = "production", _("Production")
    STORAGE = "storage", _("Storage")
    LAND = "land", _("Land plot")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    AUDITORIUM = "auditorium", _("Auditorium")
    RESIDENCE_STUDIO = "residence_studio", _("Residence studio")


# Rooms are booked by the hour or the night, not let: they are no part of the occupancy.
ROOM_KINDS = (UnitKind.MEETING_ROOM, UnitKind.AUDITORIUM, UnitKind.RESIDENCE_STUDIO)
LETTABLE_KINDS = tuple(kind for kind in UnitKind if kind not in ROOM_KINDS)


class UnitStatusKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WORKS = "under_works", _("Under works")
    AVAILABLE = "available", _("Available")
    LET = "let", _("Let")
    RETIRED = "retired", _("Retired (divided or combined)")


# In service: part of the lettable stock at that date (let or ready to let).
IN_SERVICE = (UnitStatusKind.AVAILABLE, UnitStatusKind.LET)
# Out of service for a while (planned, under works) or for good (retired: divided or combined).
OUT_OF_SERVICE = (UnitStatusKind.PLANNED, UnitStatusKind.UNDER_WORKS, UnitStatusKind.RETIRED)


class CampusEstate(TimeStampedModel):
    """What real estate adds to a campus of the directory: when it opens (a planned campus)."""

    campus = models.OneToOneField(
        Campus, verbose_name=_("campus"), on_delete=models.CASCADE, related_name="estate"
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True, help_text=_("Empty: open."))
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("campus estate")
        verbose_name_plural = _("campus estates")

    def __str__(self):
        return str(self.campus)


class Building(TimeStampedModel):
    campus = models.ForeignKey(
        Campus, verbose_name=_("campus"), on_delete=models.PROTECT, related_name="buildings"
    )
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=255, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = BuildingQuerySet.as_manager()

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["campus__name", "name"]
        constraints = [models.UniqueConstraint(fields=["campus", "name"], name="estate_building_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.campus})"


class Floor(models.Model):
    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.CASCADE, related_name="floors"
    )
    level = models.SmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")
        ordering = ["building", "-level"]
        constraints = [
            models.UniqueConstraint(fields=["building", "level"], name="estate_floor_unique_level")
        ]

    def __str__(self):
        return self.name or str(self.level)


class Unit(TimeStampedModel):
    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="units"
    )
    floor = models.ForeignKey(
        Floor, verbose_name=_("floor"), null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, db_index=True)
    area = models.DecimalField(_("area (m²)"), max_digits=9, decimal_places=1)
    furnished = models.BooleanField(_("furnished"), default=False)
    fume_hoods = models.BooleanField(_("fume hoods"), default=False)
    gases = models.BooleanField(_("gases"), default=False)
    waste_removal = models.BooleanField(_("waste removal"), default=False)
    capacity = models.PositiveIntegerField(_("capacity (seats)"), null=True, blank=True)
    # A meeting room or the auditorium is booked, not let: through the booking engine, as
    # this room of the rooms platform (docs/events.md, "Rooms").
    bookable_as = models.OneToOneField(
        "platforms.Instrument",
        verbose_name=_("bookable as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="estate_unit",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["building__campus__name", "building__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["building", "code"], name="estate_unit_unique_code"),
            models.CheckConstraint(condition=models.Q(area__gt=0), name="estate_unit_area_positive"),
        ]

    def __str__(self):
        return f"{self.building.name} {self.code}"

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC

    @property
    def is_lettable(self) -> bool:
        return self.kind in LETTABLE_KINDS


class UnitStatus(models.Model):
    """The unit's status from `since` until the next row: its history, never overwritten.

    Rows written by hand (planned, under works, available) and rows that follow the
    agreements (`from_agreements`: let at each occupation's start, available after it),
    rebuilt from the agreements whenever they change.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=20, choices=UnitStatusKind.choices)
    since = models.DateField(_("since"))
    delivery_on = models.DateField(_("delivery date"), null=True, blank=True)
    from_agreements = models.BooleanField(_("follows the agreements"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("unit status")
        verbose_name_plural = _("unit statuses")
        ordering = ["unit", "since", "id"]
        indexes = [models.Index(fields=["unit", "since"])]

    def __str__(self):
        return f"{self.unit}: {self.get_status_display()} ({self.since:%Y-%m-%d})"


class AgreementKind(models.TextChoices):
    LEASE = "lease", _("Lease")
    LICENCE = "licence", _("Licence")
    FREE = "free", _("Free occupation (company creators)")


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", _("Signed")
    TERMINATED = "terminated", _("Terminated early")
    CANCELLED = "cancelled", _("Cancelled")


class DepositState(models.TextChoices):
    NONE = "none", _("No deposit")
    DUE = "due", _("Due")
    RECEIVED = "received", _("Received")
    RETURNED = "returned", _("Returned")
    KEPT_IN_PART = "kept_in_part", _("Kept in part")


class PaymentFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Index(models.TextChoices):
    """Published indices a commercial rent is indexed on (France)."""

    ILAT = "ILAT", _("ILAT (tertiary activities rent index)")
    ILC = "ILC", _("ILC (commercial rent index)")
    ICC = "ICC", _("ICC (construction cost index)")


DEFAULT_VAT_RATE = Decimal("20.00")  # the standard rate on commercial lettings in France


class Agreement(TimeStampedModel):
    """A lease, a licence or a free occupation of one or more units by one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="estate_agreements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), help_text=_("The last day of the occupation."))
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    notice_months = models.PositiveSmallIntegerField(_("notice (months)"), default=3)
    fit_out_months = models.PositiveSmallIntegerField(_("fit-out (months)"), default=0)
    free_months = models.PositiveSmallIntegerField(_("rent-free months"), default=0)
    break_dates = models.JSONField(_("break dates"), default=list, blank=True)
    rent_per_m2 = models.DecimalField(
        _("rent per m² per year (EUR)"), max_digits=9, decimal_places=2, default=Decimal("0")
    )
    charges_per_m2 = models.DecimalField(
        _("service charges per m² per year (EUR)"), max_digits=9, decimal_places=2, default=Decimal("0")
    )
    payment_frequency = models.CharField(
        _("payment"), max_length=10, choices=PaymentFrequency.choices, default=PaymentFrequency.QUARTERLY
    )
    deposit = models.DecimalField(_("deposit (EUR)"), max_digits=11, decimal_places=2, default=Decimal("0"))
    deposit_state = models.CharField(
        _("deposit state"), max_length=20, choices=DepositState.choices, default=DepositState.NONE
    )
    deposit_kept = models.DecimalField(
        _("deposit kept (EUR)"), max_digits=11, decimal_places=2, default=Decimal("0")
    )
    deposit_note = models.CharField(_("why the deposit was kept"), max_length=300, blank=True)
    index = models.CharField(_("index"), max_length=10, choices=Index.choices, blank=True)
    base_index = models.DecimalField(
        _("base index value"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    language = models.CharField(_("tenant's language"), max_length=5, default="fr")
    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="estate_agreements",
        help_text=_("A free occupation granted by a programme ends with the enrolment."),
    )
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("renewal of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    move_out_reason = models.CharField(_("move-out reason"), max_length=300, blank=True)
    notice_given_on = models.DateField(
        _("notice given on"),
        null=True,
        blank=True,
        help_text=_("When the tenant gave notice of an early end."),
    )
    early_release_reason = models.CharField(
        _("negotiated early release"),
        max_length=300,
        blank=True,
        help_text=_("Why the tenant was released before its notice ran out, as negotiated with staff."),
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_VAT_RATE,
        help_text=_("20 % by default; 0 for a free occupation or an exempt letting."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-start", "-id"]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"A{self.pk:05d}" if self.pk else "A-"

    @property
    def last_day(self):
        """The last day occupied: the end, or the termination's date when terminated early."""
        return self.terminated_on or self.end

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC


class AgreementUnit(models.Model):
    """One unit of an agreement for a period (inclusive): the row the no-overlap guarantee works on."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="lines"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="lines")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    active = models.BooleanField(_("active"), default=True)
    service_charges = models.DecimalField(
        _("service charges per year (EUR)"), max_digits=11, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("let unit")
        verbose_name_plural = _("let units")
        ordering = ["unit", "start"]
        indexes = [models.Index(fields=["unit", "start", "end"])]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "unit"], name="estate_line_unique_unit"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="estate_line_period"),
        ]

    def __str__(self):
        return f"{self.agreement} {self.unit}"


class AgreementEvent(models.Model):
    """A renewal, an amendment, an indexation or a termination, kept as the agreement's history."""

    class Kind(models.TextChoices):
        SIGNED = "signed", _("Signed")
        AMENDMENT = "amendment", _("Amendment")
        RENEWAL = "renewal", _("Renewal")
        INDEXATION = "indexation", _("Indexation")
        TERMINATION = "termination", _("Termination")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=500)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")
        ordering = ["agreement", "on", "id"]

    def __str__(self):
        return f"{self.agreement}: {self.get_kind_display()} ({self.on:%Y-%m-%d})"


class IndexValue(models.Model):
    """A published value of an index, entered by staff (e.g. ILAT, 2nd quarter 2025: 136.06)."""

    index = models.CharField(_("index"), max_length=10, choices=Index.choices)
    published_on = models.DateField(_("reference date"))
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("index value")
        verbose_name_plural = _("index values")
        ordering = ["index", "published_on"]
        constraints = [
            models.UniqueConstraint(fields=["index", "published_on"], name="estate_index_unique_date"),
            models.CheckConstraint(condition=models.Q(value__gt=0), name="estate_index_positive"),
        ]

    def __str__(self):
        return f"{self.index} {self.published_on:%Y-%m-%d}: {self.value}"


class SpaceRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    OFFERED = "offered", _("Offer made")
    SIGNED = "signed", _("Signed")
    LOST = "lost", _("Lost")


class SpaceRequest(TimeStampedModel):
    """Space asked for by an organisation (a company, a programme's project) or a prospect; it
    ends in a signed agreement or is lost with a reason."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="space_requests",
    )
    prospect = models.CharField(
        _("prospect"), max_length=200, blank=True, help_text=_("Not in the directory yet.")
    )
    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    area = models.DecimalField(_("area (m²)"), max_digits=9, decimal_places=1)
    wanted_from = models.DateField(_("from"))
    months = models.PositiveSmallIntegerField(_("for (months)"))
    needs = models.TextField(_("needs"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SpaceRequestStatus.choices, default=SpaceRequestStatus.OPEN
    )
    offered_units = models.ManyToManyField(
        Unit, verbose_name=_("units offered"), blank=True, related_name="+"
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    soft_landing = models.ForeignKey(
        "cooperation.SoftLanding",
        verbose_name=_("soft landing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_requests",
        help_text=_("The prospect arrives through this soft-landing case."),
    )
    lost_reason = models.CharField(_("why it was lost"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = SpaceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("space request")
        verbose_name_plural = _("space requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        who = self.organisation.name if self.organisation_id else self.prospect
        return f"{who}: {self.get_kind_display()}, {self.area} m²"


from .models_flow import Meter, MeterReading, Move, MoveKind, MoveOutReason, Visit  # noqa: E402, F401
from .models_lineage import UnitLineage  # noqa: E402, F401
from .models_occupancy import OccupancyMonth, UnitOccupancy  # noqa: E402, F401
from .models_rent_roll import CreditNote, Notice, Payment  # noqa: E402, F401
from .models_tenant_requests import TenantRequest  # noqa: E402, F401
