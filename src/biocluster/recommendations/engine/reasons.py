"""The reason codes a suggestion carries, their values, and their English sentence.

Every `Reason(code, values)` the engine produces has one of these codes; the values are
plain JSON (str, int, list of str), so the app can store them and translate each code itself.

- ``shared_partners``: {"count": int, "names": [str, ...]}: the query and the candidate have
  `count` partners in common (distinct organisations linked to both); `names` lists up to three
  of them, the closest first (strongest, most recent links).
- ``same_city``: {"city": str}: both are in this city.
- ``same_country``: {"country": str}: both are in this country (given only when not the same city).
- ``shared_fields``: {"fields": [str, ...]}: technology fields both have.
- ``offers_sought``: {"items": [str, ...]}: the candidate offers what the query seeks.
- ``seeks_offered``: {"items": [str, ...]}: the candidate seeks what the query offers.
- ``complementary_stage``: {"stage": str, "query_stage": str}: the candidate works at another
  value-chain stage than the query.
- ``active``: {"partners": int, "recent_links": int, "since": int | None}: the candidate has
  `partners` distinct partners, and `recent_links` links dated `since` or later
  (`since` is None when the links carry no year; then `recent_links` counts all its links).
"""

from __future__ import annotations

from .types import Reason

CODES = (
    "shared_partners",
    "same_city",
    "same_country",
    "shared_fields",
    "offers_sought",
    "seeks_offered",
    "complementary_stage",
    "active",
)


def _names(names: list[str]) -> str:
    return ", ".join(names)


def english(reason: Reason) -> str:
    """The reason in English words, as the command line prints it."""
    v = reason.values
    code = reason.code
    if code == "shared_partners":
        count = v["count"]
        text = f"{count} shared partner" + ("" if count == 1 else "s")
        if v.get("names"):
            text += (", including " if count > len(v["names"]) else ": ") + _names(v["names"])
        return text
    if code == "same_city":
        return f"both in {v['city']}"
    if code == "same_country":
        return f"both in {v['country']}"
    if code == "shared_fields":
        return "both in " + _names(v["fields"])
    if code == "offers_sought":
        return "offers what you seek: " + _names(v["items"])
    if code == "seeks_offered":
        return "seeks what you offer: " + _names(v["items"])
    if code == "complementary_stage":
        return f"complementary value-chain stage: {v['stage']} (yours: {v['query_stage']})"
    if code == "active":
        partners = v["partners"]
        text = f"{partners} partner" + ("" if partners == 1 else "s")
        if v.get("since") is not None:
            recent = v["recent_links"]
            if not recent:  # partners, but none lately: not called active
                return text + f", no link since {v['since']}"
            text += f", {recent} link" + ("" if recent == 1 else "s") + f" since {v['since']}"
        return "active: " + text
    return code
