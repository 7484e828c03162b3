"""Row-by-row checks, turning the text of a row into the values of an organisation.

Every lookup (kinds, campuses, fields, stages) is loaded once into
dictionaries, so checking a row costs no query. An error names the row as the
spreadsheet numbers it (header = row 1), the column as the file calls it, and
says what to write instead. Errors are stored as a code and parameters and
turned into sentences when shown, in the reader's language.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..countries import ALIASES, ISO_3166
from ..identifiers import validate_national_id, validate_pic, validate_vat_number
from ..models import Campus, Organisation, OrganisationKind, Tag, TechnologyField, ValueChainStage
from ..normalise import identifier
from .columns import FALSE_WORDS, FORMULA_START, KIND_ALIASES, TRUE_WORDS, by_code, header_key, split_values

DEFAULT_COUNTRY = Organisation._meta.get_field("country").default
MIN_YEAR = 1000
MAX_HEADCOUNT = 2_147_483_647
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
VALUE_SHOWN = 100
COUNTRY = re.compile(r"^[A-Za-z]{2}$")
INTEGER = re.compile(r"^[+]?\d+(?:\.0+)?$")
THOUSANDS = re.compile(r"[\s\u00a0\u202f']")

MESSAGES = {
    "required": _("This column is required and the cell is empty."),
    "too_long": _("At most %(max)s characters; this cell has %(length)s."),
    "unknown_kind": _("Unknown kind “%(value)s”. Use one of: %(choices)s (code or name, English or French)."),
    "invalid_url": _("“%(value)s” is not a valid web address."),
    "not_integer": _("“%(value)s” is not a whole number."),
    "year_range": _("The year must be between %(min)s and %(max)s."),
    "headcount_range": _("The headcount must be between 0 and %(max)s."),
    "unknown_campus": _("Unknown campus “%(value)s”. The campuses are: %(choices)s."),
    "invalid_country": _("“%(value)s” is not a two-letter country code (ISO 3166) such as FR, DE or US."),
    "invalid_pic": _("“%(value)s” is not a PIC (EU Participant Identification Code): 9 digits."),
    "invalid_vat": _(
        "“%(value)s” is not a VAT number: a two-letter country prefix, then 2 to 13 letters or digits."
    ),
    "invalid_national_id": _(
        "“%(value)s” is not a national identifier: letters and digits only, at most 30."
    ),
    "invalid_siren": _(
        "In France the national identifier is a SIREN (9 digits) or a SIRET (14 digits) with a valid "
        "check digit; “%(value)s” is neither."
    ),
    "unknown_fields": _("Unknown technology fields: %(values)s. Use their codes or names."),
    "unknown_stages": _("Unknown value-chain stages: %(values)s. Use: %(choices)s."),
    "tag_too_long": _("The tag “%(value)s” is longer than %(max)s characters."),
    "invalid_boolean": _("“%(value)s” is not yes or no (yes/no, oui/non, true/false, 1/0)."),
}


WARNINGS = {
    "country_alias": _("“%(value)s” is not an ISO 3166 country code: read as %(code)s."),
}
WARNING_ROWS_KEPT = 20


def message(error: dict) -> str:
    """The sentence for a stored error, in the active language."""
    template = MESSAGES.get(error.get("code")) or WARNINGS.get(error.get("code"), _("Invalid value."))
    try:
        return str(template) % (error.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


def _keys(*names: str) -> list[str]:
    return [header_key(name) for name in names if name]


@dataclass
class Lookups:
    """Everything a row may refer to, loaded once per dry run or apply."""

    kinds: dict[str, str] = field(default_factory=dict)
    campuses: dict[str, Campus] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)
    stage_codes: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> "Lookups":
        lookups = cls()
        for code, label in OrganisationKind.choices:
            for key in _keys(code):
                lookups.kinds.setdefault(key, code)
            for language in ("en", "fr"):
                with translation.override(language):
                    for key in _keys(str(label)):
                        lookups.kinds.setdefault(key, code)
        for code, aliases in KIND_ALIASES.items():
            for key in _keys(*aliases):
                lookups.kinds.setdefault(key, code)
        for campus in Campus.objects.all():
            lookups.campuses.setdefault(header_key(campus.name), campus)
        for pk, code, name_en, name_fr in TechnologyField.objects.values_list(
            "pk", "code", "name_en", "name_fr"
        ):
            for key in _keys(code, name_en, name_fr):
                lookups.fields.setdefault(key, pk)
        for pk, code, name_en, name_fr in ValueChainStage.objects.values_list(
            "pk", "code", "name_en", "name_fr"
        ):
            lookups.stage_codes.append(code)
            for key in _keys(code, name_en, name_fr):
                lookups.stages.setdefault(key, pk)
        return lookups


class RowChecker:
    """Checks rows of one file, given its mapping; `check(number, cells)` → (values, errors)."""

    # Columns whose few distinct values repeat down the file: their outcome is remembered.
    REPEATING = frozenset(
        {"kind", "campus", "country", "technology_fields", "value_chain_stages", "tags", "is_listed"}
    )
    MEMO_SIZE = 50_000

    def __init__(self, *, headers: list[str], mapping: list[str], lookups: Lookups):
        self.lookups = lookups
        known = by_code()
        self.website_max_length = known["website"].max_length
        self.columns = [
            (i, code, headers[i], known[code], getattr(self, f"_{code}", None), code in self.REPEATING)
            for i, code in enumerate(mapping)
            if code
        ]
        self.url_validator = URLValidator(schemes=["http", "https"])
        self.max_year = timezone.localdate().year
        self.kind_choices = ", ".join(code for code, _label in OrganisationKind.choices)
        self.campus_choices = ", ".join(c.name for c in lookups.campuses.values()) or "—"
        self.memo: dict[tuple[str, str], tuple] = {}
        self.country_column = next(
            (header for _i, code, header, *_r in self.columns if code == "country"), ""
        )
        # (code, value, read as) → [count, first rows]: a value read differently is said once, with its rows.
        self.warnings: dict[tuple[str, str, str], list] = {}

    def warning_report(self) -> list[dict]:
        return [
            {
                "code": code,
                "column": self.country_column,
                "params": {"value": value, "code": read_as},
                "count": count,
                "rows": rows,
            }
            for (code, value, read_as), (count, rows) in self.warnings.items()
        ]

    def _warn(self, number: int, code: str, value: str, read_as: str) -> None:
        entry = self.warnings.setdefault((code, value, read_as), [0, []])
        entry[0] += 1
        if len(entry[1]) < WARNING_ROWS_KEPT:
            entry[1].append(number)

    def check(self, number: int, cells: list[str]) -> tuple[dict, list[dict]]:
        values: dict = {}
        errors: list[dict] = []
        for index, code, header, column, parse, repeating in self.columns:
            text = cells[index]
            if text[:1] == "'" and text[1:2] in FORMULA_START:
                text = text[1:]
            if not text:
                if column.required:
                    errors.append(self._error(number, header, code, "required", {}, text))
                continue
            if column.max_length and len(text) > column.max_length and code != "website":
                params = {"max": column.max_length, "length": len(text)}
                errors.append(self._error(number, header, code, "too_long", params, text))
                continue
            if parse is None:
                values[code] = text
                continue
            outcome = self.memo.get((code, text)) if repeating else None
            if outcome is None:
                outcome = self._parse(parse, text)
                if repeating and len(self.memo) < self.MEMO_SIZE:
                    self.memo[code, text] = outcome
            if outcome[0]:
                values[code] = list(outcome[1]) if isinstance(outcome[1], list) else outcome[1]
                if code == "country" and text.upper() in ALIASES:
                    self._warn(number, "country_alias", text.upper(), values[code])
            else:
                errors.append(self._error(number, header, code, outcome[1], outcome[2], text))
        if values.get("national_id"):
            try:
                validate_national_id(values["national_id"], values.get("country", DEFAULT_COUNTRY))
            except ValidationError as error:
                header = next(h for _i, c, h, *_r in self.columns if c == "national_id")
                params = {"value": values["national_id"]}
                errors.append(
                    self._error(number, header, "national_id", error.code, params, values["national_id"])
                )
        return values, errors

    @staticmethod
    def _parse(parse, text) -> tuple:
        """(True, value) or (False, error code, params)."""
        try:
            return (True, parse(text))
        except _Invalid as invalid:
            return (False, invalid.code, invalid.params)

    @staticmethod
    def _error(number, header, code, error_code, params, text) -> dict:
        return {
            "row": number,
            "column": header,
            "field": code,
            "code": error_code,
            "params": params,
            "value": text[:VALUE_SHOWN],
        }

    def _kind(self, text):
        try:
            return self.lookups.kinds[header_key(text)]
        except KeyError:
            raise _Invalid("unknown_kind", value=text, choices=self.kind_choices) from None

    def _website(self, text):
        url = text if "://" in text else "https://" + text
        if len(url) > self.website_max_length:
            raise _Invalid("too_long", max=self.website_max_length, length=len(url))
        try:
            self.url_validator(url)
        except ValidationError:
            raise _Invalid("invalid_url", value=text) from None
        return url

    @staticmethod
    def _integer(text) -> int:
        plain = THOUSANDS.sub("", text)
        if not INTEGER.match(plain):
            raise _Invalid("not_integer", value=text)
        return int(plain.split(".")[0])

    def _founded_year(self, text):
        # A date typed in a spreadsheet cell ("2015-03-01") stands for its year.
        year = self._integer(text[:4] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else text)
        if not MIN_YEAR <= year <= self.max_year:
            raise _Invalid("year_range", min=MIN_YEAR, max=self.max_year)
        return year

    def _headcount(self, text):
        count = self._integer(text)
        if count > MAX_HEADCOUNT:
            raise _Invalid("headcount_range", max=MAX_HEADCOUNT)
        return count

    def _campus(self, text):
        try:
            return self.lookups.campuses[header_key(text)]
        except KeyError:
            raise _Invalid("unknown_campus", value=text, choices=self.campus_choices) from None

    @staticmethod
    def _country(text):
        code = text.upper()
        code = ALIASES.get(code, code)
        if not COUNTRY.match(text) or code not in ISO_3166:
            raise _Invalid("invalid_country", value=text)
        return code

    @staticmethod
    def _identifier(text, validate, error_code):
        value = identifier(text)
        try:
            validate(value)
        except ValidationError:
            raise _Invalid(error_code, value=text) from None
        return value

    def _eu_pic(self, text):
        return self._identifier(text, validate_pic, "invalid_pic")

    def _vat_number(self, text):
        return self._identifier(text, validate_vat_number, "invalid_vat")

    def _national_id(self, text):
        # The French check needs the row's country: it is made once the whole row is read.
        return self._identifier(text, validate_national_id, "invalid_national_id")

    def _technology_fields(self, text):
        return self._many(text, self.lookups.fields, "unknown_fields", {})

    def _value_chain_stages(self, text):
        return self._many(
            text, self.lookups.stages, "unknown_stages", {"choices": ", ".join(self.lookups.stage_codes)}
        )

    @staticmethod
    def _many(text, lookup, error_code, params) -> list[int]:
        ids, unknown = [], []
        for value in split_values(text):
            pk = lookup.get(header_key(value))
            if pk is None:
                unknown.append(value)
            elif pk not in ids:
                ids.append(pk)
        if unknown:
            raise _Invalid(error_code, values=", ".join(f"“{v}”" for v in unknown), **params)
        return ids

    @staticmethod
    def _tags(text):
        tags: dict[str, str] = {}
        for value in split_values(text):
            if len(value) > TAG_MAX_LENGTH:
                raise _Invalid("tag_too_long", value=value, max=TAG_MAX_LENGTH)
            tags.setdefault(value.lower(), value)
        return list(tags.values())

    @staticmethod
    def _is_listed(text):
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise _Invalid("invalid_boolean", value=text)


class _Invalid(Exception):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params
