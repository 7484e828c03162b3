"""International cooperation: partnership agreements and what happens under them, the soft-landing
pipeline (prospects to installed companies, talent visas), missions abroad with their packs, and the
networks and labels the cluster holds.

Everything here is the cluster staff's (the International and Entreprises departments): nothing is
shown to members or the public. Partners, networks and companies are organisations of the directory;
conventions and delegations received are events of the events app.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import TimeStampedModel
from biocluster.directory.countries import validate_country
from biocluster.directory.models import SYNTHETIC, Organisation, Person
from biocluster.events.models import Event

from .querysets import StaffQuerySet
from .storage import private_storage


class SourcedModel(TimeStampedModel):
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the facts come from: a document, or “synthetic” for generated data."),
    )

    objects = StaffQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC


# -- partnership agreements


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    COOPERATION = "cooperation", _("Cooperation agreement")
    SOFT_LANDING = "soft_landing", _("Reciprocal soft landing")


class Scope(models.TextChoices):
    SOFT_LANDING = "soft_landing", _("Soft landing")
    TECHNOLOGY_TRANSFER = "technology_transfer", _("Technology transfer")
    JOINT_RD = "joint_rd", _("Joint R&D")
    BENCHMARKING = "benchmarking", _("Benchmarking")


class Renewal(models.TextChoices):
    NONE = "none", _("Ends at expiry")
    TACIT = "tacit", _("Renewed tacitly unless terminated")
    ON_REQUEST = "on_request", _("Renewed by a signed amendment")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    TERMINATED = "terminated", _("Terminated")


class PartnershipAgreement(SourcedModel):
    """An agreement with a foreign cluster, park or institute (a directory organisation)."""

    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="cooperation_agreements",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    scopes = models.JSONField(_("scope"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    renewal = models.CharField(_("renewal"), max_length=12, choices=Renewal.choices, default=Renewal.NONE)
    our_signatory = models.ForeignKey(
        Person,
        verbose_name=_("our signatory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_signatory = models.ForeignKey(
        Person,
        verbose_name=_("partner's signatory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    our_contact = models.ForeignKey(
        Person,
        verbose_name=_("our contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_contact = models.ForeignKey(
        Person,
        verbose_name=_("partner's contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Outside MEDIA_ROOT: only `views.agreement_document` sends it, to the staff.
    document = models.FileField(
        _("signed document"),
        upload_to="cooperation/agreements/%Y/",
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    document_name = models.CharField(_("document name"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["partner__name", "-signed_on", "id"]

    def __str__(self):
        return self.title

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes or []]

    def in_force_on(self, day: datetime.date) -> bool:
        """Signed by `day`, not expired nor terminated on it."""
        return (
            self.status != AgreementStatus.DRAFT
            and self.signed_on is not None
            and self.signed_on <= day
            and (self.expires_on is None or self.expires_on >= day)
            and (self.terminated_on is None or self.terminated_on > day)
        )

    def state_on(self, day: datetime.date) -> str:
        """What a person reads: draft, in force, expired, terminated."""
        if self.status == AgreementStatus.DRAFT:
            return str(_("Draft"))
        if self.terminated_on is not None and self.terminated_on <= day:
            return str(_("Terminated"))
        if self.expires_on is not None and self.expires_on < day:
            return str(_("Expired"))
        if self.signed_on is not None and self.signed_on > day:
            return str(_("Signed, not yet in force"))
        return str(_("In force"))


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    MISSION = "mission", _("Mission")
    WEBINAR = "webinar", _("Webinar")
    COMPANY_REFERRED = "company_referred", _("Company referred")
    JOINT_APPLICATION = "joint_application", _("Joint application")


class AgreementActivity(SourcedModel):
    agreement = models.ForeignKey(
        PartnershipAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    happened_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations involved"),
        blank=True,
        related_name="cooperation_activities",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("agreement activity")
        verbose_name_plural = _("agreement activities")
        ordering = ["-happened_on", "-id"]

    def __str__(self):
        return self.title


# -- prospecting and soft landing


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Company to attract to the cluster")
    OUTBOUND = "outbound", _("Cluster company sent to a partner abroad")


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead")
    FIRST_CONTACT = "first_contact", _("First contact")
    NEEDS_ASSESSMENT = "needs_assessment", _("Needs assessment")
    VISIT = "visit", _("Visit")
    OFFER = "offer", _("Offer")
    INSTALLED = "installed", _("Installed")
    LOST = "lost", _("Lost")


OPEN_STAGES = (Stage.LEAD, Stage.FIRST_CONTACT, Stage.NEEDS_ASSESSMENT, Stage.VISIT, Stage.OFFER)


class SoftLanding(SourcedModel):
    """A company the cluster wants to attract (French or foreign), or one it sends abroad."""

    name = models.CharField(_("company"), max_length=200)
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country], help_text=_("ISO 3166 code")
    )
    website = models.URLField(_("website"), blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INBOUND
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.LEAD)
    lost_reason = models.TextField(_("reason lost"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="soft_landings",
    )
    agreement = models.ForeignKey(
        PartnershipAgreement,
        verbose_name=_("through the agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="soft_landings",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("through the event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="soft_landings",
    )
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    needs = models.TextField(_("needs (space, services, introductions)"), blank=True)
    services_delivered = models.TextField(_("services delivered"), blank=True)
    follow_up_plan = models.TextField(_("follow-up plan after installation"), blank=True)
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    stage_changed_on = models.DateField(_("stage since"), null=True, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("soft landing")
        verbose_name_plural = _("soft landings")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class VisaKind(models.TextChoices):
    FOUNDER = "founder", _("French Tech Visa for founders")
    EMPLOYEE = "employee", _("French Tech Visa for employees")
    TALENT = "talent", _("Passeport Talent, other route")


class VisaStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    SUBMITTED = "submitted", _("Submitted")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class TalentVisa(SourcedModel):
    """A talent visa application the cluster supports, for a founder or an employee of a soft landing."""

    soft_landing = models.ForeignKey(
        SoftLanding, verbose_name=_("soft landing"), on_delete=models.CASCADE, related_name="visas"
    )
    person_name = models.CharField(_("person"), max_length=200)
    kind = models.CharField(_("route"), max_length=10, choices=VisaKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=VisaStatus.choices, default=VisaStatus.PREPARING
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("talent visa")
        verbose_name_plural = _("talent visas")
        ordering = ["soft_landing", "person_name", "id"]

    def __str__(self):
        return f"{self.person_name} ({self.get_kind_display()})"


# -- missions abroad and packs


class MissionKind(models.TextChoices):
    STAND = "stand", _("Stand at a convention")
    MISSION = "mission", _("Mission")


class Mission(SourcedModel):
    """The cluster's presence at an event abroad: a stand or a mission, with its packs."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="cooperation_mission"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MissionKind.choices, default=MissionKind.STAND)
    co_exhibitors = models.ManyToManyField(
        Organisation, verbose_name=_("co-exhibitors"), blank=True, related_name="co_exhibited_missions"
    )
    framework = models.CharField(
        _("framework"), max_length=200, blank=True, help_text=_("e.g. an ECCP exploratory mission")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("mission abroad")
        verbose_name_plural = _("missions abroad")
        ordering = ["-event__starts_at", "id"]

    def __str__(self):
        return str(self.event)


class Pack(SourcedModel):
    """An offer sold to companies for a mission (e.g. "Key Accounts Partnerships")."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="packs"
    )
    name = models.CharField(_("name"), max_length=200)
    price = models.DecimalField(_("price (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True)
    content = models.TextField(_("content"), blank=True)
    subscribers = models.ManyToManyField(
        Organisation, verbose_name=_("subscribing companies"), blank=True, through="PackSubscription"
    )

    class Meta:
        verbose_name = _("pack")
        verbose_name_plural = _("packs")
        ordering = ["mission", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "name"], name="cooperation_pack_name_unique")
        ]

    def __str__(self):
        return self.name


class PackSubscription(SourcedModel):
    pack = models.ForeignKey(
        Pack, verbose_name=_("pack"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="pack_subscriptions"
    )

    class Meta:
        verbose_name = _("pack subscription")
        verbose_name_plural = _("pack subscriptions")
        ordering = ["pack", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pack", "organisation"], name="cooperation_subscription_unique")
        ]

    def __str__(self):
        return f"{self.organisation} — {self.pack}"


class MissionFollowUp(SourcedModel):
    """What a company's mission led to, 6 or 12 months after it."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    months = models.PositiveSmallIntegerField(
        _("months after"), choices=[(6, _("6 months")), (12, _("12 months"))]
    )
    leads = models.PositiveIntegerField(_("leads"), default=0)
    agreements = models.PositiveIntegerField(_("agreements"), default=0)
    deals = models.PositiveIntegerField(_("deals"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("mission follow-up")
        verbose_name_plural = _("mission follow-ups")
        ordering = ["mission", "organisation__name", "months", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "organisation", "months"], name="cooperation_follow_up_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation}, {self.months}"


# -- memberships and labels


class Membership(SourcedModel):
    """A network the cluster belongs to."""

    network = models.ForeignKey(
        Organisation, verbose_name=_("network"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    role = models.CharField(
        _("role"), max_length=200, help_text=_("e.g. member, board member, associate partner")
    )
    since = models.DateField(_("since"), null=True, blank=True)
    fee = models.DecimalField(_("yearly fee (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True)
    renewal_on = models.DateField(_("next renewal"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["network__name", "id"]

    def __str__(self):
        return f"{self.network} — {self.role}"


class Label(SourcedModel):
    """A label the cluster holds (e.g. the ESCA cluster management excellence label)."""

    scheme = models.CharField(_("scheme"), max_length=200)
    awarded_by = models.ForeignKey(
        Organisation,
        verbose_name=_("awarded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=100, blank=True)
    awarded_on = models.DateField(_("awarded on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    next_audit_on = models.DateField(_("next audit"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["scheme", "-awarded_on", "id"]

    def __str__(self):
        return f"{self.scheme} {self.level}".strip()
