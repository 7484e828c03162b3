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


def test_the_command_says_what_is_missing_without_a_secret_key():
    """Run outside the demo and the tests without SECRET_KEY, the command printed a traceback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SECRET_KEY", "DEBUG", "BIOCLUSTER_DEMO", "BIOCLUSTER_TESTING", "DJANGO_SETTINGS_MODULE"}
    }
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from biocluster.cli import main; sys.exit(main(['biocluster', 'check']))",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("biocluster: SECRET_KEY must be set") and "Traceback" not in done.stderr
    assert "BIOCLUSTER_DEMO=1" in done.stderr
