"""The importable columns, their headers and the words that name them.

The columns, their labels and the other headers people use for them (English
and French) are declared with the organisation's fields (`directory/fields.py`).
The export writes exactly these columns under these headers (the field codes,
which do not depend on the language), so an exported file re-imports as is.
"""

import re
import unicodedata

from biocluster.core import spreadsheets

from .. import fields
from ..fields import Exposed


def columns() -> tuple[Exposed, ...]:
    """The importable columns: a column's `code`, `label`, `aliases`, `required` and `max_length`."""
    return fields.columns()


def by_code() -> dict[str, Exposed]:
    return {column.code: column for column in columns()}


def codes() -> tuple[str, ...]:
    return tuple(column.code for column in columns())


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
