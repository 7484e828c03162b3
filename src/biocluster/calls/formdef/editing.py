"""Changes the form builder makes to a definition: add, move and remove sections and fields.

Pure: each returns a new definition, which the service validates as a whole before
saving, so a change that would break the form saves nothing.
"""

import copy

from django.utils.translation import gettext as _


class EditError(ValueError):
    pass


def add_section(definition: dict, section: dict) -> dict:
    result = copy.deepcopy(definition)
    result.setdefault("sections", []).append({**section, "fields": []})
    return result


def remove_section(definition: dict, key: str) -> dict:
    result = copy.deepcopy(definition)
    sections = [s for s in result.get("sections", []) if s.get("key") != key]
    if len(sections) == len(result.get("sections", [])):
        raise EditError(_("No section %(key)s.") % {"key": key})
    result["sections"] = sections
    return result


def add_field(definition: dict, section_key: str, field: dict) -> dict:
    result = copy.deepcopy(definition)
    for section in result.get("sections", []):
        if section.get("key") == section_key:
            section.setdefault("fields", []).append(field)
            return result
    raise EditError(_("No section %(key)s.") % {"key": section_key})


def remove_field(definition: dict, key: str) -> dict:
    result = copy.deepcopy(definition)
    for section in result.get("sections", []):
        kept = [f for f in section.get("fields", []) if f.get("key") != key]
        if len(kept) != len(section.get("fields", [])):
            section["fields"] = kept
            return result
    raise EditError(_("No field %(key)s.") % {"key": key})


def move_field(definition: dict, key: str, step: int) -> dict:
    """Move a field up (-1) or down (+1) within its section."""
    result = copy.deepcopy(definition)
    for section in result.get("sections", []):
        fields = section.get("fields", [])
        for index, field in enumerate(fields):
            if field.get("key") == key:
                target = index + step
                if 0 <= target < len(fields):
                    fields[index], fields[target] = fields[target], fields[index]
                return result
    raise EditError(_("No field %(key)s.") % {"key": key})


def parse_options(text: str) -> list[dict]:
    """Lines of ``value | English | Français`` into options (checked later by the schema)."""
    options = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        while len(parts) < 3:
            parts.append("")
        options.append({"value": parts[0], "label_en": parts[1], "label_fr": parts[2]})
    return options


def format_options(options: list[dict]) -> str:
    return "\n".join(f"{o['value']} | {o['label_en']} | {o['label_fr']}" for o in options or [])
