"""The ecosystem: organisations, people, and what links them.

Every other area (calls, programmes, platforms, events, real estate,
indicators) points at `Organisation` and `Person`; nothing here points back.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from biocluster.core.models import TimeStampedModel, bilingual

from .countries import validate_country
from .identifiers import validate_national_id, validate_pic, validate_vat_number
from .normalise import email_key, identifier, name_key, person_key, website_domain
from .querysets import OrganisationQuerySet, PersonQuerySet

SYNTHETIC = "synthetic"


class OrganisationKind(models.TextChoices):
    STARTUP = "startup", _("Start-up")
    SME = "sme", _("SME")
    LARGE_COMPANY = "large_company", _("Large company")
    RESEARCH_LAB = "research_lab", _("Research lab")
    RESEARCH_ORGANISATION = "research_organisation", _("Research organisation")
    PLATFORM = "platform", _("Technology platform")
    UNIVERSITY = "university", _("University")
    HOSPITAL = "hospital", _("Hospital")
    INVESTOR = "investor", _("Investor")
    FUNDER = "funder", _("Funder")
    PUBLIC_BODY = "public_body", _("Public body")
    CLUSTER = "cluster", _("Cluster")
    NETWORK = "network", _("Network")
    OTHER = "other", _("Other")


COMPANY_KINDS = {OrganisationKind.STARTUP, OrganisationKind.SME, OrganisationKind.LARGE_COMPANY}


class PublicField(models.TextChoices):
    """Fields an organisation may choose to show in the public directory.

    Name, kind and logo of a listed organisation are always public.
    """

    DESCRIPTION = "description", _("Description")
    WEBSITE = "website", _("Website")
    FOUNDED_YEAR = "founded_year", _("Founding year")
    HEADCOUNT = "headcount", _("Headcount")
    ADDRESS = "address", _("Address")
    CAMPUS = "campus", _("Campus")
    TECHNOLOGY_FIELDS = "technology_fields", _("Technology fields")
    VALUE_CHAIN_STAGES = "value_chain_stages", _("Value-chain stages")
    TAGS = "tags", _("Tags")
    LINKS = "links", _("Links")
    PEOPLE = "people", _("People")


DEFAULT_PUBLIC_FIELDS = [f.value for f in PublicField if f is not PublicField.HEADCOUNT]


def default_public_fields():
    return list(DEFAULT_PUBLIC_FIELDS)


class Campus(TimeStampedModel):
    """A site of the cluster. Real estate hangs its buildings and units here."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("campus")
        verbose_name_plural = _("campuses")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TechnologyField(MP_Node):
    """A node of the bilingual technology-field taxonomy (e.g. Health > Gene and cell therapy)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)

    node_order_by = ["name_en"]

    class Meta:
        verbose_name = _("technology field")
        verbose_name_plural = _("technology fields")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")


class ValueChainStage(models.Model):
    """A stage of the biomanufacturing value chain, from training to post-market."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_fr = models.CharField(_("name (French)"), max_length=80)

    class Meta:
        verbose_name = _("value-chain stage")
        verbose_name_plural = _("value-chain stages")
        ordering = ["position"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


IDENTIFIER_FIELDS = ("eu_pic", "vat_number", "national_id")


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, db_index=True)
    # Real short names run long (CORDIS: 133 of 16,591 over 40 characters, one of 185): as long as a name.
    acronym = models.CharField(_("acronym"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices, db_index=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    campus = models.ForeignKey(
        Campus,
        verbose_name=_("campus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(
        _("country"), max_length=2, default="FR", validators=[validate_country], help_text=_("ISO 3166 code")
    )
    eu_pic = models.CharField(
        _("EU PIC"),
        max_length=9,
        blank=True,
        db_index=True,
        validators=[validate_pic],
        help_text=_("Participant Identification Code in the EU's research programmes: 9 digits."),
    )
    vat_number = models.CharField(
        _("VAT number"),
        max_length=15,
        blank=True,
        db_index=True,
        validators=[validate_vat_number],
        help_text=_("With its country prefix, e.g. FR40303265045."),
    )
    national_id = models.CharField(
        _("national identifier"),
        max_length=30,
        blank=True,
        db_index=True,
        help_text=_("The company or institution number of its country: SIREN or SIRET in France."),
    )
    technology_fields = models.ManyToManyField(
        TechnologyField, verbose_name=_("technology fields"), blank=True, related_name="organisations"
    )
    value_chain_stages = models.ManyToManyField(
        ValueChainStage, verbose_name=_("value-chain stages"), blank=True, related_name="organisations"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="organisations")
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    is_listed = models.BooleanField(_("listed in the public directory"), default=True, db_index=True)
    public_fields = models.JSONField(_("public fields"), default=default_public_fields, blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the facts come from: a document, or “synthetic” for generated data."),
    )
    # On the cluster's site: from the day it moved in to the day it left (unknown: null). The
    # indicators count who was on site at a date from these, never from the directory's own dates.
    on_site_since = models.DateField(_("on site since"), null=True, blank=True)
    left_site_on = models.DateField(
        _("left the site on"), null=True, blank=True, help_text=_("Its first day no longer on site.")
    )
    left_site_reason = models.CharField(_("reason for leaving the site"), max_length=200, blank=True)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    website_domain = models.CharField(max_length=200, db_index=True, blank=True, editable=False)

    objects = OrganisationQuerySet.as_manager()
    audit_exclude = ("name_key", "website_domain")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(founded_year__isnull=True) | models.Q(founded_year__gte=1000),
                name="organisation_founded_year_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(left_site_on__isnull=True)
                | models.Q(on_site_since__isnull=False, left_site_on__gte=models.F("on_site_since")),
                name="organisation_left_site_after_arrival",
            ),
        ]
        # Who was on site at a date, per kind: one range scan (directory/indicators.py).
        indexes = [
            models.Index(fields=["kind", "on_site_since", "left_site_on"], name="organisation_on_site")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_keys()
        super().save(*args, **kwargs)

    def refresh_keys(self) -> None:
        self.name_key = name_key(self.name)
        self.website_domain = website_domain(self.website)
        for field in IDENTIFIER_FIELDS:
            setattr(self, field, identifier(getattr(self, field)))

    def clean_fields(self, exclude=None):
        for field in IDENTIFIER_FIELDS:
            setattr(self, field, identifier(getattr(self, field)))
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        try:
            validate_national_id(self.national_id, self.country)
        except ValidationError as error:
            raise ValidationError({"national_id": error}) from None
        if self.left_site_on and not self.on_site_since:
            raise ValidationError(
                {"on_site_since": _("Give the date it arrived on site before the one it left.")}
            )
        if self.left_site_on and self.left_site_on < self.on_site_since:
            raise ValidationError({"left_site_on": _("It cannot leave the site before it arrived.")})

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def is_synthetic(self) -> bool:
        return self.source == SYNTHETIC

    def shows_publicly(self, field: str) -> bool:
        return field in (self.public_fields or [])


class Person(TimeStampedModel):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, db_index=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    public_consent = models.BooleanField(
        _("appears in the public directory"),
        default=False,
        help_text=_("The person agreed to appear in the public directory."),
    )
    public_consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    # A consent of its own (GDPR): appearing in the public directory is not agreeing to be mailed.
    contact_consent = models.BooleanField(
        _("may be e-mailed by the cluster"),
        default=False,
        help_text=_("The person agreed to receive the cluster's news and invitations by e-mail."),
    )
    contact_consent_at = models.DateTimeField(_("consent to be e-mailed given"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    # The names as the conflict-of-interest check compares them (`normalise.person_key`), kept
    # by save() and by the queryset's bulk writes: one indexed lookup finds a reviewer's namesakes.
    name_key = models.CharField(max_length=210, db_index=True, editable=False, default="")
    # The address as a login is matched against it (`normalise.email_key`), kept the same way.
    email_key = models.CharField(max_length=320, db_index=True, editable=False, default="")

    objects = PersonQuerySet.as_manager()
    audit_exclude = ("name_key", "email_key")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()

    # The fields each stored key is computed from.
    KEYS = {"name_key": ("first_name", "last_name"), "email_key": ("email",)}

    def save(self, *args, **kwargs):
        self.refresh_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.keys_of(update_fields)}
        super().save(*args, **kwargs)

    def refresh_keys(self) -> None:
        self.name_key = person_key(self.first_name, self.last_name)
        self.email_key = email_key(self.email)

    @classmethod
    def keys_of(cls, fields) -> list[str]:
        """The stored keys that a write of `fields` changes."""
        fields = set(fields)
        return [key for key, sources in cls.KEYS.items() if fields & set(sources)]


class AffiliationQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=on),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=on),
        )


