"""The organisation's exposed fields, declared once.

Each entry below says, for one field of `Organisation`: its label, who may
read it, the headers an import recognises for it (English and French), how it
is exported and given by the API, how a merge treats it, and where the
organisation's page shows it. Every consumer takes its field list from here:

- the form (`forms.OrganisationForm.Meta.fields`),
- the API's schemas (`api.OrganisationOut`, `OrganisationIn`, `OrganisationPatch`) and values,
- the import's columns and header aliases (`importing/columns.py`, `importing/mapping.py`),
- the export's columns and values (`exporting.py`),
- the organisation's page (`organisation_detail.html` loops over `page_sections`),
- both merges: `services.merge_organisations` and the import's merge of a row
  into an organisation (`importing/services._fill`).

Adding a field is the model field, its migration and one entry here (plus a
parser in `importing/validation.py` if its cells need more than a length
check). `tests/test_fields.py` fails when a consumer lists a field of its own.
"""

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from pydantic import Field

from biocluster.core.api_types import MAX_ID, Text
from biocluster.core.models import bilingual

from .identifiers import readable_national_id, readable_pic, readable_vat_number
from .models import Organisation, OrganisationKind, PublicField


class Audience(enum.StrEnum):
    """Who may read a field of an organisation the reader may see at all."""

    PUBLIC = "public"  # anyone who may see the organisation
    CHOSEN = (
        "chosen"  # the public if the organisation lists `public_field` among its public fields; else STAFF
    )
    MEMBERS = "members"  # its members (a current affiliation) and the cluster's staff
    STAFF = "staff"  # who may edit it: its administrators and the cluster's staff


class Type(enum.StrEnum):
    """What a value is: how the API gives it, how the export writes it, how the page shows it."""

    TEXT = "text"
    IDENTIFIER = "identifier"  # text stored normalised (`normalise.identifier`), shown grouped
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"  # a code of `Exposed.choices`
    BOOLEAN = "boolean"  # exported as yes / no
    CAMPUS = "campus"  # a foreign key, exported by name, given by id
    CODES = "codes"  # many-to-many, exported and given by the related objects' codes
    NAMES = "names"  # many-to-many, exported and given by the related objects' names
    FILE = "file"
    PUBLIC_FIELDS = "public_fields"  # the organisation's choice of CHOSEN fields


MANY = (Type.CODES, Type.NAMES)


class Merge(enum.StrEnum):
    """What merging a duplicate into the organisation kept does to a field."""

    KEEP = "keep"  # keep-first: the kept organisation's value stays
    FILL = "fill"  # fill-empty: the duplicate's value when the kept one has none ("" or None)
    UNION = "union"  # many-to-many: the kept organisation gets the duplicate's as well


class Section(enum.StrEnum):
    """Where the organisation's page shows a field."""

    DESCRIPTION = "description"
    FACTS = "facts"
    IDENTIFIERS = "identifiers"


@dataclass(frozen=True)
class Page:
    section: Section
    # text, link, number, chips or identifier: how `organisation_detail.html` writes the value.
    display: str = "text"
    label: Any = None  # when the page words it otherwise than the declaration's label
    value: Callable[[Organisation], Any] | None = None  # what the page shows, when not the field's value
    always: bool = False  # shown when empty (as “—”)


@dataclass(frozen=True)
class Exposed:
    name: str  # the model field; also the column's code in imported and exported files
    label: Any  # lazily translated; the import recognises it in English and French
    type: Type = Type.TEXT
    audience: Audience = Audience.PUBLIC
    public_field: str = ""  # the `PublicField` that opens a CHOSEN field to the public
    aliases: tuple[str, ...] = ()  # other headers an import recognises, English and French
    required: bool = False
    max_length: int | None = None  # of the text an import or the API gives, before normalisation
    merge: Merge = Merge.KEEP
    page: Page | None = None
    # (annotation, default) in the API's input; None: not written through the API.
    # Plain text fields with a `max_length` need none: Text(max_length), default "".
    api_in: tuple | None = None
    choices: Any = None  # CHOICE: the TextChoices class
    form: bool = True  # on the organisation's form
    columns: bool = True  # imported and exported: the export writes exactly what the import reads
    api_out: bool = True  # in the API's output

    @property
    def code(self) -> str:
        """The column's code in files (the field name), as the import's columns call it."""
        return self.name

    @property
    def model_field(self):
        return Organisation._meta.get_field(self.name)


