import os
import subprocess
import sys

SHOW = "from biocluster.config import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"


def test_sqlite_connections_persist_between_requests(tmp_path):
    """A new SQLite connection parses the whole schema on its first statement (6-7 ms):
    a page served from the cache paid it on every request when connections were closed."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("CONN_MAX_AGE", None)
    shown = subprocess.run(  # noqa: S603 - this interpreter, constant code
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "60"
