"""The the annual company survey API."""

from ninja import Router

router = Router(tags=["surveys"])
