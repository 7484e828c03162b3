"""Eligibility rules: a small set of named rule types with parameters, evaluated by pure
functions on facts taken from the directory (see `facts.applicant_facts`).

A call stores its rules as data, e.g.::

    [{"type": "permanent_position"},
     {"type": "affiliated_with", "params": {"kinds": ["research_lab"]}},
     {"type": "organisation_max_age", "params": {"years": 2}},
     {"type": "declaration", "params": {"key": "phd_france", "text_en": "...", "text_fr": "..."}}]

Each rule answers MET, NOT_MET, UNKNOWN (the directory lacks the data: staff check by
hand) or DECLARATION (the applicant confirms a statement). A proposal cannot be
submitted while a rule is NOT_MET or a declaration is unconfirmed.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formdef.schema import KEY, ORGANISATION_KINDS

MET, NOT_MET, UNKNOWN, DECLARATION = "met", "not_met", "unknown", "declaration"

# Role titles of permanent research positions in France and abroad, compared without
# accents or case. A call may add its own (`params.roles`).
PERMANENT_ROLES = (
    "permanent",
    "tenured",
    "tenure",
    "titulaire",
    "directeur de recherche",
    "directrice de recherche",
    "charge de recherche",
    "chargee de recherche",
    "research director",
    "research scientist (permanent)",
    "maitre de conferences",
    "professeur",
    "professor",
    "ingenieur de recherche",
    "team leader",
    "chef d'equipe",
    "cheffe d'equipe",
)

RULE_LABELS = {
    "permanent_position": gettext_lazy("Holds a permanent position"),
    "affiliated_with": gettext_lazy("Works in an organisation of a given kind"),
    "organisation_kind": gettext_lazy("The applying organisation is of a given kind"),
    "organisation_max_age": gettext_lazy("The applying organisation is younger than a number of years"),
    "declaration": gettext_lazy("A statement the applicant confirms"),
}


@dataclass(frozen=True)
class AffiliationFact:
    organisation_id: int
    organisation_name: str
    organisation_kind: str
    role: str
    start: date | None = None
    end: date | None = None

    def current(self, today: date) -> bool:
        return (self.start is None or self.start <= today) and (self.end is None or self.end >= today)


@dataclass(frozen=True)
class OrganisationFact:
    id: int
    name: str
    kind: str
    founded_year: int | None


@dataclass(frozen=True)
class Facts:
    today: date
    known_in_directory: bool
    affiliations: tuple[AffiliationFact, ...] = ()
    organisation: OrganisationFact | None = None
    declarations: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Result:
    type: str
    status: str
    message: str
    key: str = ""  # a declaration's key

    def as_dict(self) -> dict:
        return {"type": self.type, "status": self.status, "message": self.message, "key": self.key}


def plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").replace("\u2019", "'"))
    return re.sub(r"\s+", " ", text.encode("ascii", "ignore").decode().lower()).strip()


# ------------------------------------------------------------------- validation


def clean_rules(rules) -> list[dict]:
    """The rules with their parameters checked; raises ValueError with every problem."""
    errors, cleaned, declared = [], [], set()
    if not isinstance(rules, list) or len(rules) > 20:
        raise ValueError([_("Eligibility rules must be a list of at most 20 rules.")])
    for index, rule in enumerate(rules):
        where = f"eligibility[{index}]"
        if (
            not isinstance(rule, dict)
            or rule.get("type") not in RULE_LABELS
            or set(rule) - {"type", "params"}
        ):
            errors.append(
                _("%(path)s: must name a type among: %(types)s")
                % {"path": where, "types": ", ".join(RULE_LABELS)}
            )
            continue
        params = rule.get("params") or {}
        if not isinstance(params, dict):
            errors.append(_("%(path)s.params: must be an object") % {"path": where})
            continue
        problem, params = _clean_params(rule["type"], params)
        if problem:
            errors.append(f"{where}.params: {problem}")
            continue
        if rule["type"] == "declaration":
            if params["key"] in declared:
                errors.append(
                    _("%(path)s.params.key: repeats %(value)s") % {"path": where, "value": params["key"]}
                )
            declared.add(params["key"])
        cleaned.append({"type": rule["type"], "params": params})
    if errors:
        raise ValueError(errors)
    return cleaned


def _kinds(params) -> list[str] | None:
    kinds = params.get("kinds")
    if not isinstance(kinds, list) or not kinds or any(k not in ORGANISATION_KINDS for k in kinds):
        return None
    return list(dict.fromkeys(kinds))


def _clean_params(kind: str, params: dict) -> tuple[str, dict]:
    allowed = {
        "permanent_position": {"roles"},
        "affiliated_with": {"kinds"},
        "organisation_kind": {"kinds"},
        "organisation_max_age": {"years"},
        "declaration": {"key", "text_en", "text_fr"},
    }[kind]
    unknown = set(params) - allowed
    if unknown:
        return _("unknown parameter(s): %(names)s") % {"names": ", ".join(sorted(map(str, unknown)))}, {}
    if kind == "permanent_position":
        roles = params.get("roles", [])
        if not isinstance(roles, list) or any(
            not isinstance(r, str) or not 0 < len(r) <= 80 or "\x00" in r for r in roles
        ):
            return _("roles must be a list of role titles"), {}
        return "", {"roles": roles} if roles else {}
    if kind in ("affiliated_with", "organisation_kind"):
        kinds = _kinds(params)
        if kinds is None:
            return _("kinds must list organisation kinds among: %(kinds)s") % {
                "kinds": ", ".join(ORGANISATION_KINDS)
            }, {}
        return "", {"kinds": kinds}
    if kind == "organisation_max_age":
        years = params.get("years")
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 100:
            return _("years must be a whole number from 1 to 100"), {}
        return "", {"years": years}
    key = params.get("key")
    texts = [params.get("text_en"), params.get("text_fr")]
    if not isinstance(key, str) or not KEY.match(key):
        return _("key must be lower-case letters, digits or _"), {}
    if any(not isinstance(t, str) or not t.strip() or len(t) > 500 or "\x00" in t for t in texts):
        return _("text_en and text_fr are required (at most 500 characters)"), {}
    return "", {"key": key, "text_en": texts[0].strip(), "text_fr": texts[1].strip()}


# ------------------------------------------------------------------- evaluation


def _permanent(params, facts: Facts) -> Result:
    if not facts.known_in_directory:
        return Result(
            "permanent_position",
            UNKNOWN,
            _("You are not in the directory yet: staff will check your position."),
        )
    words = [plain(w) for w in (*PERMANENT_ROLES, *params.get("roles", []))]
    current = [a for a in facts.affiliations if a.current(facts.today)]
    for affiliation in current:
        role = plain(affiliation.role)
        if any(word in role for word in words):
            return Result(
                "permanent_position",
                MET,
                _("Permanent position: %(role)s, %(organisation)s.")
                % {"role": affiliation.role, "organisation": affiliation.organisation_name},
            )
    return Result(
        "permanent_position",
        NOT_MET,
        _("The directory shows no permanent position among your current roles (%(roles)s).")
        % {"roles": "; ".join(f"{a.role}, {a.organisation_name}" for a in current) or _("none")},
    )


def _affiliated(params, facts: Facts) -> Result:
    if not facts.known_in_directory:
        return Result(
            "affiliated_with",
            UNKNOWN,
            _("You are not in the directory yet: staff will check your affiliation."),
        )
    for affiliation in facts.affiliations:
        if affiliation.current(facts.today) and affiliation.organisation_kind in params["kinds"]:
            return Result(
                "affiliated_with",
                MET,
                _("You work at %(organisation)s.") % {"organisation": affiliation.organisation_name},
            )
    return Result(
        "affiliated_with",
        NOT_MET,
        _("The directory shows no current role of yours in an organisation of the required kind."),
    )


def _organisation_kind(params, facts: Facts) -> Result:
    organisation = facts.organisation
    if organisation is None:
        return Result("organisation_kind", UNKNOWN, _("Choose the applying organisation to check this rule."))
    if organisation.kind in params["kinds"]:
        return Result(
            "organisation_kind",
            MET,
            _("%(organisation)s is of an accepted kind.") % {"organisation": organisation.name},
        )
    return Result(
        "organisation_kind",
        NOT_MET,
        _("%(organisation)s is not of an accepted kind.") % {"organisation": organisation.name},
    )


def _max_age(params, facts: Facts) -> Result:
    organisation = facts.organisation
    if organisation is None:
        return Result(
            "organisation_max_age", UNKNOWN, _("Choose the applying organisation to check this rule.")
        )
    if organisation.founded_year is None:
        return Result(
            "organisation_max_age",
            UNKNOWN,
            _("The directory does not know when %(organisation)s was founded: staff will check.")
            % {"organisation": organisation.name},
        )
    # Only the year is known: a company founded within the last `years` calendar years qualifies.
    age = facts.today.year - organisation.founded_year
    values = {"organisation": organisation.name, "year": organisation.founded_year, "years": params["years"]}
    if age < params["years"]:
        return Result("organisation_max_age", MET, _("%(organisation)s was founded in %(year)s.") % values)
    return Result(
        "organisation_max_age",
        NOT_MET,
        _("%(organisation)s was founded in %(year)s: it must be under %(years)s years old.") % values,
    )


def _declaration(params, facts: Facts) -> Result:
    text = params["text_fr"] if _language() == "fr" else params["text_en"]
    status = MET if params["key"] in facts.declarations else DECLARATION
    return Result("declaration", status, text, key=params["key"])


def _language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "en")[:2]


EVALUATORS = {
    "permanent_position": _permanent,
    "affiliated_with": _affiliated,
    "organisation_kind": _organisation_kind,
    "organisation_max_age": _max_age,
    "declaration": _declaration,
}


def evaluate(rules: list[dict], facts: Facts) -> list[Result]:
    return [EVALUATORS[rule["type"]](rule.get("params") or {}, facts) for rule in rules]


def blocking(results: list[Result]) -> list[Result]:
    """The results that stop a submission: a rule not met, a statement not confirmed."""
    return [r for r in results if r.status in (NOT_MET, DECLARATION)]


def unmet(results: list[Result]) -> list[Result]:
    """The rules the directory shows unmet: who is shown "not eligible" may not start nor submit."""
    return [r for r in results if r.status == NOT_MET]


def explained(result: Result) -> str:
    """A result's message after the criterion it answers ("Holds a permanent position: ...")."""
    if result.status != NOT_MET:
        return result.message
    return _("%(criterion)s: %(reason)s") % {"criterion": RULE_LABELS[result.type], "reason": result.message}


def declaration_keys(rules: list[dict]) -> set[str]:
    return {rule["params"]["key"] for rule in rules if rule["type"] == "declaration"}
