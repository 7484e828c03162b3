"""Input types shared by the API's schemas: bounded, and free of NUL characters.

Unbounded integers overflow SQLite and NUL characters break PostgreSQL text;
both must be a 422 naming the field, never a 500.
"""

from typing import Annotated

from ninja import Path
from pydantic import AfterValidator, Field

MAX_ID = 2**63 - 1


def _no_nul(value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def Text(max_length: int, min_length: int = 0):
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_no_nul)]


ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, Field(default=None, ge=1, le=MAX_ID)]
