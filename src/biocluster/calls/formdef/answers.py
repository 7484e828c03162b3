"""Validation of an applicant's answers against a (clean) form definition.

Pure apart from `resolver`, which says which people, organisations and attachments
exist. A draft may leave required fields empty (`complete=False`); a submission may
not. A key that is not a field of the form is an error, never silently dropped: a
tampered request saves nothing.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Protocol

from django.utils.translation import gettext as _

from .schema import field_map

MAX_DESCRIPTION = 200


class Resolver(Protocol):
    def people(self, ids: set[int]) -> set[int]: ...
    def organisations(self, ids: set[int], kinds: list[str]) -> set[int]: ...
    def attachments(self) -> dict[str, int]: ...


class AnswerErrors(ValueError):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(str(errors))
        self.errors = errors


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _decimal(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise InvalidOperation
    number = Decimal(str(value).strip().replace(",", "."))
    if not number.is_finite():
        raise InvalidOperation
    return number


@dataclass
class _Context:
    resolver: Resolver
    errors: dict[str, list[str]]

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


def _text(ctx, key, field, value):
    if not isinstance(value, str) or "\x00" in value:
        return ctx.fail(key, _("Enter text."))
    value = value.strip()
    if len(value) > field["max_length"]:
        return ctx.fail(
            key,
            _("At most %(limit)s characters (this has %(count)s).")
            % {"limit": field["max_length"], "count": len(value)},
        )
    if value and len(value) < field.get("min_length", 0):
        return ctx.fail(key, _("At least %(limit)s characters.") % {"limit": field["min_length"]})
    return value


def _number(ctx, key, field, value):
    try:
        number = _decimal(value)
    except (InvalidOperation, ValueError):
        return ctx.fail(key, _("Enter a number."))
    places = field.get("decimals", 0)
    if number != number.quantize(Decimal(1).scaleb(-places)):
        return ctx.fail(key, _("At most %(places)s decimal places.") % {"places": places})
    if field.get("min") is not None and number < Decimal(str(field["min"])):
        return ctx.fail(key, _("At least %(limit)s.") % {"limit": field["min"]})
    if field.get("max") is not None and number > Decimal(str(field["max"])):
        return ctx.fail(key, _("At most %(limit)s.") % {"limit": field["max"]})
    return str(number.quantize(Decimal(1).scaleb(-places)))


def _choice(ctx, key, field, value):
    allowed = {c["value"] for c in field["choices"]}
    values = value if field.get("multiple") else [value]
    if not isinstance(values, list) or any(not isinstance(v, str) or v not in allowed for v in values):
        return ctx.fail(key, _("Choose among the options offered."))
    return list(dict.fromkeys(values)) if field.get("multiple") else value


def _date(ctx, key, field, value):
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else value
        if not isinstance(day, date):
            raise ValueError
    except ValueError:
        return ctx.fail(key, _("Enter a date as YYYY-MM-DD."))
    if field.get("min") and day.isoformat() < field["min"]:
        return ctx.fail(key, _("On or after %(day)s.") % {"day": field["min"]})
    if field.get("max") and day.isoformat() > field["max"]:
        return ctx.fail(key, _("On or before %(day)s.") % {"day": field["max"]})
    return day.isoformat()


def _identifier(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _person(ctx, key, field, value):
    pk = _identifier(value)
    if pk is None or pk not in ctx.resolver.people({pk}):
        return ctx.fail(key, _("Choose a person of the directory."))
    return pk


def _organisation(ctx, key, field, value):
    pk = _identifier(value)
    if pk is None or pk not in ctx.resolver.organisations({pk}, field.get("kinds", [])):
        return ctx.fail(key, _("Choose an organisation of the directory of a kind this field accepts."))
    return pk


def _budget(ctx, key, field, value):
    if not isinstance(value, list) or len(value) > field["max_rows"]:
        return ctx.fail(key, _("At most %(limit)s budget lines.") % {"limit": field["max_rows"]})
    categories = {c["value"] for c in field["categories"]}
    rows, total = [], Decimal(0)
    for index, row in enumerate(value, start=1):
        if not isinstance(row, dict) or set(row) - {"category", "description", "amount"}:
            return ctx.fail(
                key, _("Line %(line)s: give a category, a description and an amount.") % {"line": index}
            )
        if all(_empty(row.get(name)) for name in ("category", "description", "amount")):
            continue
        if row.get("category") not in categories:
            return ctx.fail(key, _("Line %(line)s: choose a category.") % {"line": index})
        description = row.get("description") or ""
        if not isinstance(description, str) or len(description) > MAX_DESCRIPTION or "\x00" in description:
            return ctx.fail(
                key,
                _("Line %(line)s: a description of at most %(limit)s characters.")
                % {"line": index, "limit": MAX_DESCRIPTION},
            )
        try:
            amount = _decimal(row.get("amount"))
        except (InvalidOperation, ValueError):
            return ctx.fail(key, _("Line %(line)s: enter an amount in euros.") % {"line": index})
        if amount < 0 or amount != amount.quantize(Decimal("0.01")) or amount > Decimal("1e11"):
            return ctx.fail(
                key, _("Line %(line)s: an amount of zero or more, in euros and cents.") % {"line": index}
            )
        total += amount
        rows.append(
            {
                "category": row["category"],
                "description": description.strip(),
                "amount": str(amount.quantize(Decimal("0.01"))),
            }
        )
    if field.get("max_total") is not None and total > Decimal(str(field["max_total"])):
        return ctx.fail(
            key, _("The total (%(total)s) exceeds %(limit)s.") % {"total": total, "limit": field["max_total"]}
        )
    return rows


def _file(ctx, key, field, value):
    existing = ctx.resolver.attachments().get(key)
    if _identifier(value) != existing:
        return ctx.fail(key, _("Upload the file with the form; its answer cannot be set directly."))
    return existing


CLEANERS = {
    "text": _text,
    "number": _number,
    "choice": _choice,
    "date": _date,
    "person": _person,
    "organisation": _organisation,
    "budget": _budget,
    "file": _file,
}


def clean_answers(definition: dict, answers, *, complete: bool, resolver: Resolver) -> dict:
    """The answers, cleaned, or `AnswerErrors` naming each field at fault."""
    fields = field_map(definition)
    ctx = _Context(resolver=resolver, errors={})
    if not isinstance(answers, dict):
        raise AnswerErrors({"answers": [_("The answers must be an object keyed by field.")]})
    for key in answers:
        if key not in fields:
            ctx.fail(str(key)[:60], _("This is not a field of the form."))
    cleaned: dict = {}
    attached = resolver.attachments()
    for key, field in fields.items():
        value = answers.get(key)
        if field["type"] == "file":
            value = attached.get(key) if _empty(value) else value
        if _empty(value):
            if complete and field.get("required"):
                ctx.fail(key, _("This field is required."))
            continue
        result = CLEANERS[field["type"]](ctx, key, field, value)
        if key not in ctx.errors and not _empty(result):
            cleaned[key] = result
        elif key not in ctx.errors and complete and field.get("required"):
            ctx.fail(key, _("This field is required."))
    if ctx.errors:
        raise AnswerErrors(ctx.errors)
    return cleaned


def budget_total(rows) -> Decimal:
    return sum((Decimal(row["amount"]) for row in rows or []), Decimal(0))
