"""Which column of the file goes into which field.

A mapping is a list aligned with the file's headers: a field code, or "" for a
column to ignore. `auto_map` proposes one from the headers, in English or
French; the person may change it before the dry run.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .columns import by_code, columns, header_key

IGNORE = ""


def _names_of_fields() -> dict[str, str]:
    """Header key → field code, from codes, labels in both languages and aliases."""
    names: dict[str, str] = {}
    declared = columns()
    for column in declared:
        names.setdefault(header_key(column.code), column.code)
        for language in ("en", "fr"):
            with translation.override(language):
                names.setdefault(header_key(str(column.label)), column.code)
    # Aliases come last: a code or a label is a stronger hint than an alias.
    for column in declared:
        for alias in column.aliases:
            names.setdefault(header_key(alias), column.code)
    return names


def auto_map(headers: list[str]) -> list[str]:
    names = _names_of_fields()
    mapping, taken = [], set()
    for header in headers:
        code = names.get(header_key(header), IGNORE)
        if code in taken:
            code = IGNORE  # the first column with a name wins; the person can move it
        taken.add(code)
        mapping.append(code)
    return mapping


def from_names(headers: list[str], by_header: dict[str, str]) -> list[str]:
    """A mapping given as {header: field} (command line), the other columns auto-mapped."""
    mapping = auto_map(headers)
    keys = [header_key(h) for h in headers]
    given = {header_key(h): code for h, code in by_header.items()}
    unknown_headers = [h for h in by_header if header_key(h) not in keys]
    if unknown_headers:
        raise ValueError(
            _("These columns are not in the file: %(columns)s") % {"columns": ", ".join(unknown_headers)}
        )
    known = by_code()
    for code in given.values():
        if code and code not in known:
            raise ValueError(_("“%(field)s” is not an importable field.") % {"field": code})
    # A field given explicitly is taken away from the column auto-mapping chose for it.
    chosen = {code for code in given.values() if code}
    mapping = [IGNORE if code in chosen else code for code in mapping]
    for i, key in enumerate(keys):
        if key in given:
            mapping[i] = given[key]
    return mapping


def mapping_errors(headers: list[str], mapping: list[str]) -> list[str]:
    """What makes a mapping unusable, as sentences for the person."""
    errors = []
    if len(mapping) != len(headers):
        return [str(_("The mapping does not match the file's columns; upload the file again."))]
    known = by_code()
    columns_of: dict[str, list[str]] = {}
    for header, code in zip(headers, mapping, strict=True):
        if code and code not in known:
            errors.append(str(_("“%(field)s” is not an importable field.") % {"field": code}))
        elif code:
            columns_of.setdefault(code, []).append(header or "?")
    for code, headers_of_field in columns_of.items():
        if len(headers_of_field) > 1:
            errors.append(
                str(
                    _("Columns %(columns)s are all mapped to “%(field)s”: choose one.")
                    % {"columns": ", ".join(f"“{h}”" for h in headers_of_field), "field": known[code].label}
                )
            )
    for column in known.values():
        if column.required and column.code not in columns_of:
            errors.append(
                str(_("No column is mapped to “%(field)s”, which is required.") % {"field": column.label})
            )
    return errors
