"""What every API operation shares: the error body and the page of a list.

Lists use django-ninja's pagination (`@paginate` with the class named in
`NINJA_PAGINATION_CLASS`), so that each list keeps the documented `limit`/`offset`
parameters and `{count, items}` body without slicing by hand.
"""

from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, prefetch_related_objects
from django.http import QueryDict
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 1_000_000  # beyond, SQLite's integers overflow: a 422, never a 500


class Error(Schema):
    """The body of every refusal: a sentence, or one entry per invalid field."""

    detail: str | list


class LimitOffset(LimitOffsetPagination):
    """`limit` (25 by default, 200 at most) and `offset` (bounded), answered as `{count, items}`."""

    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class Shaped:
    """A queryset whose page is turned into API bodies by `shape` once sliced.

    `count` counts another queryset where the listed one carries costly annotations
    (a search rank); `prefetch` is done on the page only.
    """

    def __init__(
        self,
        queryset: QuerySet,
        shape: Callable,
        *,
        count: QuerySet | None = None,
        prefetch: Sequence[str] = (),
    ):
        self.queryset, self.shape, self.prefetch = queryset, shape, prefetch
        self.counted = queryset if count is None else count

    def all(self):  # ninja counts `queryset.all().count()`
        return self

    def count(self) -> int:
        return self.counted.count()

    def __getitem__(self, page: slice) -> list:
        items = list(self.queryset[page])
        prefetch_related_objects(items, *self.prefetch)
        return [self.shape(item) for item in items]


def filtered(filterset_class, query: Schema, queryset: QuerySet, request=None) -> QuerySet:
    """The list's filter set, the same as its page's, applied to the API's validated query
    (`request` for the filters that depend on who asks, such as `mine`)."""
    data = QueryDict(mutable=True)
    for name, value in query.dict(exclude_none=True).items():
        values = value if isinstance(value, list) else [value]
        data.setlist(name, [item.isoformat() if hasattr(item, "isoformat") else str(item) for item in values])
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(
            {field: [str(m) for m in messages] for field, messages in filterset.errors.items()}
        )
    return filterset.qs
