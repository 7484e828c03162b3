"""Import of links between organisations from CSV or XLSX: check every row, then write all or nothing.

Each side of a link (the source, which is the link's subject, and the target, its
object) is named by one of: the organisation's id, its EU PIC, or its name with
its country (France when the country is left empty), the same three ways as
`POST /api/links`. Columns are recognised by their headers as organisations' are
(`columns.header_key`), or given as a mapping {header: field}.

A link already in the directory, or earlier in the file, is not an error: it is
counted as already recorded and left alone (for partnerships and collaborations,
in either direction). Everything else that is wrong is a row error, and a file
with errors writes nothing.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from biocluster.audit import services as audit

from .. import caching
from ..models import SYMMETRIC_LINK_KINDS, LinkKind, Organisation, OrganisationLink
from ..normalise import identifier, name_key
from .columns import header_key
from .reading import open_table
from .validation import VALUE_SHOWN

CREATED = "directory.link.imported"
ERRORS_KEPT = 500
SIDES = ("source", "target")
FIELDS = {
    "source_id": ("source id", "subject id", "from id"),
    "source_pic": ("source pic", "subject pic", "from pic"),
    "source_name": (
        "source",
        "source name",
        "subject",
        "subject name",
        "from",
        "organisation",
        "organisation 1",
    ),
    "source_country": ("source country", "subject country", "from country", "country 1"),
    "target_id": ("target id", "object id", "to id"),
    "target_pic": ("target pic", "object pic", "to pic"),
    "target_name": ("target", "target name", "object", "object name", "to", "partner", "organisation 2"),
    "target_country": ("target country", "object country", "to country", "country 2"),
    "kind": ("kind", "type", "link", "relation", "nature"),
    "project": ("project", "projet", "project name", "acronym"),
    "year": ("year", "annee"),
    "start_date": ("start date", "from date", "start", "debut", "date de debut"),
    "end_date": ("end date", "to date", "end", "fin", "date de fin"),
    "source_document": ("source document", "data source", "provenance", "origine"),
}
FIELD_LABELS = {
    "source_id": _("Source: id in the directory"),
    "source_pic": _("Source: EU PIC"),
    "source_name": _("Source: name"),
    "source_country": _("Source: country"),
    "target_id": _("Target: id in the directory"),
    "target_pic": _("Target: EU PIC"),
    "target_name": _("Target: name"),
    "target_country": _("Target: country"),
    "kind": _("Kind of link"),
    "project": _("Project"),
    "year": _("Year"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "source_document": _("Source document"),
}
KIND_WORDS = {
    **{header_key(kind.value): kind.value for kind in LinkKind},
    **{header_key(str(kind.label)): kind.value for kind in LinkKind},
    "partner": LinkKind.PARTNER_OF,
    "partenaire": LinkKind.PARTNER_OF,
    "partenaire de": LinkKind.PARTNER_OF,
    "member": LinkKind.MEMBER_OF,
    "membre de": LinkKind.MEMBER_OF,
    "client": LinkKind.CLIENT_OF,
    "client de": LinkKind.CLIENT_OF,
    "spin off": LinkKind.SPIN_OFF_OF,
    "essaimage de": LinkKind.SPIN_OFF_OF,
    "investor": LinkKind.INVESTED_IN,
    "a investi dans": LinkKind.INVESTED_IN,
    "collaboration": LinkKind.COLLABORATES_WITH,
    "collabore avec": LinkKind.COLLABORATES_WITH,
    "co participation": LinkKind.COLLABORATES_WITH,
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
YEAR = re.compile(r"^\d{4}(?:\.0+)?$")

MESSAGES = {
    "no_reference": _("Name the %(side)s organisation: its id, its PIC, or its name (and country)."),
    "unknown_organisation": _("No organisation matches the %(side)s “%(value)s”."),
    "ambiguous_organisation": _(
        "Several organisations are called “%(value)s” in %(country)s: give the %(side)s's id or PIC."
    ),
    "unknown_kind": _("Unknown kind of link “%(value)s”. Use one of: %(choices)s."),
    "invalid_date": _("“%(value)s” is not a date (YYYY-MM-DD) or a year."),
    "ends_before_start": _("The link ends before it starts."),
    "same_organisation": _("The source and the target are the same organisation."),
    "project_required": _("A collaboration names its project: the project cell is empty."),
    "too_long": _("At most %(max)s characters; this cell has %(length)s."),
}


def message(error: dict) -> str:
    template = MESSAGES.get(error.get("code"), _("Invalid value."))
    try:
        return str(template) % (error.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


def auto_map(headers: list[str]) -> list[str]:
    names = {}
    for code, aliases in FIELDS.items():
        names.setdefault(header_key(code), code)
        for alias in aliases:
            names.setdefault(header_key(alias), code)
    mapping, taken = [], set()
    for header in headers:
        code = names.get(header_key(header), "")
        mapping.append("" if code in taken else code)
        taken.add(code)
    return mapping


def mapping_errors(mapping: list[str]) -> list[str]:
    chosen = set(mapping)
    errors = [
        str(_("No column names the %(side)s organisation (id, PIC or name).") % {"side": side})
        for side in SIDES
        if not chosen & {f"{side}_id", f"{side}_pic", f"{side}_name"}
    ]
    if "kind" not in chosen:
        errors.append(str(_("No column is mapped to the kind of link, which is required.")))
    return errors


def field_label(code: str) -> str:
    return str(FIELD_LABELS.get(code, code))


def full_mapping_errors(headers: list[str], mapping: list[str]) -> list[str]:
    """`mapping_errors`, and a mapping that does not fit the file or names a field twice or unknown."""
    if len(mapping) != len(headers):
        return [str(_("The mapping does not match the file's columns; upload the file again."))]
    errors = [
        str(_("“%(field)s” is not an importable field.") % {"field": code})
        for code in mapping
        if code and code not in FIELDS
    ]
    for code in dict.fromkeys(code for code in mapping if code):
        columns = [header for header, chosen in zip(headers, mapping, strict=True) if chosen == code]
        if len(columns) > 1:
            errors.append(
                str(
                    _("Columns %(columns)s are all mapped to “%(field)s”: choose one.")
                    % {"columns": ", ".join(columns), "field": field_label(code)}
                )
            )
    return errors + mapping_errors(mapping)


class _Directory:
    """Every organisation's id, PIC and (country, name key), loaded once for the whole file."""

    def __init__(self):
        self.ids: set[int] = set()
        self.pics: dict[str, int] = {}
        self.names: dict[tuple[str, str], list[int]] = {}
        for pk, pic, country, key in Organisation.objects.values_list("pk", "eu_pic", "country", "name_key"):
            self.ids.add(pk)
            if pic:
                self.pics.setdefault(pic, pk)
            self.names.setdefault((country, key), []).append(pk)


