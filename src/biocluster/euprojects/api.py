"""The eu and international projects API."""

from ninja import Router

router = Router(tags=["eu-projects"])