class Affiliation(TimeStampedModel):
    """A person's role in an organisation, over a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(_("role"), max_length=120)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    is_administrator = models.BooleanField(
        _("administers the organisation"),
        default=False,
        help_text=_("May edit the organisation's entry and manage its people."),
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["organisation__name", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.role}, {self.organisation}"


class LinkKind(models.TextChoices):
    MEMBER_OF = "member_of", _("member of")
    PARTNER_OF = "partner_of", _("partner of")
    CLIENT_OF = "client_of", _("client of")
    SPIN_OFF_OF = "spin_off_of", _("spin-off of")
    INVESTED_IN = "invested_in", _("invested in")
    COLLABORATES_WITH = "collaborates_with", _("collaborates with")


# "A partner of B" is "B partner of A": one link, whichever way it was entered.
SYMMETRIC_LINK_KINDS = (LinkKind.PARTNER_OF, LinkKind.COLLABORATES_WITH)


class OrganisationLink(TimeStampedModel):
    """`subject` is <kind> `object`: e.g. Genopole is member of CEBR."""

    subject = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="links_out")
    kind = models.CharField(_("kind"), max_length=30, choices=LinkKind.choices)
    object = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="links_in")
    project = models.CharField(
        _("project"), max_length=200, blank=True, help_text=_("The named project of a collaboration.")
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["subject__name", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(subject=models.F("object")), name="link_between_two_organisations"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="collaborates_with") | ~models.Q(project=""),
                name="collaboration_names_its_project",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="link_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["subject", "kind", "object", "project"], name="unique_organisation_link"
            ),
            models.UniqueConstraint(
                Least("subject", "object"),
                Greatest("subject", "object"),
                "kind",
                "project",
                condition=models.Q(kind__in=SYMMETRIC_LINK_KINDS),
                name="unique_symmetric_link_either_way",
            ),
        ]

    def __str__(self):
        text = f"{self.subject} {self.get_kind_display()} {self.object}"
        return f"{text} ({self.project})" if self.project else text


from .models_export import ExportJob  # noqa: E402, F401
from .models_import import ImportJob  # noqa: E402, F401