@dataclass
class LinkReport:
    counts: Counter = field(default_factory=lambda: Counter(rows=0, new=0, already=0, errors=0, error_rows=0))
    errors: list[dict] = field(default_factory=list)
    links: list[OrganisationLink] = field(default_factory=list)
    already: list[dict] = field(default_factory=list)
    errors_kept: int | None = ERRORS_KEPT  # None: every error

    def add_errors(self, errors: list[dict]) -> None:
        self.counts["errors"] += len(errors)
        self.counts["error_rows"] += 1
        if self.errors_kept is None:
            self.errors.extend(errors)
        else:
            self.errors.extend(errors[: max(0, self.errors_kept - len(self.errors))])


class _RowChecker:
    def __init__(self, headers: list[str], mapping: list[str]):
        self.columns = [(i, code, headers[i]) for i, code in enumerate(mapping) if code]
        self.header_of = {code: header for _i, code, header in self.columns}
        self.directory = _Directory()
        self.kind_choices = ", ".join(kind.value for kind in LinkKind)
        self.project_max = OrganisationLink._meta.get_field("project").max_length
        self.source_max = OrganisationLink._meta.get_field("source").max_length

    def _error(self, number, code_of_field, code, params, value="") -> dict:
        return {
            "row": number,
            "column": self.header_of.get(code_of_field, code_of_field),
            "field": code_of_field,
            "code": code,
            "params": params,
            "value": str(value)[:VALUE_SHOWN],
        }

    def _organisation(self, number, side, cells, errors) -> int | None:
        given = {name: cells.get(f"{side}_{name}", "") for name in ("id", "pic", "name", "country")}
        side_label = str(_("source") if side == "source" else _("target"))
        if given["id"]:
            value = given["id"].split(".")[0]
            if value.isdigit() and int(value) in self.directory.ids:
                return int(value)
            params = {"side": side_label, "value": given["id"]}
            errors.append(self._error(number, f"{side}_id", "unknown_organisation", params, given["id"]))
            return None
        if given["pic"]:
            pk = self.directory.pics.get(identifier(given["pic"]))
            if pk is None:
                params = {"side": side_label, "value": given["pic"]}
                errors.append(
                    self._error(number, f"{side}_pic", "unknown_organisation", params, given["pic"])
                )
            return pk
        if given["name"]:
            country = (given["country"] or "FR").upper()
            found = self.directory.names.get((country, name_key(given["name"])), [])
            if len(found) == 1:
                return found[0]
            code = "ambiguous_organisation" if found else "unknown_organisation"
            params = {"side": side_label, "value": given["name"], "country": country}
            errors.append(self._error(number, f"{side}_name", code, params, given["name"]))
            return None
        errors.append(self._error(number, f"{side}_name", "no_reference", {"side": side_label}))
        return None

    def _date(self, number, code, text, errors) -> date | None:
        if not text:
            return None
        try:
            if YEAR.match(text):
                return date(int(text[:4]), 12, 31) if code == "end_date" else date(int(text[:4]), 1, 1)
            if DATE.match(text):
                return date.fromisoformat(text[:10])
        except ValueError:
            pass
        errors.append(self._error(number, code, "invalid_date", {"value": text}, text))
        return None

    def check(self, number: int, row: list[str]) -> tuple[OrganisationLink | None, list[dict]]:
        cells = {code: row[i].strip() for i, code, _h in self.columns}
        errors: list[dict] = []
        subject = self._organisation(number, "source", cells, errors)
        object = self._organisation(number, "target", cells, errors)
        kind = KIND_WORDS.get(header_key(cells.get("kind", "")))
        if kind is None:
            params = {"value": cells.get("kind", ""), "choices": self.kind_choices}
            errors.append(self._error(number, "kind", "unknown_kind", params, cells.get("kind", "")))
        project, source = cells.get("project", ""), cells.get("source_document", "")
        for code, text, limit in (
            ("project", project, self.project_max),
            ("source_document", source, self.source_max),
        ):
            if len(text) > limit:
                errors.append(
                    self._error(number, code, "too_long", {"max": limit, "length": len(text)}, text)
                )
        start = self._date(number, "start_date", cells.get("start_date") or cells.get("year", ""), errors)
        end = self._date(number, "end_date", cells.get("end_date", ""), errors)
        if start and end and end < start:
            errors.append(self._error(number, "end_date", "ends_before_start", {}, cells.get("end_date", "")))
        if subject is not None and subject == object:
            errors.append(self._error(number, "target_name", "same_organisation", {}))
        if kind == LinkKind.COLLABORATES_WITH and not project:
            errors.append(self._error(number, "project", "project_required", {}))
        if errors:
            return None, errors
        link = OrganisationLink(
            subject_id=subject,
            object_id=object,
            kind=kind,
            project=project[: self.project_max],
            start_date=start,
            end_date=end,
            source=source,
        )
        return link, []


