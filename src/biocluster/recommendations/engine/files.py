"""The command line's CSV files (issue #16), read and written without Django.

- ORGS.csv: ``id,name,kind,country,city,fields,description`` (and optionally ``stage``, ``offers``,
  ``seeks``); ``fields``, ``offers`` and ``seeks`` separated by ``;``; every column after ``id`` may
  be empty or missing; unknown columns are ignored.
- LINKS.csv: ``source,target,year`` with optional ``project`` and ``kind``; undirected; repeated
  pairs allowed and meaningful; an empty year is an undated link.
- QUERIES.csv: one column ``id``.
- SUGGESTIONS.csv: ``query,rank,candidate,score,reasons`` (reasons in English, separated by ``; ``).

A bad file raises `BadFile`, whose message names the file and the line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .reasons import english
from .types import Link, Organisation, Suggestion


class BadFile(ValueError):
    """A file the command cannot use; the message names the file and the line."""


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise BadFile(f"{path}: cannot be read ({error.strerror})") from error
    with handle:
        reader = csv.reader(handle)
        try:
            header = [(h or "").strip().casefold() for h in next(reader, [])]
        except (csv.Error, UnicodeDecodeError) as error:
            raise BadFile(f"{path}, line 1: not a readable CSV file ({error})") from error
        missing = [column for column in required if column not in header]
        if missing:
            raise BadFile(
                f"{path}, line 1: no “{missing[0]}” column (the header is: {', '.join(header) or 'empty'})"
            )
        try:
            for row in reader:
                if row:  # blank lines are skipped; missing trailing cells read as empty
                    yield reader.line_num, {k: v.strip() for k, v in zip(header, row, strict=False) if k}
        except (csv.Error, UnicodeDecodeError) as error:
            raise BadFile(f"{path}, line {reader.line_num}: not readable ({error})") from error


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def read_organisations(path: Path) -> list[Organisation]:
    out: list[Organisation] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, ("id",)):
        ident = row.get("id", "")
        if not ident:
            raise BadFile(f"{path}, line {line}: the id is empty")
        if ident in seen:
            raise BadFile(f"{path}, line {line}: the id “{ident}” is already on line {seen[ident]}")
        seen[ident] = line
        out.append(
            Organisation(
                id=ident,
                name=row.get("name", ""),
                kind=row.get("kind", ""),
                country=row.get("country", ""),
                city=row.get("city", ""),
                fields=_split(row.get("fields", "")),
                stage=row.get("stage", ""),
                offers=_split(row.get("offers", "")),
                seeks=_split(row.get("seeks", "")),
                description=row.get("description", ""),
            )
        )
    return out


def read_links(path: Path, known: Iterable[str]) -> list[Link]:
    known = set(known)
    out: list[Link] = []
    for line, row in _rows(path, ("source", "target")):
        ends = row.get("source", ""), row.get("target", "")
        for column, ident in zip(("source", "target"), ends, strict=True):
            if not ident:
                raise BadFile(f"{path}, line {line}: the {column} is empty")
            if ident not in known:
                raise BadFile(
                    f"{path}, line {line}: the {column} “{ident}” is not an id of the organisations file"
                )
        text = row.get("year", "")
        year = None
        if text:
            try:
                year = int(text)
            except ValueError:
                raise BadFile(f"{path}, line {line}: the year “{text}” is not a number") from None
        out.append(Link(ends[0], ends[1], year, row.get("kind", ""), row.get("project", "")))
    return out


def read_queries(path: Path, known: Iterable[str]) -> list[str]:
    known = set(known)
    out: list[str] = []
    for line, row in _rows(path, ("id",)):
        ident = row.get("id", "")
        if not ident:
            raise BadFile(f"{path}, line {line}: the id is empty")
        if ident not in known:
            raise BadFile(f"{path}, line {line}: the id “{ident}” is not an id of the organisations file")
        out.append(ident)
    return out


def write_suggestions(handle: IO[str], suggestions: dict[str, list[Suggestion]]) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["query", "rank", "candidate", "score", "reasons"])
    rows = 0
    for query, ranked in suggestions.items():
        for rank, s in enumerate(ranked, start=1):
            writer.writerow(
                [query, rank, s.candidate, f"{s.score:.6g}", "; ".join(english(r) for r in s.reasons)]
            )
            rows += 1
    return rows
