"""/api/calls, /api/proposals and /api/reviews: the same rules as the pages.

A reviewer in conflict with a proposal gets a 404 for the proposal, its reviews and
its files, exactly as on the pages (see `access.py`).
"""

from ninja import Router

from . import calls, proposals, reviews

router = Router(tags=["calls"])
router.add_router("/", calls.router)
router.add_router("/", proposals.router)
router.add_router("/", reviews.router)
