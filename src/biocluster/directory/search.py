"""Ranked full-text search over organisation names and bilingual descriptions.

PostgreSQL: a stored, generated tsvector column with a GIN index (names weighted
above descriptions; English and French stemming on their own descriptions).
SQLite: an FTS5 index kept in step by triggers, ranked with bm25.
Both are created by the migration `0002_search_index`. Both ignore accents, in the
text and in the query: SQLite's tokenizer removes diacritics, PostgreSQL's text
search configurations pass words through `unaccent` (migration
`0006_search_ignores_accents`), so "genethon" finds "Généthon" and back.

Matching and ranking are separate steps: `matching()` is a self-contained
subquery, so a filtered queryset can be nested (facets, counts, exports);
`by_relevance()` joins the index once, on the final query only, because a
per-row rank would re-run the match for every row.
"""

# ruff: noqa: S608, S610, S611 - the SQL is constant; search text is always a bound parameter

import re

from django.db import connection
from django.db.models import CharField, FloatField, Func, Q, QuerySet
from django.db.models.expressions import RawSQL

from .normalise import folded

TABLE = "directory_organisation"
FTS_TABLE = "directory_organisation_fts"
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TOKENS = 12

# Prefixes make partial words match as the user types; the stemmed queries
# make "therapies" find "therapy" in either language.
TSQUERY = (
    "(to_tsquery('biocluster_simple', %s) || websearch_to_tsquery('biocluster_english', %s)"
    " || websearch_to_tsquery('biocluster_french', %s))"
)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")[:MAX_TOKENS]


def _tsquery_params(text: str, words: list[str]) -> tuple[str, str, str]:
    return (" & ".join(f"{w}:*" for w in words), text, text)


def _fts5_expression(words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in words)


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations of `queryset` matching every word of `text` (prefixes included)."""
    words = tokens(text)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        subquery = RawSQL(
            f"SELECT id FROM {TABLE} WHERE search_document @@ {TSQUERY}", _tsquery_params(text, words)
        )
    else:
        subquery = RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (_fts5_expression(words),)
        )
    return queryset.filter(pk__in=subquery)


def by_relevance(queryset: QuerySet, text: str) -> QuerySet:
    """Order a final (not nested) queryset best match first, with a `rank` annotation."""
    words = tokens(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        rank = RawSQL(
            f"ts_rank({TABLE}.search_document, {TSQUERY})",
            _tsquery_params(text, words),
            output_field=FloatField(),
        )
        return queryset.annotate(rank=rank).order_by("-rank", "name", "pk")
    # Weights: name, acronym, description_en, description_fr; bm25 is lower for better matches.
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[_fts5_expression(words)],
        select={"rank": f"-bm25({FTS_TABLE}, 10.0, 8.0, 1.0, 1.0)"},
    ).order_by("-rank", "name", "pk")


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations of `queryset` matching `text`, best first."""
    return by_relevance(matching(queryset, text), text)


class Unaccent(Func):
    """The text without its accents: PostgreSQL's `unaccent` (the extension the search's
    configurations use), on SQLite the same-named function each connection is given
    (`register_sqlite_functions`)."""

    function = "unaccent"
    output_field = CharField()


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, folded, deterministic=True)


def search_people(queryset: QuerySet, text: str) -> QuerySet:
    """People of `queryset` whose first or last name holds every word of `text`, accents ignored."""
    words = [folded(word) for word in tokens(text)]
    if not words:
        return queryset.none()
    queryset = queryset.alias(first=Unaccent("first_name"), last=Unaccent("last_name"))
    for word in words:
        queryset = queryset.filter(Q(first__icontains=word) | Q(last__icontains=word))
    return queryset
