"""Identifiers that tell organisations apart: the EU's PIC, a VAT number, a national number.

Two organisations with the same name in two countries are two organisations
(France's INRA and Morocco's INRA); two rows with the same PIC are one. The
import's duplicate detection (`importing/duplicates.py`) uses these first.
Values are stored without spaces, dots or dashes, in capitals (`normalise.identifier`).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PIC = re.compile(r"^\d{9}$")
# An EU VAT number: the country prefix (EL for Greece, XI for Northern Ireland), then 2 to 13 characters.
VAT = re.compile(r"^[A-Z]{2}[0-9A-Z+*]{2,13}$")
NATIONAL = re.compile(r"^[0-9A-Z]{1,30}$")
SIREN = re.compile(r"^\d{9}$")
SIRET = re.compile(r"^\d{14}$")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return total % 10 == 0


def validate_pic(value: str) -> None:
    if value and not PIC.match(value):
        raise ValidationError(
            _("A PIC (EU Participant Identification Code) has 9 digits; “%(value)s” does not."),
            code="invalid_pic",
            params={"value": value},
        )


def validate_vat_number(value: str) -> None:
    if value and not VAT.match(value):
        raise ValidationError(
            _("“%(value)s” is not a VAT number: a two-letter country prefix then 2 to 13 letters or digits."),
            code="invalid_vat",
            params={"value": value},
        )


def validate_national_id(value: str, country: str = "") -> None:
    """Any letters and digits; in France, a SIREN (9 digits) or SIRET (14), with their check digit."""
    if not value:
        return
    if not NATIONAL.match(value):
        raise ValidationError(
            _("“%(value)s” is not a national identifier: letters and digits only, at most 30."),
            code="invalid_national_id",
            params={"value": value},
        )
    if country == "FR" and not (
        (SIREN.match(value) or SIRET.match(value)) and (luhn_valid(value) or value.startswith("356000000"))
    ):
        # La Poste's SIRETs (SIREN 356000000) are the one documented exception to the check digit.
        raise ValidationError(
            _(
                "In France the national identifier is a SIREN (9 digits) or a SIRET (14 digits); “%(value)s” is neither."
            ),
            code="invalid_siren",
            params={"value": value},
        )


# Shown grouped, as registers print them; stored and compared without spaces (`normalise.identifier`).


def _groups(value: str, sizes: tuple[int, ...]) -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(value[start : start + size])
        start += size
    return " ".join(part for part in parts if part)


def readable_pic(value: str) -> str:
    """999 990 000"""
    return _groups(value, (3, 3, 3)) if PIC.match(value or "") else value


def readable_national_id(value: str, country: str = "") -> str:
    """A SIREN as 303 265 045 (SIREN), a SIRET as 303 265 045 00012 (SIRET); others as stored."""
    if country == "FR" and SIREN.match(value or ""):
        return f"{_groups(value, (3, 3, 3))} (SIREN)"
    if country == "FR" and SIRET.match(value or ""):
        return f"{_groups(value, (3, 3, 3, 5))} (SIRET)"
    return value


def readable_vat_number(value: str) -> str:
    """The country prefix apart: FR 40 303 265 045 (key and SIREN in France), DE 123456789."""
    if not value or not VAT.match(value):
        return value
    prefix, rest = value[:2], value[2:]
    if prefix == "FR" and len(rest) == 11:
        return f"FR {rest[:2]} {_groups(rest[2:], (3, 3, 3))}"
    return f"{prefix} {rest}"
