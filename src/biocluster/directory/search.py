"""Ranked full-text search over organisation names and bilingual descriptions.

PostgreSQL: a stored, generated tsvector column with a GIN index (names weighted
above descriptions; English and French stemming on their own descriptions).
SQLite: an FTS5 index kept in step by triggers, ranked with bm25.
Both are created by the migration `0002_search_index`. Both ignore accents, in the
text and in the query: SQLite's tokenizer removes diacritics, PostgreSQL's text
search configurations pass words through `unaccent` (migration
`0006_search_ignores_accents`), so "genethon" finds "Généthon" and back.

Matching and ranking are separate steps: `matching()` filters a queryset that can
still be nested (facets, counts, exports): a condition on the table's own column on
PostgreSQL, a subquery of the FTS5 index on SQLite; `by_relevance()` joins the index
(SQLite) once, on the final query only, because a per-row rank would re-run the match
for every row.

A broad search ("bio", "cell") matches a large part of a big directory: counting and
ranking every match cost hundreds of milliseconds at 100,000 organisations. The pages
therefore count a search no further than `SEARCH_LIMIT + 1` ("more than 1,000") and,
when it matches more, rank `SEARCH_LIMIT` of the matches only (`first_rows()`, then
`by_relevance(..., among=...)`): both databases then score a thousand rows, not every
match. Those rows are first the organisations whose name or acronym matches (what
people search for, and what ranks highest), then other matches. The API counts and
ranks every match.
"""

# ruff: noqa: S608, S610, S611 - the SQL is constant; search text is always a bound parameter

import json
import re

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet, TextField
from django.db.models.expressions import Col, Expression, RawSQL

from .normalise import person_words

TABLE = "directory_organisation"
FTS_TABLE = "directory_organisation_fts"
SEARCH_LIMIT = 1000
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


# The name and acronym only: their own document, built with the simple configuration
# (`search_sql.POSTGRESQL_NAME_FORWARD`), with an index of its own.
NAME_TSQUERY = "to_tsquery('biocluster_simple', %s)"


def _tsquery_params(text: str, words: list[str]) -> tuple[str, str, str]:
    return (" & ".join(f"{w}:*" for w in words), text, text)


def _name_tsquery_params(words: list[str]) -> tuple[str]:
    return (" & ".join(f"{w}:*" for w in words),)


def _fts5_expression(words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in words)


def _fts5_name_expression(words: list[str]) -> str:
    return f"{{name acronym}} : ({_fts5_expression(words)})"


class _Matches(Expression):
    """PostgreSQL: `search_document @@ query` on the organisation table of the query it filters.

    A condition on the table itself, not `id IN (SELECT id ... WHERE ...)`: through that
    subquery of the same table, the planner could not use the index on the outer rows
    and, to rank, scored every listed organisation before joining the matches. The
    column is resolved to the query's own alias, so that the queryset can still be
    nested (its alias is then relabelled, as a field's would be).
    """

    conditional = True
    output_field = BooleanField()

    def __init__(
        self,
        params: tuple[str, ...],
        column: Col | None = None,
        query: str = TSQUERY,
        document: str = "search_document",
    ):
        super().__init__()
        self.params = params
        self.column = column
        self.query = query
        self.document = document

    def get_source_expressions(self):
        return [self.column] if self.column is not None else []

    def set_source_expressions(self, expressions):
        if expressions:
            (self.column,) = expressions

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        document = TextField()
        document.set_attributes_from_name(self.document)
        document.model = query.model
        return _Matches(self.params, Col(query.get_initial_alias(), document), self.query, self.document)

    def as_sql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        return f"{column} @@ {self.query}", (*column_params, *self.params)


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations of `queryset` matching every word of `text` (prefixes included)."""
    words = tokens(text)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return queryset.filter(_Matches(_tsquery_params(text, words)))
    return queryset.filter(pk__in=_fts5_rowids(_fts5_expression(words)))


def matching_by_name(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations of `queryset` whose name or acronym holds every word of `text`
    (prefixes included, accents ignored)."""
    words = tokens(text)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return queryset.filter(
            _Matches(_name_tsquery_params(words), query=NAME_TSQUERY, document="name_document")
        )
    return queryset.filter(pk__in=_fts5_rowids(_fts5_name_expression(words)))


