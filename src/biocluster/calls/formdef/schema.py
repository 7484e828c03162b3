"""Validation of a form definition: a JSON-schema-like check, written out so that every
error names where it is (``sections[1].fields[0].max_length``) in words staff understand.

A definition::

    {"sections": [{"key": "project", "title_en": "...", "title_fr": "...",
                   "help_en": "", "help_fr": "",
                   "fields": [{"key": "abstract", "type": "text", "label_en": "...",
                               "label_fr": "...", "required": true, "max_length": 3000}]}]}

Pure: no database, so the builder page, the API and the tests share it.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
VALUE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

FIELD_TYPES = ("text", "number", "choice", "date", "person", "organisation", "budget", "file")
MAX_SECTIONS = 30
MAX_FIELDS = 200
MAX_TEXT = 20_000
MAX_LABEL = 200
MAX_HELP = 2_000
MAX_CHOICES = 100
MAX_BUDGET_ROWS = 50
MAX_FILE_MB = 25
MAX_NUMBER = Decimal("1000000000000")
FILE_EXTENSIONS = ("pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "png", "jpg", "jpeg")
ORGANISATION_KINDS = (
    "startup",
    "sme",
    "large_company",
    "research_lab",
    "research_organisation",
    "platform",
    "university",
    "hospital",
    "investor",
    "funder",
    "public_body",
    "cluster",
    "network",
    "other",
)

COMMON = {"key", "type", "label_en", "label_fr", "help_en", "help_fr", "required"}
SPECIFIC = {
    "text": {"max_length", "min_length", "multiline"},
    "number": {"min", "max", "decimals"},
    "choice": {"choices", "multiple"},
    "date": {"min", "max"},
    "person": set(),
    "organisation": {"kinds"},
    "budget": {"categories", "max_rows", "max_total"},
    "file": {"extensions", "max_size_mb"},
}
SECTION_KEYS = {"key", "title_en", "title_fr", "help_en", "help_fr", "fields"}


class DefinitionError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class _Check:
    def __init__(self):
        self.errors: list[str] = []

    def fail(self, path: str, problem: str) -> None:
        self.errors.append(_("%(path)s: %(problem)s") % {"path": path, "problem": problem})

    def text(self, obj: dict, name: str, path: str, *, required: bool, limit: int) -> str:
        value = obj.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(f"{path}.{name}", _("must be text"))
            return ""
        if "\x00" in value:
            self.fail(f"{path}.{name}", _("must not contain NUL characters"))
            return ""
        value = value.strip()
        if required and not value:
            self.fail(f"{path}.{name}", _("is required, in English and in French"))
        if len(value) > limit:
            self.fail(f"{path}.{name}", _("is longer than %(limit)s characters") % {"limit": limit})
        return value

    def integer(self, obj, name, path, *, low, high, default=None):
        value = obj.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                f"{path}.{name}",
                _("must be a whole number from %(low)s to %(high)s") % {"low": low, "high": high},
            )
            return default
        return value

    def number(self, obj, name, path):
        value = obj.get(name)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value))
            if not number.is_finite() or abs(number) > MAX_NUMBER:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.fail(f"{path}.{name}", _("must be a number"))
            return None
        return int(number) if number == number.to_integral_value() else float(number)

    def boolean(self, obj, name, path, default=False) -> bool:
        value = obj.get(name, default)
        if not isinstance(value, bool):
            self.fail(f"{path}.{name}", _("must be true or false"))
            return default
        return value

    def unknown(self, obj: dict, allowed: set, path: str) -> None:
        for name in sorted(set(obj) - allowed, key=str):
            self.fail(f"{path}.{name}", _("is not a known property"))

    def options(self, obj, name, path, *, required: bool) -> list[dict]:
        items = obj.get(name, [] if not required else None)
        if not isinstance(items, list) or (required and not items) or len(items) > MAX_CHOICES:
            self.fail(
                f"{path}.{name}",
                _("must be a list of 1 to %(limit)s options") % {"limit": MAX_CHOICES},
            )
            return []
        seen, cleaned = set(), []
        for index, item in enumerate(items):
            where = f"{path}.{name}[{index}]"
            if not isinstance(item, dict):
                self.fail(where, _("must be an object with value, label_en and label_fr"))
                continue
            self.unknown(item, {"value", "label_en", "label_fr"}, where)
            value = item.get("value")
            if not isinstance(value, str) or not VALUE.match(value):
                self.fail(
                    f"{where}.value",
                    _("must be 1 to 40 lower-case letters, digits, - or _"),
                )
                continue
            if value in seen:
                self.fail(f"{where}.value", _("repeats %(value)s") % {"value": value})
            seen.add(value)
            cleaned.append(
                {
                    "value": value,
                    "label_en": self.text(item, "label_en", where, required=True, limit=MAX_LABEL),
                    "label_fr": self.text(item, "label_fr", where, required=True, limit=MAX_LABEL),
                }
            )
        return cleaned


def _iso_date(check: _Check, obj: dict, name: str, path: str):
    value = obj.get(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        pass
    check.fail(f"{path}.{name}", _("must be a date as YYYY-MM-DD"))
    return None


def _field(check: _Check, raw, path: str) -> dict | None:
    if not isinstance(raw, dict):
        check.fail(path, _("must be an object"))
        return None
    kind = raw.get("type")
    if kind not in FIELD_TYPES:
        check.fail(f"{path}.type", _("must be one of: %(types)s") % {"types": ", ".join(FIELD_TYPES)})
        return None
    check.unknown(raw, COMMON | SPECIFIC[kind], path)
    field = {
        "key": raw.get("key"),
        "type": kind,
        "label_en": check.text(raw, "label_en", path, required=True, limit=MAX_LABEL),
        "label_fr": check.text(raw, "label_fr", path, required=True, limit=MAX_LABEL),
        "help_en": check.text(raw, "help_en", path, required=False, limit=MAX_HELP),
        "help_fr": check.text(raw, "help_fr", path, required=False, limit=MAX_HELP),
        "required": check.boolean(raw, "required", path),
    }
    if not isinstance(field["key"], str) or not KEY.match(field["key"]):
        check.fail(
            f"{path}.key",
            _("must start with a lower-case letter, then up to 39 lower-case letters, digits or _"),
        )
    if kind == "text":
        field["max_length"] = check.integer(raw, "max_length", path, low=1, high=MAX_TEXT, default=MAX_TEXT)
        field["min_length"] = check.integer(raw, "min_length", path, low=0, high=MAX_TEXT, default=0)
        if (field["min_length"] or 0) > (field["max_length"] or MAX_TEXT):
            check.fail(f"{path}.min_length", _("must not exceed max_length"))
        field["multiline"] = check.boolean(raw, "multiline", path)
    elif kind == "number":
        field["min"] = check.number(raw, "min", path)
        field["max"] = check.number(raw, "max", path)
        field["decimals"] = check.integer(raw, "decimals", path, low=0, high=4, default=0)
        if field["min"] is not None and field["max"] is not None and field["min"] > field["max"]:
            check.fail(f"{path}.min", _("must not exceed max"))
    elif kind == "choice":
        field["choices"] = check.options(raw, "choices", path, required=True)
        field["multiple"] = check.boolean(raw, "multiple", path)
    elif kind == "date":
        field["min"] = _iso_date(check, raw, "min", path)
        field["max"] = _iso_date(check, raw, "max", path)
        if field["min"] and field["max"] and field["min"] > field["max"]:
            check.fail(f"{path}.min", _("must not be after max"))
    elif kind == "organisation":
        kinds = raw.get("kinds", [])
        if not isinstance(kinds, list) or any(k not in ORGANISATION_KINDS for k in kinds):
            check.fail(
                f"{path}.kinds",
                _("must be a list among: %(kinds)s") % {"kinds": ", ".join(ORGANISATION_KINDS)},
            )
            kinds = []
        field["kinds"] = list(dict.fromkeys(kinds))
    elif kind == "budget":
        field["categories"] = check.options(raw, "categories", path, required=True)
        field["max_rows"] = check.integer(raw, "max_rows", path, low=1, high=MAX_BUDGET_ROWS, default=10)
        field["max_total"] = check.number(raw, "max_total", path)
    elif kind == "file":
        extensions = raw.get("extensions", ["pdf"])
        if (
            not isinstance(extensions, list)
            or not extensions
            or any(not isinstance(e, str) or e.lower().lstrip(".") not in FILE_EXTENSIONS for e in extensions)
        ):
            check.fail(
                f"{path}.extensions",
                _("must be a list among: %(extensions)s") % {"extensions": ", ".join(FILE_EXTENSIONS)},
            )
            extensions = ["pdf"]
        field["extensions"] = list(dict.fromkeys(e.lower().lstrip(".") for e in extensions))
        size = check.number(raw, "max_size_mb", path)
        if size is None:
            size = 10
        if not 0 < size <= MAX_FILE_MB:
            check.fail(
                f"{path}.max_size_mb",
                _("must be more than 0 and at most %(limit)s") % {"limit": MAX_FILE_MB},
            )
            size = 10
        field["max_size_mb"] = size
    return field


def clean_definition(data) -> dict:
    """The definition with defaults filled in; raises `DefinitionError` listing every problem."""
    check = _Check()
    if not isinstance(data, dict):
        raise DefinitionError([_("The form must be an object with a list of sections.")])
    check.unknown(data, {"sections"}, "form")
    sections = data.get("sections")
    if not isinstance(sections, list) or len(sections) > MAX_SECTIONS:
        raise DefinitionError(
            [
                *check.errors,
                _("form.sections: must be a list of at most %(limit)s sections") % {"limit": MAX_SECTIONS},
            ]
        )
    cleaned, keys, count = [], set(), 0
    for s_index, raw in enumerate(sections):
        path = f"sections[{s_index}]"
        if not isinstance(raw, dict):
            check.fail(path, _("must be an object"))
            continue
        check.unknown(raw, SECTION_KEYS, path)
        section = {
            "key": raw.get("key"),
            "title_en": check.text(raw, "title_en", path, required=True, limit=MAX_LABEL),
            "title_fr": check.text(raw, "title_fr", path, required=True, limit=MAX_LABEL),
            "help_en": check.text(raw, "help_en", path, required=False, limit=MAX_HELP),
            "help_fr": check.text(raw, "help_fr", path, required=False, limit=MAX_HELP),
            "fields": [],
        }
        if not isinstance(section["key"], str) or not KEY.match(section["key"]):
            check.fail(
                f"{path}.key",
                _("must start with a lower-case letter, then up to 39 lower-case letters, digits or _"),
            )
        fields = raw.get("fields", [])
        if not isinstance(fields, list):
            check.fail(f"{path}.fields", _("must be a list"))
            fields = []
        for f_index, raw_field in enumerate(fields):
            field = _field(check, raw_field, f"{path}.fields[{f_index}]")
            count += 1
            if field is None:
                continue
            if field["key"] in keys:
                check.fail(f"{path}.fields[{f_index}].key", _("repeats %(value)s") % {"value": field["key"]})
            keys.add(field["key"])
            section["fields"].append(field)
        cleaned.append(section)
    if count > MAX_FIELDS:
        check.fail("form", _("has more than %(limit)s fields") % {"limit": MAX_FIELDS})
    section_keys = [s["key"] for s in cleaned]
    if len(set(section_keys)) != len(section_keys):
        check.fail("form.sections", _("two sections share a key"))
    if check.errors:
        raise DefinitionError(check.errors)
    return {"sections": cleaned}


def fields_of(definition: dict):
    """Every field of a (clean) definition, in order."""
    for section in definition.get("sections", []):
        yield from section.get("fields", [])


def field_map(definition: dict) -> dict[str, dict]:
    return {field["key"]: field for field in fields_of(definition)}
