"""The partner recommendation API."""

from ninja import Router

router = Router(tags=["recommendations"])
