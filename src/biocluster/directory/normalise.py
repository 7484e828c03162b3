"""Keys used to spot the same organisation entered twice."""

import re
import unicodedata
from urllib.parse import urlsplit

LEGAL_FORMS = {"sa", "sas", "sasu", "sarl", "gmbh", "ltd", "inc", "llc", "bv", "ag", "plc", "gie", "gip"}


def folded(text: str | None) -> str | None:
    """`text` without its accents ("Généthon" → "Genethon"); None stays None."""
    if text is None:
        return None
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in LEGAL_FORMS]
    return " ".join(words)[:200]


def _person_part(text: str) -> str:
    text = (text or "").replace("\u2019", "'")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if not plain.strip():  # a name in another script: compared as written, case aside
        plain = unicodedata.normalize("NFKC", text)
    return re.sub(r"[-' \s]+", " ", plain.casefold()).strip()


def person_words(text: str) -> list[str]:
    """The words of a search for people, as `person_key` writes names: "Dupré-Martin" is
    ["dupre", "martin"]."""
    return _person_part(text).split()


def person_key(first_name: str, last_name: str) -> str:
    """A person's names as the conflict-of-interest check compares them: without accents, case,
    hyphens or apostrophes ("Hélène Dupré-Martin" is "helene dupre martin"); a tab between them,
    which no part holds, so that "Jean Pierre" + "Martin" is not "Jean" + "Pierre Martin"."""
    return f"{_person_part(first_name)}\t{_person_part(last_name)}"[:210]


def email_key(address: str | None) -> str:
    """An address as logins and people are matched on: case folded in every script ("ÉLODIE@…"
    is "élodie@…"), which SQLite's lower() does for ASCII letters only."""
    return (address or "").strip().casefold()[:320]


def website_domain(url: str) -> str:
    if not url:
        return ""
    if "//" not in url:
        url = "//" + url
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")[:200]


# Identifiers are compared and stored without the spaces, dots and dashes people type in them.
IDENTIFIER_NOISE = re.compile(r"[\s.\-/]+")


def identifier(text: str) -> str:
    return IDENTIFIER_NOISE.sub("", text or "").upper()