def _text_in(max_length: int, description: str = ""):
    return (Text(max_length), Field("", description=description) if description else "")


FIELDS: tuple[Exposed, ...] = (
    Exposed(
        "name",
        _("Name"),
        aliases=(
            "nom",
            "organisation",
            "organization",
            "organisme",
            "raison sociale",
            "denomination",
            "company",
            "entreprise",
            "structure",
        ),
        required=True,
        max_length=200,
        api_in=(Text(200, min_length=1), ...),
    ),
    Exposed(
        "acronym",
        _("Acronym"),
        aliases=("sigle", "acronyme", "short name", "nom court", "abbreviation"),
        max_length=200,
        merge=Merge.FILL,
    ),
    Exposed(
        "kind",
        _("Kind"),
        type=Type.CHOICE,
        choices=OrganisationKind,
        aliases=("type", "kind of organisation", "type d organisation", "categorie", "category", "nature"),
        required=True,
        api_in=(OrganisationKind, ...),
    ),
    Exposed(
        "description_en",
        _("Description (English)"),
        audience=Audience.CHOSEN,
        public_field=PublicField.DESCRIPTION,
        aliases=(
            "description",
            "description english",
            "description anglais",
            "description en anglais",
            "english description",
            "description en",
        ),
        merge=Merge.FILL,
        # The page shows the description in the reader's language (the other one if it is missing).
        page=Page(Section.DESCRIPTION, value=lambda o: bilingual(o, "description")),
        api_in=(Text(20_000), ""),
    ),
    Exposed(
        "description_fr",
        _("Description (French)"),
        audience=Audience.CHOSEN,
        public_field=PublicField.DESCRIPTION,
        aliases=(
            "description french",
            "description francais",
            "description en francais",
            "french description",
            "description fr",
            "presentation",
        ),
        merge=Merge.FILL,
        api_in=(Text(20_000), ""),
    ),
    Exposed(
        "website",
        _("Website"),
        audience=Audience.CHOSEN,
        public_field=PublicField.WEBSITE,
        aliases=("web site", "site web", "site internet", "site", "url", "web", "internet"),
        max_length=200,
        merge=Merge.FILL,
        page=Page(Section.FACTS, "link"),
    ),
    Exposed(
        "founded_year",
        _("Founding year"),
        type=Type.NUMBER,
        audience=Audience.CHOSEN,
        public_field=PublicField.FOUNDED_YEAR,
        aliases=(
            "founded",
            "year founded",
            "founding year",
            "year of foundation",
            "annee de creation",
            "creation",
            "date de creation",
            "annee creation",
            "fondation",
        ),
        merge=Merge.FILL,
        page=Page(Section.FACTS, label=_("Founded")),
        api_in=(int | None, Field(None, ge=1000, le=2100)),
    ),
    Exposed(
        "headcount",
        _("Headcount"),
        type=Type.NUMBER,
        audience=Audience.CHOSEN,
        public_field=PublicField.HEADCOUNT,
        aliases=(
            "employees",
            "staff",
            "effectif",
            "effectifs",
            "salaries",
            "nombre de salaries",
            "number of employees",
        ),
        merge=Merge.FILL,
        page=Page(Section.FACTS, "number"),
        api_in=(int | None, Field(None, ge=0, le=10_000_000)),
    ),
    Exposed(
        "campus",
        _("Campus"),
        type=Type.CAMPUS,
        audience=Audience.CHOSEN,
        public_field=PublicField.CAMPUS,
        aliases=("site genopole", "implantation"),
        merge=Merge.FILL,
        page=Page(Section.FACTS),
        api_in=(int | None, Field(None, ge=1, le=MAX_ID)),
    ),
    Exposed(
        "address",
        _("Address"),
        audience=Audience.CHOSEN,
        public_field=PublicField.ADDRESS,
        aliases=("adresse", "street", "rue"),
        max_length=255,
        merge=Merge.FILL,
        # One line on the page: the street, the city and the country.
        page=Page(
            Section.FACTS,
            value=lambda o: f"{o.address} {o.city} ({o.country})" if o.address or o.city else "",
        ),
    ),
    Exposed(
        "city",
        _("City"),
        audience=Audience.CHOSEN,
        public_field=PublicField.ADDRESS,
        aliases=("ville", "town", "commune", "localite"),
        max_length=120,
        merge=Merge.FILL,
    ),
    Exposed(
        "country",
        _("Country"),
        aliases=("pays", "country code", "code pays"),
        api_in=(str, Field("FR", pattern=r"^[A-Z]{2}$")),
    ),
    # Identifiers: the EU's PIC is published in its participant register; a VAT number and a
    # SIREN can name a sole trader (France lets them withhold it from the public register),
    # so they stay with the organisation's members and the cluster's staff.
    Exposed(
        "eu_pic",
        _("EU PIC"),
        type=Type.IDENTIFIER,
        aliases=("pic", "participant identification code", "code pic", "pic number", "numero pic"),
        max_length=20,
        merge=Merge.FILL,
        page=Page(Section.IDENTIFIERS, "identifier", value=lambda o: readable_pic(o.eu_pic)),
        api_in=_text_in(20, "EU Participant Identification Code: 9 digits."),
    ),
    Exposed(
        "vat_number",
        _("VAT number"),
        type=Type.IDENTIFIER,
        audience=Audience.MEMBERS,
        aliases=(
            "vat",
            "vat id",
            "vat number",
            "tva",
            "numero de tva",
            "numero tva",
            "tva intracommunautaire",
            "numero de tva intracommunautaire",
        ),
        max_length=30,
        merge=Merge.FILL,
        page=Page(Section.IDENTIFIERS, "identifier", value=lambda o: readable_vat_number(o.vat_number)),
        api_in=_text_in(30, "With its country prefix, e.g. FR40303265045."),
    ),
    Exposed(
        "national_id",
        _("National identifier"),
        type=Type.IDENTIFIER,
        audience=Audience.MEMBERS,
        aliases=(
            "siren",
            "siret",
            "numero siren",
            "numero siret",
            "national id",
            "registration number",
            "company number",
            "company registration number",
        ),
        max_length=40,
        merge=Merge.FILL,
        page=Page(
            Section.IDENTIFIERS,
            "identifier",
            value=lambda o: readable_national_id(o.national_id, o.country),
        ),
        api_in=_text_in(40, "SIREN or SIRET in France; the company number elsewhere."),
    ),
    Exposed(
        "technology_fields",
        _("Technology fields"),
        type=Type.CODES,
        audience=Audience.CHOSEN,
        public_field=PublicField.TECHNOLOGY_FIELDS,
        aliases=(
            "fields",
            "technology field",
            "domaines technologiques",
            "domaine technologique",
            "domaines",
            "thematiques",
            "technologies",
        ),
        merge=Merge.UNION,
        page=Page(
            Section.FACTS, "chips", value=lambda o: [f.name for f in o.technology_fields.all()], always=True
        ),
        api_in=(list[Text(80)], Field(default_factory=list, max_length=100)),
    ),
    Exposed(
        "value_chain_stages",
        _("Value-chain stages"),
        type=Type.CODES,
        audience=Audience.CHOSEN,
        public_field=PublicField.VALUE_CHAIN_STAGES,
        aliases=(
            "value chain",
            "value chain stage",
            "stages",
            "chaine de valeur",
            "etapes de la chaine de valeur",
            "etapes",
        ),
        merge=Merge.UNION,
        page=Page(
            Section.FACTS, "chips", value=lambda o: [s.name for s in o.value_chain_stages.all()], always=True
        ),
        api_in=(list[Text(40)], Field(default_factory=list, max_length=10)),
    ),
    Exposed(
        "tags",
        _("Tags"),
        type=Type.NAMES,
        audience=Audience.CHOSEN,
        public_field=PublicField.TAGS,
        aliases=("tag", "keywords", "mots cles", "mots clefs", "etiquettes"),
        merge=Merge.UNION,
        page=Page(Section.FACTS, "chips", value=lambda o: [t.name for t in o.tags.all()]),
        api_in=(list[Text(60, min_length=1)], Field(default_factory=list, max_length=50)),
    ),
    # The page's header shows the logo; files are neither imported, exported nor sent through the API.
    Exposed("logo", _("Logo"), type=Type.FILE, columns=False, api_out=False),
    Exposed(
        "is_listed",
        _("Listed in the public directory"),
        type=Type.BOOLEAN,
        aliases=("listed", "public", "visible", "publie", "liste", "annuaire public"),
        api_in=(bool, True),
    ),
    # The organisation's choice of what the public sees: its own setting, not a fact to exchange.
    Exposed(
        "public_fields",
        _("Shown in the public directory"),
        type=Type.PUBLIC_FIELDS,
        audience=Audience.STAFF,
        columns=False,
        api_out=False,
        api_in=(list[PublicField] | None, None),
    ),
    # On the cluster's site: cluster staff record arrivals and departures through their own services
    # (`services.record_site_arrival`, `record_site_departure`, the estate's move-in and move-out),
    # not through the organisation's form or its PATCH: the site form and API endpoints are apart.
    Exposed(
        "on_site_since",
        _("On site since"),
        type=Type.DATE,
        audience=Audience.STAFF,
        page=Page(Section.FACTS),
        form=False,
        columns=False,
    ),
    Exposed(
        "left_site_on",
        _("Left the site on"),
        type=Type.DATE,
        audience=Audience.STAFF,
        page=Page(Section.FACTS),
        form=False,
        columns=False,
    ),
    Exposed(
        "left_site_reason",
        _("Reason for leaving the site"),
        audience=Audience.STAFF,
        page=Page(Section.FACTS),
        form=False,
        columns=False,
    ),
    Exposed(
        "source",
        _("Source"),
        aliases=("origine", "provenance"),
        max_length=200,
        merge=Merge.FILL,
        page=Page(Section.FACTS),
    ),
)


