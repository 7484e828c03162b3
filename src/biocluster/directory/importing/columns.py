"""The importable columns, their headers and the words that name them.

The export writes exactly these columns under these headers (the field codes,
which do not depend on the language), so an exported file re-imports as is.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from biocluster.core import spreadsheets


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    # Other headers people use for it, in English and French; compared after `header_key`.
    aliases: tuple[str, ...] = ()
    required: bool = False
    max_length: int | None = None


COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        _("Name"),
        (
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
    ),
    Column(
        "acronym",
        _("Acronym"),
        ("sigle", "acronyme", "short name", "nom court", "abbreviation"),
        max_length=200,
    ),
    Column(
        "kind",
        _("Kind"),
        ("type", "kind of organisation", "type d organisation", "categorie", "category", "nature"),
        required=True,
    ),
    Column(
        "description_en",
        _("Description (English)"),
        (
            "description",
            "description english",
            "description anglais",
            "description en anglais",
            "english description",
            "description en",
        ),
    ),
    Column(
        "description_fr",
        _("Description (French)"),
        (
            "description french",
            "description francais",
            "description en francais",
            "french description",
            "description fr",
            "presentation",
        ),
    ),
    Column(
        "website",
        _("Website"),
        ("web site", "site web", "site internet", "site", "url", "web", "internet"),
        max_length=200,
    ),
    Column(
        "founded_year",
        _("Founding year"),
        (
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
    ),
    Column(
        "headcount",
        _("Headcount"),
        (
            "employees",
            "staff",
            "effectif",
            "effectifs",
            "salaries",
            "nombre de salaries",
            "number of employees",
        ),
    ),
    Column("campus", _("Campus"), ("site genopole", "implantation")),
    Column("address", _("Address"), ("adresse", "street", "rue"), max_length=255),
    Column("city", _("City"), ("ville", "town", "commune", "localite"), max_length=120),
    Column("country", _("Country"), ("pays", "country code", "code pays")),
    Column(
        "eu_pic",
        _("EU PIC"),
        ("pic", "participant identification code", "code pic", "pic number", "numero pic"),
        max_length=20,
    ),
    Column(
        "vat_number",
        _("VAT number"),
        (
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
    ),
    Column(
        "national_id",
        _("National identifier"),
        (
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
    ),
    Column(
        "technology_fields",
        _("Technology fields"),
        (
            "fields",
            "technology field",
            "domaines technologiques",
            "domaine technologique",
            "domaines",
            "thematiques",
            "technologies",
        ),
    ),
    Column(
        "value_chain_stages",
        _("Value-chain stages"),
        (
            "value chain",
            "value chain stage",
            "stages",
            "chaine de valeur",
            "etapes de la chaine de valeur",
            "etapes",
        ),
    ),
    Column("tags", _("Tags"), ("tag", "keywords", "mots cles", "mots clefs", "etiquettes")),
    Column(
        "is_listed",
        _("Listed in the public directory"),
        ("listed", "public", "visible", "publie", "liste", "annuaire public"),
    ),
    Column("source", _("Source"), ("origine", "provenance"), max_length=200),
)

BY_CODE = {column.code: column for column in COLUMNS}
CODES = tuple(column.code for column in COLUMNS)
MULTI_VALUED = ("technology_fields", "value_chain_stages", "tags")

# Several values in one cell: "genomics; proteomics" or "genomics|proteomics".
SEPARATOR = re.compile(r"\s*[;|]\s*")
TRUE_WORDS = frozenset({"yes", "true", "1", "oui", "vrai", "y", "o", "x"})
FALSE_WORDS = frozenset({"no", "false", "0", "non", "faux", "n"})
# Exports prefix a quote to cells a spreadsheet would run as a formula (CSV
# injection, core.spreadsheets); the import removes it again so that a round trip is lossless.
FORMULA_START = spreadsheets.FORMULA_START


def header_key(text: str) -> str:
    """Compare headers and labels without case, accents or punctuation: "Site Web" = "site-web"."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return " ".join(re.split(r"[^a-z0-9]+", text)).strip()


def split_values(text: str) -> list[str]:
    return [value for value in SEPARATOR.split(text.strip()) if value]


# Names of the kinds beyond their codes and labels: French words, and common variants,
# so that a file written in French imports even before the interface is translated.
KIND_ALIASES = {
    "startup": ("start up", "jeune pousse", "jeune entreprise"),
    "sme": ("pme", "petite et moyenne entreprise", "small and medium enterprise"),
    "large_company": ("grande entreprise", "grand groupe", "groupe", "large enterprise", "corporate"),
    "research_lab": ("laboratoire", "laboratoire de recherche", "labo", "lab", "research laboratory"),
    "research_organisation": ("organisme de recherche", "research organization", "research institute"),
    "platform": ("plateforme", "plateforme technologique", "technology platform", "core facility"),
    "university": ("universite", "ecole", "school", "grande ecole"),
    "hospital": ("hopital", "chu", "centre hospitalier"),
    "investor": ("investisseur", "fonds", "fund", "venture capital"),
    "funder": ("financeur", "bailleur"),
    "public_body": ("organisme public", "collectivite", "administration", "public authority"),
    "cluster": ("pole", "pole de competitivite", "biocluster"),
    "network": ("reseau", "association"),
    "other": ("autre",),
}
