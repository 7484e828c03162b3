"""A call's scoring rubric and a reviewer's scores against it. Pure.

{"scale": {"min": 0, "max": 5},
 "criteria": [{"key": "excellence", "label_en": "...", "label_fr": "...",
               "help_en": "", "help_fr": "", "weight": 2}]}
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .formdef.schema import KEY, MAX_HELP, MAX_LABEL

MAX_CRITERIA = 20


def clean_rubric(data) -> dict:
    errors: list[str] = []
    if not isinstance(data, dict) or set(data) - {"scale", "criteria"}:
        raise ValueError([_("The rubric must be an object with a scale and criteria.")])
    scale = data.get("scale") or {}
    low, high = scale.get("min", 0), scale.get("max", 5)
    if (
        not isinstance(scale, dict)
        or set(scale) - {"min", "max"}
        or any(isinstance(v, bool) or not isinstance(v, int) for v in (low, high))
        or not 0 <= low < high <= 100
    ):
        errors.append(_("rubric.scale: min and max must be whole numbers with 0 ≤ min < max ≤ 100"))
        low, high = 0, 5
    criteria = data.get("criteria", [])
    if not isinstance(criteria, list) or len(criteria) > MAX_CRITERIA:
        raise ValueError(
            [
                *errors,
                _("rubric.criteria: must be a list of at most %(limit)s criteria") % {"limit": MAX_CRITERIA},
            ]
        )
    cleaned, keys = [], set()
    for index, item in enumerate(criteria):
        where = f"rubric.criteria[{index}]"
        if not isinstance(item, dict) or set(item) - {
            "key",
            "label_en",
            "label_fr",
            "help_en",
            "help_fr",
            "weight",
        }:
            errors.append(
                _("%(path)s: must have key, label_en, label_fr, weight (and help_en, help_fr)")
                % {"path": where}
            )
            continue
        key = item.get("key")
        if not isinstance(key, str) or not KEY.match(key) or key in keys:
            errors.append(
                _("%(path)s.key: must be a new key of lower-case letters, digits or _") % {"path": where}
            )
            continue
        keys.add(key)
        weight = item.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 100:
            errors.append(
                _("%(path)s.weight: must be a number more than 0 and at most 100") % {"path": where}
            )
            continue
        texts = {}
        for name, required, limit in (
            ("label_en", True, MAX_LABEL),
            ("label_fr", True, MAX_LABEL),
            ("help_en", False, MAX_HELP),
            ("help_fr", False, MAX_HELP),
        ):
            value = item.get(name, "") or ""
            if (
                not isinstance(value, str)
                or len(value) > limit
                or (required and not value.strip())
                or "\x00" in value
            ):
                errors.append(
                    _("%(path)s.%(name)s: required text of at most %(limit)s characters")
                    % {"path": where, "name": name, "limit": limit}
                    if required
                    else _("%(path)s.%(name)s: text of at most %(limit)s characters")
                    % {"path": where, "name": name, "limit": limit}
                )
                value = ""
            texts[name] = value.strip()
        cleaned.append({"key": key, **texts, "weight": weight})
    if errors:
        raise ValueError(errors)
    return {"scale": {"min": low, "max": high}, "criteria": cleaned}


def clean_scores(rubric: dict, scores, *, complete: bool) -> dict[str, int]:
    """Scores keyed by criterion; raises ValueError({criterion: message}) on any problem."""
    criteria = {c["key"] for c in rubric["criteria"]}
    low, high = rubric["scale"]["min"], rubric["scale"]["max"]
    errors: dict[str, str] = {}
    if not isinstance(scores, dict):
        raise ValueError({"scores": _("Scores must be an object keyed by criterion.")})
    for key in scores:
        if key not in criteria:
            errors[str(key)[:60]] = _("This is not a criterion of the rubric.")
    cleaned = {}
    for key in criteria:
        value = scores.get(key)
        if value is None or value == "":
            if complete:
                errors[key] = _("Give a score.")
            continue
        try:
            number = (
                int(value)
                if not isinstance(value, bool) and str(value).strip().lstrip("-").isdigit()
                else None
            )
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            errors[key] = _("A whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
            continue
        cleaned[key] = number
    if errors:
        raise ValueError(errors)
    return cleaned


def weighted_score(rubric: dict, scores: dict) -> Decimal | None:
    """The weighted mean of the scores, on the rubric's scale, to three decimals."""
    weights = {c["key"]: Decimal(str(c["weight"])) for c in rubric["criteria"]}
    if not weights or set(weights) - set(scores):
        return None
    total = sum(weights[k] * Decimal(scores[k]) for k in weights)
    return (total / sum(weights.values())).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