# --------------------------------------------------------------------------- the consumers' lists
# Functions, not constants, where a list is read at run time: a field declared in a test shows up.


def by_name() -> dict[str, Exposed]:
    return {f.name: f for f in FIELDS}


def form_fields() -> list[str]:
    return [f.name for f in FIELDS if f.form]


def columns() -> tuple[Exposed, ...]:
    """The imported and exported columns, in the files' order."""
    return tuple(f for f in FIELDS if f.columns)


def api_output() -> tuple[Exposed, ...]:
    return tuple(f for f in FIELDS if f.api_out)


def api_input() -> dict[str, tuple]:
    """{name: (annotation, default)} for the API's input schema; default ... when required."""
    inputs = {}
    for f in FIELDS:
        if f.api_in is not None:
            inputs[f.name] = f.api_in
        elif f.type in (Type.TEXT, Type.IDENTIFIER) and f.form:
            inputs[f.name] = _text_in(f.max_length or 20_000)
        elif f.form and f.type != Type.FILE:
            raise ImproperlyConfigured(f"Declare how the API takes “{f.name}” (Exposed.api_in).")
    # What a creation requires first, then in the declaration's order.
    return dict(sorted(inputs.items(), key=lambda item: item[1][1] is not ...))


def merged(strategy: Merge) -> tuple[str, ...]:
    return tuple(f.name for f in FIELDS if f.merge == strategy)


