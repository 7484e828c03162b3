"""The engine's reasons in a person's words, in English and French.

The engine says why it suggests a partner with codes and values (`engine/reasons.py`
documents them); this module turns each into a sentence with gettext. A code this
module does not know yet is shown with the engine's own English words rather than
dropped, so that a new reason never hides a suggestion's explanation.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


def _listed(items) -> str:
    return ", ".join(str(item) for item in items if item)


def _shared_partners(values: dict, labels: dict) -> str:
    count = int(values["count"])
    names = [str(name) for name in values.get("names") or [] if name]
    if names and count > len(names):
        return ngettext(
            "%(count)d shared partner, including %(names)s",
            "%(count)d shared partners, including %(names)s",
            count,
        ) % {"count": count, "names": _listed(names)}
    if names:
        return ngettext(
            "%(count)d shared partner: %(names)s", "%(count)d shared partners: %(names)s", count
        ) % {"count": count, "names": _listed(names)}
    return ngettext("%(count)d shared partner", "%(count)d shared partners", count) % {"count": count}


def _same_city(values: dict, labels: dict) -> str:
    return _("both in %(place)s") % {"place": values["city"]}


def _same_country(values: dict, labels: dict) -> str:
    code = values["country"]
    return _("both in the same country (%(country)s)") % {
        "country": labels.get("country", {}).get(code, code)
    }


def _shared_fields(values: dict, labels: dict) -> str:
    names = labels.get("field", {})
    return _("both in %(fields)s") % {"fields": _listed(names.get(code, code) for code in values["fields"])}


def _offers_sought(values: dict, labels: dict) -> str:
    return _("offers what you seek: %(items)s") % {"items": _listed(values["items"])}


def _seeks_offered(values: dict, labels: dict) -> str:
    return _("seeks what you offer: %(items)s") % {"items": _listed(values["items"])}


def _complementary_stage(values: dict, labels: dict) -> str:
    names = labels.get("stage", {})
    return _("a complementary stage of the value chain: %(stage)s (yours: %(mine)s)") % {
        "stage": names.get(values["stage"], values["stage"]),
        "mine": names.get(values["query_stage"], values["query_stage"]),
    }


def _active(values: dict, labels: dict) -> str:
    partners = int(values["partners"])
    if values.get("since") is not None and not int(values["recent_links"]):
        # Partners, but none lately: not called active.
        return ngettext(
            "%(count)d partner, no link since %(year)s",
            "%(count)d partners, no link since %(year)s",
            partners,
        ) % {"count": partners, "year": values["since"]}
    text = ngettext("active: %(count)d partner", "active: %(count)d partners", partners) % {"count": partners}
    if values.get("since") is not None:
        recent = int(values["recent_links"])
        text += ngettext(", %(count)d link since %(year)s", ", %(count)d links since %(year)s", recent) % {
            "count": recent,
            "year": values["since"],
        }
    return text


RENDERERS = {
    "shared_partners": _shared_partners,
    "same_city": _same_city,
    "same_country": _same_country,
    "shared_fields": _shared_fields,
    "offers_sought": _offers_sought,
    "seeks_offered": _seeks_offered,
    "complementary_stage": _complementary_stage,
    "active": _active,
}


def sentence(reason, labels: dict | None = None) -> str:
    """One reason as a sentence in the active language; `labels` gives the names of codes
    (`{"field": {code: name}, "stage": {code: name}, "country": {code: name}}`)."""
    render = RENDERERS.get(reason.code)
    if render is not None:
        try:
            return render(dict(reason.values or {}), labels or {})
        except (KeyError, TypeError, ValueError):
            pass
    from .engine import english

    return english(reason)


def sentences(reasons, labels: dict | None = None) -> list[str]:
    return [text for text in (sentence(reason, labels) for reason in reasons) if text]


# The engine's signals (engine/features.py NAMES), as the model's page names them.
SIGNALS = {
    "common neighbours": gettext_lazy("shared partners"),
    "Adamic-Adar": gettext_lazy("shared partners, the less connected counting more (Adamic-Adar)"),
    "resource allocation": gettext_lazy(
        "shared partners, the less connected counting more (resource allocation)"
    ),
    "weighted resource allocation": gettext_lazy("shared partners, recent and repeated links counting more"),
    "personalised PageRank": gettext_lazy("closeness in the network (a random walk from the organisation)"),
    "candidate partners": gettext_lazy("the candidate's number of partners"),
    "candidate recent links": gettext_lazy("the candidate's links of the last three years"),
    "candidate years since last link": gettext_lazy("years since the candidate's last link"),
    "query partners x candidate partners": gettext_lazy(
        "both organisations' numbers of partners, multiplied"
    ),
    "same country": gettext_lazy("same country"),
    "same city": gettext_lazy("same city"),
    "kind affinity": gettext_lazy("how often their two kinds work together"),
    "country affinity": gettext_lazy("how often their two countries work together"),
    "shared fields": gettext_lazy("shared technology fields"),
    "offers and seeks": gettext_lazy("one offers what the other seeks"),
    "complementary stage": gettext_lazy("another stage of the value chain"),
    "project resource allocation": gettext_lazy("shared partners through projects"),
    "project PageRank": gettext_lazy("closeness through projects (a random walk)"),
    "candidate recent projects": gettext_lazy("the candidate's projects of the last three years"),
    "latent themes": gettext_lazy("the same kinds of consortia (themes inferred from the links)"),
    "long random walk": gettext_lazy("closeness in the network (a longer random walk, ten steps)"),
    "shared words": gettext_lazy(
        "the candidate's name and description share words with the organisation's and its partners'"
    ),
}


def weighed_signals(learnt: dict) -> list[tuple[str, float]]:
    """The signals the model weighs, largest weight first, named for a person: the learnt
    weights, or the engine's fixed ones (too little history, or learning that did not beat them)."""
    from .engine.recommender import DEFAULT_WEIGHTS

    weights = learnt.get("weights") if learnt else None
    if not weights:
        weights = {name: value for name, value in DEFAULT_WEIGHTS.items() if value}
    rows = [(str(SIGNALS.get(name, name)), float(value)) for name, value in weights.items()]
    return sorted(rows, key=lambda row: (-abs(row[1]), row[0]))


# The rankings the model's page measures (engine/evaluate.py: the method and its baselines).
MEASURED = {
    "method": gettext_lazy("this recommender"),
    "popularity": gettext_lazy("the most partners first (popularity)"),
    "common neighbours": gettext_lazy("the most shared partners first (common neighbours)"),
    "Adamic-Adar": SIGNALS["Adamic-Adar"],
    "personalised PageRank": SIGNALS["personalised PageRank"],
}
