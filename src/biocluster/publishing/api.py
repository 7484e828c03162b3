"""The published figures and reports API."""

from ninja import Router

router = Router(tags=["publishing"])
