"""Ranked full-text search over organisation names and bilingual descriptions.

PostgreSQL: a stored, generated tsvector column with a GIN index (names weighted
above descriptions; English and French stemming on their own descriptions).
SQLite: an FTS5 index kept in step by triggers, ranked with bm25.
Both are created by the migration `0002_search_index`.
"""

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

TABLE = "directory_organisation"
FTS_TABLE = "directory_organisation_fts"
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TOKENS = 12


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")[:MAX_TOKENS]


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations of `queryset` matching `text`, best first, annotated with `rank`."""
    words = tokens(text)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _postgresql(queryset, text, words)
    return _sqlite(queryset, words)


def _postgresql(queryset: QuerySet, text: str, words: list[str]) -> QuerySet:
    # Prefixes make partial words match as the user types; the stemmed queries
    # make "therapies" find "therapy" in either language.
    prefix = " & ".join(f"{w}:*" for w in words)
    tsquery = (
        "(to_tsquery('simple', %s) || websearch_to_tsquery('english', %s) "
        "|| websearch_to_tsquery('french', %s))"
    )
    params = (prefix, text, text)
    matches = RawSQL(f"{TABLE}.search_document @@ {tsquery}", params, output_field=BooleanField())  # noqa: S611
    rank = RawSQL(f"ts_rank({TABLE}.search_document, {tsquery})", params, output_field=FloatField())  # noqa: S611
    return queryset.filter(matches).annotate(rank=rank).order_by("-rank", "name", "pk")


def _fts5_expression(words: list[str]) -> str:
    return " ".join('"{}"*'.format(w.replace('"', "")) for w in words)


def _sqlite(queryset: QuerySet, words: list[str]) -> QuerySet:
    # bm25 is smaller for better matches; columns: name, acronym, description_en, description_fr.
    return queryset.extra(  # noqa: S610 - constant SQL, the match text is a bound parameter
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[_fts5_expression(words)],
        select={"rank": f"-bm25({FTS_TABLE}, 10.0, 8.0, 1.0, 1.0)"},
    ).order_by("-rank", "name", "pk")
