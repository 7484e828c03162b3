"""The engine's reasons in a person's words, in English and French.

The engine says why it suggests a partner with codes and values (`engine/reasons.py`
documents them); this module turns each into a sentence with gettext. A code this
module does not know yet is shown with the engine's own English words rather than
dropped, so that a new reason never hides a suggestion's explanation.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _names(values: dict, key: str = "names") -> list[str]:
    names = values.get(key) or []
    return [str(name) for name in names if name]


def _listed(items) -> str:
    return ", ".join(str(item) for item in items if item)


def _count(values: dict, key: str, default: int = 0) -> int:
    try:
        return int(values.get(key, default) or 0)
    except (TypeError, ValueError):
        return default


def _shared_partners(values: dict, labels: dict) -> str:
    count = _count(values, "count", len(_names(values)))
    names = _names(values)
    if names:
        return ngettext(
            "%(count)d shared partner, including %(names)s",
            "%(count)d shared partners, including %(names)s",
            count,
        ) % {"count": count, "names": _listed(names[:3])}
    return ngettext("%(count)d shared partner", "%(count)d shared partners", count) % {"count": count}


def _shared_fields(values: dict, labels: dict) -> str:
    fields = [labels.get("field", {}).get(code, code) for code in values.get("fields") or []]
    return _("both in %(fields)s") % {"fields": _listed(fields)}


def _related_fields(values: dict, labels: dict) -> str:
    fields = [labels.get("field", {}).get(code, code) for code in values.get("fields") or []]
    return _("neighbouring fields: %(fields)s") % {"fields": _listed(fields)}


def _stage(values: dict, labels: dict, key: str) -> str:
    code = values.get(key) or ""
    return labels.get("stage", {}).get(code, code)


def _complementary_stages(values: dict, labels: dict) -> str:
    return _("complementary stages of the value chain: %(mine)s, then %(theirs)s") % {
        "mine": _stage(values, labels, "query_stage"),
        "theirs": _stage(values, labels, "candidate_stage"),
    }


def _offers_seeks(values: dict, labels: dict) -> str:
    terms = _listed(values.get("terms") or values.get("matches") or [])
    if terms:
        return _("you seek what it offers: %(terms)s") % {"terms": terms}
    return _("you seek what it offers")


def _seeks_offers(values: dict, labels: dict) -> str:
    terms = _listed(values.get("terms") or values.get("matches") or [])
    if terms:
        return _("it seeks what you offer: %(terms)s") % {"terms": terms}
    return _("it seeks what you offer")


def _same_city(values: dict, labels: dict) -> str:
    return _("also in %(city)s") % {"city": values.get("city", "")}


def _same_country(values: dict, labels: dict) -> str:
    code = values.get("country", "")
    return _("also in %(country)s") % {"country": labels.get("country", {}).get(code, code)}


def _kind(values: dict, labels: dict) -> str:
    code = values.get("kind", "")
    return _("a partner of the kind yours often works with: %(kind)s") % {
        "kind": labels.get("kind", {}).get(code, code)
    }


def _well_connected(values: dict, labels: dict) -> str:
    count = _count(values, "degree", _count(values, "count"))
    return ngettext(
        "well connected: %(count)d partner", "well connected: %(count)d partners", count
    ) % {"count": count}


def _recent(values: dict, labels: dict) -> str:
    return _("active recently (%(year)s)") % {"year": values.get("year", "")}


def _network(values: dict, labels: dict) -> str:
    return _("close in the network of collaborations")


def _similar_text(values: dict, labels: dict) -> str:
    terms = _listed(values.get("terms") or [])
    if terms:
        return _("similar descriptions: %(terms)s") % {"terms": terms}
    return _("similar descriptions")


RENDERERS = {
    "shared_partners": _shared_partners,
    "common_neighbours": _shared_partners,
    "shared_fields": _shared_fields,
    "related_fields": _related_fields,
    "neighbouring_fields": _related_fields,
    "complementary_stages": _complementary_stages,
    "offers_match": _offers_seeks,
    "offers_seeks": _offers_seeks,
    "seeks_offers": _seeks_offers,
    "same_city": _same_city,
    "same_country": _same_country,
    "kind_affinity": _kind,
    "kind": _kind,
    "popular": _well_connected,
    "well_connected": _well_connected,
    "recent": _recent,
    "network_proximity": _network,
    "random_walk": _network,
    "similar_description": _similar_text,
}


def sentence(reason, labels: dict | None = None) -> str:
    """One reason as a sentence in the active language; `labels` gives the names of codes
    (`{"field": {code: name}, "stage": …, "kind": …, "country": …}`)."""
    labels = labels or {}
    render = RENDERERS.get(reason.code)
    if render is not None:
        try:
            return render(dict(reason.values or {}), labels)
        except (KeyError, TypeError, ValueError):
            pass
    from .engine import english

    return english(reason)


def sentences(reasons, labels: dict | None = None) -> list[str]:
    return [text for text in (sentence(reason, labels) for reason in reasons) if text]