def many_to_many() -> tuple[str, ...]:
    return tuple(f.name for f in FIELDS if f.type in MANY)


# The many-to-many fields, read often (audit snapshots, prefetches): the model does not change at run time.
MANY_TO_MANY = many_to_many()

EMPTY = (None, "")


def fill_empty(organisation: Organisation, value_of: Callable[[str], Any]) -> dict:
    """The fill-empty fields `organisation` lacks that `value_of(name)` has: {name: value}.

    Sets them on `organisation` too. Never overwrites a value, 0 and False included."""
    changed = {}
    for name in merged(Merge.FILL):
        value = value_of(name)
        if getattr(organisation, name) in EMPTY and value not in EMPTY:
            changed[name] = value
    for name, value in changed.items():
        setattr(organisation, name, value)
    return changed


# --------------------------------------------------------------------------- who reads what


@dataclass(frozen=True)
class Reader:
    """What one user may read of one organisation's fields."""

    audiences: frozenset[Audience]
    organisation: Organisation

    @classmethod
    def of(cls, user, organisation: Organisation) -> "Reader":
        audiences = {Audience.PUBLIC}
        # Who reads staff fields reads member fields (rules.py): the public costs one rule per organisation.
        if user.has_perm("directory.view_member_fields", organisation):
            audiences.add(Audience.MEMBERS)
            if user.has_perm("directory.view_staff_fields", organisation):
                audiences |= {Audience.STAFF, Audience.CHOSEN}
        return cls(frozenset(audiences), organisation)

    @property
    def sees_everything(self) -> bool:
        return Audience.STAFF in self.audiences

    def sees(self, exposed: Exposed) -> bool:
        if exposed.audience in self.audiences:
            return True
        return exposed.audience == Audience.CHOSEN and self.organisation.shows_publicly(exposed.public_field)


