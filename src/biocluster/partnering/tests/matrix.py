"""The partnering rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

PAGES = {}
API = {}
BODIES = {}


def world(request):
    return {}
