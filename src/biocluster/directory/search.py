"""Ranked full-text search over organisation names and bilingual descriptions.

PostgreSQL: a stored, generated tsvector column with a GIN index (names weighted
above descriptions; English and French stemming on their own descriptions).
SQLite: an FTS5 index kept in step by triggers, ranked with bm25.
Both are created by the migration `0002_search_index`.
"""

# ruff: noqa: S608, S611 - the SQL is constant; search text is always a bound parameter

import re

from django.db import connection
from django.db.models import FloatField, QuerySet
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
    # The match is a self-contained subquery so that the filtered queryset can itself
    # be nested (facets, exports) without naming the outer table.
    matching = RawSQL(f"SELECT id FROM {TABLE} WHERE search_document @@ {tsquery}", params)
    rank = RawSQL(f"ts_rank({TABLE}.search_document, {tsquery})", params, output_field=FloatField())
    return queryset.filter(pk__in=matching).annotate(rank=rank).order_by("-rank", "name", "pk")


def _fts5_expression(words: list[str]) -> str:
    return " ".join('"{}"*'.format(w.replace('"', "")) for w in words)


def _sqlite(queryset: QuerySet, words: list[str]) -> QuerySet:
    expression = _fts5_expression(words)
    matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (expression,))
    # bm25 is smaller for better matches; weights: name, acronym, description_en, description_fr.
    rank = RawSQL(
        f"(SELECT -bm25({FTS_TABLE}, 10.0, 8.0, 1.0, 1.0) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {TABLE}.id)",
        (expression,),
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=matching).annotate(rank=rank).order_by("-rank", "name", "pk")
