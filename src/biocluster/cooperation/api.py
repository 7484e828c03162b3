"""The international cooperation API."""

from ninja import Router

router = Router(tags=["cooperation"])
