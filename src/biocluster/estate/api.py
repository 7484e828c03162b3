"""The real estate API."""

from ninja import Router

router = Router(tags=["estate"])
