"""Likely duplicates: same normalised name or same website domain.

A row is compared with the organisations already in the directory, then with
the rows above it in the same file. The keys are those the directory keeps on
each organisation (`normalise.name_key`, `normalise.website_domain`), loaded
once into dictionaries: one query for the whole file.
"""

from dataclasses import dataclass

from ..models import Organisation

NAME, WEBSITE = "name", "website"
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


@dataclass(frozen=True)
class Match:
    reason: str  # NAME or WEBSITE
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


class DuplicateFinder:
    def __init__(self, existing=()):
        self._names: dict[str, tuple[int, str]] = {}
        self._domains: dict[str, tuple[int, str]] = {}
        # Tuples of strings and integers only: the garbage collector stops tracking them.
        self._row_names: dict[str, tuple[int, str]] = {}
        self._row_domains: dict[str, tuple[int, str]] = {}
        for pk, name, key, domain in existing:
            if key:
                self._names.setdefault(key, (pk, name))
            if _usable(domain):
                self._domains.setdefault(domain, (pk, name))

    @classmethod
    def from_database(cls) -> "DuplicateFinder":
        rows = Organisation.objects.order_by("pk").values_list("pk", "name", "name_key", "website_domain")
        return cls(rows.iterator(chunk_size=5000))

    def find(self, key: str, domain: str) -> Match | None:
        if key and key in self._names:
            pk, name = self._names[key]
            return Match(NAME, name, organisation_id=pk)
        if _usable(domain) and domain in self._domains:
            pk, name = self._domains[domain]
            return Match(WEBSITE, name, organisation_id=pk)
        if key and key in self._row_names:
            row, name = self._row_names[key]
            return Match(NAME, name, row=row)
        if _usable(domain) and domain in self._row_domains:
            row, name = self._row_domains[domain]
            return Match(WEBSITE, name, row=row)
        return None

    def remember(self, *, row: int, name: str, key: str, domain: str) -> None:
        """Later rows with the same key are duplicates of this one (first row wins)."""
        if key:
            self._row_names.setdefault(key, (row, name))
        if _usable(domain):
            self._row_domains.setdefault(domain, (row, name))


def _usable(domain: str) -> bool:
    return bool(domain) and domain not in SHARED_DOMAINS