def _key(link: OrganisationLink) -> tuple:
    ends = (link.subject_id, link.object_id)
    if link.kind in SYMMETRIC_LINK_KINDS:
        ends = (min(ends), max(ends))
    return (*ends, link.kind, link.project)


def _recorded() -> set[tuple]:
    return {
        _key(OrganisationLink(subject_id=s, object_id=o, kind=k, project=p))
        for s, o, k, p in OrganisationLink.objects.values_list("subject_id", "object_id", "kind", "project")
    }


def columns_for(headers: list[str], mapping: dict[str, str] | None = None) -> list[str]:
    """A field code (or "") per column: recognised from the headers, or as `mapping` {header: field} says."""
    columns = auto_map(headers)
    if mapping:
        given = {header_key(h): code for h, code in mapping.items()}
        columns = [
            given.get(header_key(h), "" if code in given.values() else code)
            for h, code in zip(headers, columns, strict=True)
        ]
    return columns


def check_rows(
    headers: list[str], columns: list[str], rows, progress=None, every: int = 2000, errors_kept=ERRORS_KEPT
) -> LinkReport:
    """Check every (number, cells) row against the directory; `progress(rows read)` every `every` rows."""
    report = LinkReport(errors_kept=errors_kept)
    checker = _RowChecker(headers, columns)
    seen = _recorded()
    for number, row in rows:
        report.counts["rows"] += 1
        if progress is not None and report.counts["rows"] % every == 0:
            progress(report.counts["rows"])
        link, errors = checker.check(number, row)
        if errors:
            report.add_errors(errors)
            continue
        key = _key(link)
        if key in seen:
            report.counts["already"] += 1
            report.already.append({"row": number})
            continue
        seen.add(key)
        report.counts["new"] += 1
        report.links.append(link)
    return report


def check_links(binary, format: str, mapping: dict[str, str] | None = None) -> tuple[list[str], LinkReport]:
    """Read and check every row; returns the mapping used and the report (links ready to write)."""
    with open_table(binary, format) as table:
        columns = columns_for(table.headers, mapping)
        problems = mapping_errors(columns)
        if problems:
            raise ValueError(problems)
        return columns, check_rows(table.headers, columns, table.rows)


CHUNK = 2000


@transaction.atomic
def apply_links(*, actor, report: LinkReport, file_name: str = "", data=None, on_chunk=None) -> int:
    """Write the checked links, all or nothing; a report with errors writes nothing.

    By chunks: `on_chunk(links written)` after each (a background job's sign of life)."""
    if report.counts["errors"]:
        raise ValueError("The file has errors; nothing was written.")
    created = 0
    for start in range(0, len(report.links), CHUNK):
        chunk = OrganisationLink.objects.bulk_create(report.links[start : start + CHUNK])
        audit.record_many_created(
            actor=actor, objects=chunk, action=CREATED, data={"file": file_name, **(data or {})}
        )
        created += len(chunk)
        if on_chunk is not None:
            on_chunk(created)
    transaction.on_commit(caching.bump, robust=True)
    return created
