"""A server process imports the heavy libraries only where they are used (issue 11).

Every view module is imported at start (the URLconf, the warm-up): none of them may
import a charting, PDF, spreadsheet, graph or solver library at module level, so
that starting a process and serving the common pages never pay for them.
"""

import json
import os
import subprocess
import sys

HEAVY = ["altair", "vl_convert", "pandas", "highspy", "ortools", "reportlab", "openpyxl", "scipy", "numpy"]
HEAVY += ["networkx"]

PROBE = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(name for name in json.loads(sys.argv[1]) if name in sys.modules)))
"""


def test_importing_every_view_imports_no_heavy_library():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "biocluster.config.test_settings",
        "BIOCLUSTER_WARM_UP": "0",
    }
    found = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", PROBE, json.dumps(HEAVY)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(found.stdout.strip().splitlines()[-1]) == []
