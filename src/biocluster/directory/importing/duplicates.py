"""Likely duplicates: the same identifier, the same name in the same country, or the same website.

Identifiers decide first: the same EU PIC, VAT number, or national identifier in
the same country is the same organisation, whatever its name. A name alone is
not enough: the same name in two countries is two organisations (France's INRA
and Morocco's INRA), so names are compared together with the country. A name or
website match is dismissed when both sides hold the same kind of identifier
with different values: they are two organisations that happen to share a name.

A row is compared with the organisations already in the directory, then with
the rows above it in the same file. The keys are those the directory keeps on
each organisation (`normalise.name_key`, `normalise.website_domain`, the
normalised identifiers), loaded once into dictionaries: one query for the whole file.
"""

from dataclasses import dataclass

from ..models import Organisation
from ..normalise import identifier, name_key, website_domain

NAME, WEBSITE = "name", "website"
PIC, VAT, NATIONAL = "eu_pic", "vat_number", "national_id"
REASONS = (PIC, VAT, NATIONAL, NAME, WEBSITE)
DEFAULT_COUNTRY = Organisation._meta.get_field("country").default
# Hosts shared by unrelated organisations: a common page there says nothing.
SHARED_DOMAINS = frozenset(
    {
        "linkedin.com",
        "fr.linkedin.com",
        "facebook.com",
        "twitter.com",
        "x.com",
        "instagram.com",
        "youtube.com",
        "google.com",
        "sites.google.com",
        "github.com",
        "wordpress.com",
        "wixsite.com",
        "societe.com",
        "pappers.fr",
    }
)


@dataclass(frozen=True, slots=True)
class Keys:
    """What a row or an organisation is recognised by."""

    name: str
    country: str
    domain: str
    pic: str
    vat: str
    national: str

    @classmethod
    def of(cls, values: dict) -> "Keys":
        return cls(
            name=name_key(values.get("name", "")),
            country=values.get("country") or DEFAULT_COUNTRY,
            domain=website_domain(values.get("website", "")),
            pic=identifier(values.get("eu_pic", "")),
            vat=identifier(values.get("vat_number", "")),
            national=identifier(values.get("national_id", "")),
        )

    def conflicts_with(self, other: "Keys") -> bool:
        """Both hold the same kind of identifier, with different values: two organisations."""
        return any(
            mine and theirs and mine != theirs
            for mine, theirs in (
                (self.pic, other.pic),
                (self.vat, other.vat),
                (self.national, other.national),
            )
        )


@dataclass(frozen=True)
class Match:
    reason: str  # one of REASONS
    name: str  # the name of what the row matches
    organisation_id: int | None = None  # an organisation in the directory…
    row: int | None = None  # …or a row above in the same file

    def as_report(self, *, number: int, row_name: str) -> dict:
        return {
            "row": number,
            "name": row_name,
            "reason": self.reason,
            "existing_id": self.organisation_id,
            "existing_name": self.name if self.organisation_id else "",
            "same_as_row": self.row,
            "same_as_name": self.name if self.row else "",
        }


class _Index:
    """Keys → (id or row number, name, keys); the first one entered wins."""

    def __init__(self):
        self.by: dict[str, dict] = {reason: {} for reason in REASONS}

    def add(self, ref: int, name: str, keys: Keys) -> None:
        entry = (ref, name, keys)
        for reason, key in self._keys(keys):
            self.by[reason].setdefault(key, entry)

    @staticmethod
    def _keys(keys: Keys):
        if keys.pic:
            yield PIC, keys.pic
        if keys.vat:
            yield VAT, keys.vat
        if keys.national:
            yield NATIONAL, (keys.country, keys.national)
        if keys.name:
            yield NAME, (keys.country, keys.name)
        if _usable(keys.domain):
            yield WEBSITE, keys.domain

    def find(self, keys: Keys):
        for reason, key in self._keys(keys):
            entry = self.by[reason].get(key)
            if entry is None:
                continue
            if reason in (NAME, WEBSITE) and keys.conflicts_with(entry[2]):
                continue
            return reason, entry
        return None


class DuplicateFinder:
    def __init__(self, existing=()):
        self._existing = _Index()
        self._rows = _Index()
        for pk, name, key, domain, country, pic, vat, national in existing:
            self._existing.add(pk, name, Keys(key, country, domain, pic, vat, national))

    @classmethod
    def from_database(cls) -> "DuplicateFinder":
        rows = Organisation.objects.order_by("pk").values_list(
            "pk", "name", "name_key", "website_domain", "country", "eu_pic", "vat_number", "national_id"
        )
        return cls(rows.iterator(chunk_size=5000))

    def find(self, keys: Keys) -> Match | None:
        found = self._existing.find(keys)
        if found is not None:
            reason, (pk, name, _keys) = found
            return Match(reason, name, organisation_id=pk)
        found = self._rows.find(keys)
        if found is not None:
            reason, (row, name, _keys) = found
            return Match(reason, name, row=row)
        return None

    def remember(self, *, row: int, name: str, keys: Keys) -> None:
        """Later rows with the same keys are duplicates of this one (first row wins)."""
        self._rows.add(row, name, keys)


def _usable(domain: str) -> bool:
    return bool(domain) and domain not in SHARED_DOMAINS
