"""The funder contracts API."""

from ninja import Router

router = Router(tags=["funder-contracts"])