# --------------------------------------------------------------------------- values


def _related(organisation: Organisation, name: str):
    return getattr(organisation, name).all()


def api_value(exposed: Exposed, organisation: Organisation):
    """The field's value in the API's output."""
    if exposed.type == Type.CAMPUS:
        campus = getattr(organisation, exposed.name)
        return {"id": campus.pk, "name": campus.name} if campus else None
    if exposed.type == Type.CODES:
        return [o.code for o in _related(organisation, exposed.name)]
    if exposed.type == Type.NAMES:
        return [o.name for o in _related(organisation, exposed.name)]
    return getattr(organisation, exposed.name)


JOIN = "; "


def export_value(exposed: Exposed, organisation: Organisation):
    """The field's cell in an export, as the import reads it back; None for an empty number."""
    if exposed.type == Type.CAMPUS:
        campus = getattr(organisation, exposed.name)
        return campus.name if campus else ""
    if exposed.type == Type.CODES:
        return JOIN.join(o.code for o in _related(organisation, exposed.name))
    if exposed.type == Type.NAMES:
        return JOIN.join(o.name for o in _related(organisation, exposed.name))
    if exposed.type == Type.BOOLEAN:
        return "yes" if getattr(organisation, exposed.name) else "no"
    return getattr(organisation, exposed.name)


def export_prefetch(exposed: Exposed) -> Prefetch:
    """A many-to-many field's values for an export: their code or name only, in the related
    model's order (else by code or name), so that the same data exports the same file."""
    key = "code" if exposed.type == Type.CODES else "name"
    related = exposed.model_field.related_model
    order = tuple(related._meta.ordering) or (key,)
    columns = {key, *(o.lstrip("-") for o in order)}
    return Prefetch(exposed.name, queryset=related.objects.only(*columns).order_by(*order))


@dataclass(frozen=True)
class Row:
    name: str
    label: Any
    display: str
    value: Any  # as shown
    raw: Any  # the stored value (an identifier's, for copying)


@dataclass
class Sections:
    description: list[Row] = field(default_factory=list)
    facts: list[Row] = field(default_factory=list)
    identifiers: list[Row] = field(default_factory=list)


def page_sections(
    organisation: Organisation, reader: Reader, declared: Iterable[Exposed] | None = None
) -> Sections:
    """The rows of the organisation's page that `reader` may read, section by section."""
    sections = Sections()
    for exposed in FIELDS if declared is None else declared:
        page = exposed.page
        if page is None or not reader.sees(exposed):
            continue
        raw = getattr(organisation, exposed.name)
        value = page.value(organisation) if page.value else raw
        if not value and not page.always:
            continue
        row = Row(exposed.name, page.label or exposed.label, page.display, value, raw)
        getattr(sections, page.section.value).append(row)
    return sections
