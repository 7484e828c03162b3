"""Rows of the permission matrix for the Django admin's URLs.

Each app's `tests/matrix.py` declares `ADMIN = admin_rows(...) | ...`, one call per model it
registers in the admin: the target (a key of the app's `world`, or None for any object of the
model, made by `ADMIN_OBJECTS[model]` when the world has none) and the writes the admin offers
through the app's services. Everyone but the administrator is sent to the admin's login page.
"""

# anonymous, member, organisation_administrator, staff, platform_manager, reviewer
SENT_TO_LOGIN = "302 302 302 302 302 302"

# The order the test visits them in, reads before writes, so that a deletion comes last.
VIEWS = [
    ("changelist", "get"),
    ("change", "get"),
    ("history", "get"),
    ("add", "get"),
    ("delete", "get"),
    ("change", "post"),
    ("delete", "post"),
]


def admin_rows(model: str, target: str | None = None, *, add=False, change=False, delete=False) -> dict:
    def row(administrator: int) -> str:
        return f"{SENT_TO_LOGIN} {administrator}"

    return {
        (model, target, "changelist", "get"): row(200),
        (model, target, "change", "get"): row(200),
        (model, target, "history", "get"): row(200),
        (model, target, "add", "get"): row(200 if add else 403),
        (model, target, "delete", "get"): row(200 if delete else 403),
        (model, target, "change", "post"): row(302 if change else 403),
        (model, target, "delete", "post"): row(302 if delete else 403),
    }
