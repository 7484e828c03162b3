"""The indicators' rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. Cluster staff and administrators read
every indicator; nobody else does (the records behind them span every area).
"""

from types import SimpleNamespace

STAFF_ONLY_PAGE = "302 403 403 200 403 403 200"
STAFF_ONLY_API = "401 403 403 200 403 403 200"

PAGES = {
    ("indicators:dashboard", None, "get"): STAFF_ONLY_PAGE,
    ("indicators:recompute", None, "post"): "302 403 403 302 403 403 302",
    ("indicators:detail", "indicator", "get"): STAFF_ONLY_PAGE,
    ("indicators:figure_row", "indicator", "get"): STAFF_ONLY_PAGE,
    ("indicators:trend", "indicator", "get"): STAFF_ONLY_PAGE,
    ("indicators:historical_value", "indicator", "get"): STAFF_ONLY_PAGE,
    ("indicators:historical_value", "indicator", "post"): "302 403 403 302 403 403 302",
    ("indicators:export_csv", "indicator", "get"): STAFF_ONLY_PAGE,
    ("indicators:export_xlsx", "indicator", "get"): STAFF_ONLY_PAGE,
}

API = {
    ("/api/indicators", None, "get"): STAFF_ONLY_API,
    ("/api/indicators/{code}", "indicator", "get"): STAFF_ONLY_API,
    ("/api/indicators/{code}", "unknown_indicator", "get"): "401 403 403 404 403 403 404",
}


BODIES = {
    ("indicators:historical_value", "post"): {
        "year": 2024,
        "value": "78",
        "provenance": "historical",
        "source": "Press release of 24 February 2026",
    },
}


def world(request) -> dict:
    return {
        "indicator": SimpleNamespace(pk="directory.companies_on_site"),
        "unknown_indicator": SimpleNamespace(pk="directory.nothing"),
    }
