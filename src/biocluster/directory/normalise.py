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