def _fts5_rowids(expression: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (expression,))


def first_rows(
    queryset: QuerySet, named: QuerySet, limit: int = SEARCH_LIMIT
) -> tuple[int, tuple[int, ...] | None]:
    """How many rows a search's `queryset` has, counted no further than `limit + 1`, and,
    when it has more, the ids of `limit` of them (else None): the ones
    `by_relevance(among=)` ranks.

    Those are first the rows of `named`, the same query matching the name or acronym
    only (`matching_by_name`, a subset), up to `limit`, then other rows: without that, a
    broad search could leave its best match, an organisation named by the words, out of
    the rows it ranks. `named` is a query of its own, not `queryset` narrowed: the match
    on every column would then be computed again, for every match.

    One query for the ids of `limit + 1` rows; a search with more a second one, for the
    name matches. SQLite takes the first by id: its index hands the matches in that
    order. PostgreSQL takes them in the order it finds them, which lets it stop early,
    by the search index for rare words, by the table for common ones: asking for the
    first by id, it walked the primary key through half the table for rarer words.
    """
    order = ("pk",) if connection.vendor == "sqlite" else ()
    ids = list(queryset.order_by(*order).values_list("pk", flat=True)[: limit + 1])
    if len(ids) <= limit:
        return len(ids), None
    names = list(named.order_by(*order).values_list("pk", flat=True)[:limit])
    taken = set(names)
    others = [pk for pk in ids if pk not in taken]
    return limit + 1, tuple(names + others[: limit - len(names)])


def by_relevance(queryset: QuerySet, text: str, *, among: tuple[int, ...] | None = None) -> QuerySet:
    """Order a final (not nested) queryset best match first, with a `rank` annotation.

    With `among` (from `first_rows`), only those rows are ranked and returned: the rank
    is then computed for them, not for every match.
    """
    words = tokens(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        if among is not None:
            # One array parameter: a thousand-value `pk__in` cost Django more than the query.
            queryset = queryset.extra(where=[f"{TABLE}.id = ANY(%s)"], params=[list(among)])
        params = _tsquery_params(text, words)
        rank = RawSQL(f"ts_rank({TABLE}.search_document, {TSQUERY})", params, output_field=FloatField())
        return queryset.annotate(rank=rank).order_by("-rank", "name", "pk")
    # Weights: name, acronym, description_en, description_fr; bm25 is lower for better matches.
    where = [f"{FTS_TABLE}.rowid = {TABLE}.id", f"{FTS_TABLE} MATCH %s"]
    params: list = [_fts5_expression(words)]
    if among is not None:
        # One JSON parameter, and `+` so that SQLite does not hand each rowid to FTS5 as a
        # constraint (it would re-run the match once per row): the match is read once and
        # only the rows of `among` are scored.
        where.append(f"+{FTS_TABLE}.rowid IN (SELECT value FROM json_each(%s))")
        params.append(json.dumps(among))
    return queryset.extra(
        tables=[FTS_TABLE],
        where=where,
        params=params,
        select={"rank": f"-bm25({FTS_TABLE}, 10.0, 8.0, 1.0, 1.0)"},
    ).order_by("-rank", "name", "pk")


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations of `queryset` matching `text`, best first."""
    return by_relevance(matching(queryset, text), text)


def search_people(queryset: QuerySet, text: str) -> QuerySet:
    """People of `queryset` whose names hold every word of `text`, accents, case, hyphens and
    apostrophes aside ("helene dupre" finds Hélène Dupré-Martin).

    Each word is looked for in the stored key of the names (`Person.name_key`): one column, no
    function for each row (the names unaccented row by row took about 180 ms at 100,000 people
    on SQLite)."""
    words = [word for token in tokens(text) for word in person_words(token)]
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(name_key__contains=word)
    return queryset
